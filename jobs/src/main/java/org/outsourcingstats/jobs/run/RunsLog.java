package org.outsourcingstats.jobs.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.tables.Tables;

/** Appends one row per step to the {@code runs} table. */
public final class RunsLog {
  private final PipelineContext context;

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
  public void succeeded(StepResult step) {
    boolean partial = !step.heldBatches().isEmpty();
    write(
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
  public void failed(String job, Instant startedAt, Throwable error) {
    write(
        Tables.RUNS
            .row()
            .set("run_id", context.runId())
            .set("job", job)
            .set("started_at", Timestamp.from(startedAt))
            .set("finished_at", Timestamp.from(Instant.now()))
            .set("status", FAILED)
            .set("error", Errors.cause(error))
            .build());
  }

  /** Most characters of {@code runs.error}: a message, never a parser's dump or a stack trace. */
  static final int MAX_ERROR_CHARS = 1000;

  private void write(Row row) {
    context
        .tables()
        .append(Tables.RUNS, context.spark().createDataFrame(List.of(row), Tables.RUNS.schema()));
  }
}
