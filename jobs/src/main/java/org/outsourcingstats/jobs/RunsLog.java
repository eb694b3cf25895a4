package org.outsourcingstats.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.outsourcingstats.common.delta.TableSchemas;

/** Appends one row per step to the {@code runs} table. */
public final class RunsLog {
  private final PipelineContext context;

  public RunsLog(PipelineContext context) {
    this.context = context;
  }

  public void succeeded(StepResult step) {
    write(RowFactory.create(context.runId(), step.job(), Timestamp.from(step.startedAt()),
        Timestamp.from(step.finishedAt()), "SUCCEEDED", step.rowsRead(), step.rowsAccepted(), step.rowsQuarantined(),
        step.rowsDuplicate(), step.rowsWritten(), null));
  }

  public void failed(String job, Instant startedAt, Throwable error) {
    write(RowFactory.create(context.runId(), job, Timestamp.from(startedAt), Timestamp.from(Instant.now()), "FAILED",
        null, null, null, null, null, String.valueOf(error.getMessage())));
  }

  private void write(Row row) {
    context.tables().append(TableSchemas.RUNS,
        context.spark().createDataFrame(List.of(row), TableSchemas.RUNS_SCHEMA));
  }
}
