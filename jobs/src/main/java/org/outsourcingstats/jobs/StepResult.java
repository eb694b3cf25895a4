package org.outsourcingstats.jobs;

import java.time.Instant;

/**
 * What one step of a run did, as recorded in the {@code runs} table. For the step that validates raw rows,
 * {@code rowsRead = rowsAccepted + rowsQuarantined + rowsDuplicate}.
 */
public record StepResult(String job, Instant startedAt, Instant finishedAt, long rowsRead, long rowsAccepted,
                         long rowsQuarantined, long rowsDuplicate, long rowsWritten, String detail) {

  /** True when every row read is accounted for. */
  public boolean reconciles() {
    return rowsRead == rowsAccepted + rowsQuarantined + rowsDuplicate;
  }
}
