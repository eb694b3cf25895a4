package org.outsourcingstats.jobs.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * The {@code runs} rows of one invocation, one per step, appended together in one commit ({@link
 * #commit}), their file written on the driver: a run's bookkeeping costs one Delta commit and no
 * Spark job, so a run with nothing new runs none. The SPEC allows it; a failed step's row is
 * committed before the failure is reported, and a process killed before its end leaves no rows, as
 * it leaves its last step's writes to be completed by the next run.
 */
public final class RunsLog {
  private final PipelineContext context;
  private final List<Row> pending = new ArrayList<>();

  public RunsLog(PipelineContext context) {
    this.context = context;
  }

  /** Statuses of a step in {@code runs}. */
  public static final String SUCCEEDED = "SUCCEEDED";

  public static final String PARTIAL = "PARTIAL";
  public static final String FAILED = "FAILED";

  /**
   * Records a step that completed; PARTIAL, with the batches and how to release them, when it set
   * batches aside.
   */
  public RunsLog succeeded(StepResult step) {
    boolean partial = !step.heldBatches().isEmpty();
    return add(
        Tables.RUNS
            .row()
            .set("run_id", context.runId())
            .set("job", step.job())
            .set("started_at", Timestamp.from(step.startedAt()))
            .set("finished_at", Timestamp.from(step.finishedAt()))
            .set("status", partial ? PARTIAL : SUCCEEDED)
            .set("rows_read", step.rowsRead())
            .set("rows_accepted", step.rowsAccepted())
            .set("rows_quarantined", step.rowsQuarantined())
            .set("rows_duplicate", step.rowsDuplicate())
            .set("rows_written", step.rowsWritten())
            .set(
                "error",
                partial
                    ? Errors.abbreviate(
                        Errors.batchesHeld(step.heldBatches()).getMessage(), MAX_ERROR_CHARS)
                    : null)
            .build());
  }

  /** Records a step that failed, with the first line of its cause. */
  public RunsLog failed(String job, Instant startedAt, Throwable error) {
    return add(
        Tables.RUNS
            .row()
            .set("run_id", context.runId())
            .set("job", job)
            .set("started_at", Timestamp.from(startedAt))
            .set("finished_at", Timestamp.from(Instant.now()))
            .set("status", FAILED)
            .set("error", Errors.abbreviate(Errors.cause(error), MAX_ERROR_CHARS))
            .build());
  }

  /** Most characters of {@code runs.error}: a message, never a parser's dump or a stack trace. */
  static final int MAX_ERROR_CHARS = 1000;

  private RunsLog add(Row row) {
    pending.add(row);
    return this;
  }

  /** Appends the rows recorded since the last commit, in one commit; none when there are none. */
  public void commit() {
    if (pending.isEmpty()) {
      return;
    }
    context.tables().append(Tables.RUNS, List.copyOf(pending));
    pending.clear();
  }
}
