package org.outsourcingstats.jobs.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one step of a run did, as recorded in the {@code runs} table. For the step that validates
 * raw rows, {@code rowsRead = rowsAccepted + rowsQuarantined + rowsDuplicate}.
 *
 * @param heldBatches the batches the step set aside, each with the first line of its cause
 *     (normalize only)
 * @param quarantinedByReason the rows quarantined, by reason code (normalize only; empty when none)
 */
public record StepResult(
    String job,
    Instant startedAt,
    Instant finishedAt,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    long rowsDuplicate,
    long rowsWritten,
    String detail,
    Map<String, String> heldBatches,
    Map<String, Long> quarantinedByReason) {
  public StepResult {
    heldBatches = Collections.unmodifiableMap(new LinkedHashMap<>(heldBatches));
    quarantinedByReason = Collections.unmodifiableMap(new TreeMap<>(quarantinedByReason));
  }

  /** The result of a step that counts no quarantined row by reason. */
  public StepResult(
      String job,
      Instant startedAt,
      Instant finishedAt,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      long rowsDuplicate,
      long rowsWritten,
      String detail,
      Map<String, String> heldBatches) {
    this(
        job,
        startedAt,
        finishedAt,
        rowsRead,
        rowsAccepted,
        rowsQuarantined,
        rowsDuplicate,
        rowsWritten,
        detail,
        heldBatches,
        Map.of());
  }

  /** The result of a step that sets nothing aside. */
  public StepResult(
      String job,
      Instant startedAt,
      Instant finishedAt,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      long rowsDuplicate,
      long rowsWritten,
      String detail) {
    this(
        job,
        startedAt,
        finishedAt,
        rowsRead,
        rowsAccepted,
        rowsQuarantined,
        rowsDuplicate,
        rowsWritten,
        detail,
        Map.of());
  }

  /**
   * The result of a step that validates nothing: every row it read counts as accepted into what it
   * computes (a gold step, ingest, maintain), none is quarantined.
   */
  public static StepResult unvalidated(
      String job, Instant startedAt, long rowsRead, long rowsWritten, String detail) {
    return new StepResult(job, startedAt, Instant.now(), rowsRead, 0, 0, 0, rowsWritten, detail);
  }

  /** True when every row read is accounted for. */
  public boolean reconciles() {
    return rowsRead == rowsAccepted + rowsQuarantined + rowsDuplicate;
  }
}
