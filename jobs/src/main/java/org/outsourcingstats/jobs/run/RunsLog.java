package org.outsourcingstats.jobs.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.common.error.Errors;

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

  /** Records a step that completed; PARTIAL, with the batches and how to release them, when it set batches aside. */
  public void succeeded(StepResult step) {
    boolean partial = !step.heldBatches().isEmpty();
    write(RowFactory.create(context.runId(), step.job(), Timestamp.from(step.startedAt()),
        Timestamp.from(step.finishedAt()), partial ? PARTIAL : SUCCEEDED, step.rowsRead(), step.rowsAccepted(),
        step.rowsQuarantined(), step.rowsDuplicate(), step.rowsWritten(),
        partial ? Errors.abbreviate(Errors.batchesHeld(step.heldBatches()).getMessage(), MAX_ERROR_CHARS) : null));
  }

  /** Records a step that failed, with the first line of its cause. */
  public void failed(String job, Instant startedAt, Throwable error) {
    write(RowFactory.create(context.runId(), job, Timestamp.from(startedAt), Timestamp.from(Instant.now()), FAILED,
        null, null, null, null, null, Errors.cause(error)));
  }

  /** Most characters of {@code runs.error}: a message, never a parser's dump or a stack trace. */
  static final int MAX_ERROR_CHARS = 1000;

  private void write(Row row) {
    context.tables().append(Tables.RUNS,
        context.spark().createDataFrame(List.of(row), Tables.RUNS.schema()));
  }
}
