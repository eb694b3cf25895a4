package org.outsourcingstats.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.TableState;
import org.outsourcingstats.jobs.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: tables, their Delta versions and sizes, and the last runs. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show every table with its Delta version, row count and last commit, and the last runs.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
      PipelineContext context = session.context();
      SparkSession spark = context.spark();
      String[] columns = {"table", "delta_version", "rows", "last_commit"};
      List<Row> tables = new ArrayList<>();
      for (PipelineTable table : Tables.ALL) {
        String name = context.tables().name(table);
        if (!context.tables().exists(table)) {
          tables.add(RowFactory.create(name, null, null, "not created yet"));
          continue;
        }
        TableState state = TableState.of(spark, context.config().database(), table.name());
        // A table of many files has no file list in its checksum: count(*) then sums the
        // files' statistics in the log (Delta answers it without reading the data).
        long rows = state.rows() != null ? state.rows() : spark.table(name).count();
        tables.add(
            RowFactory.create(
                name, state.version(), rows, state.lastCommit() + " " + state.lastOperation()));
      }
      System.out.println("Warehouse: " + context.config().warehouse());
      ResultPrinter.print(columns, tables, ResultPrinter.Format.TABLE, System.out);
      if (context.tables().exists(Tables.RUNS)) {
        System.out.println("Last runs:");
        ResultPrinter.print(
            TableState.latestRows(spark, context.config().database(), Tables.RUNS.name())
                .orderBy(functions.col("started_at").desc(), functions.col("job"))
                .limit(12)
                .select(
                    "run_id",
                    "job",
                    "status",
                    "started_at",
                    "finished_at",
                    "rows_read",
                    "rows_accepted",
                    "rows_quarantined",
                    "rows_duplicate",
                    "rows_written",
                    "error"),
            ResultPrinter.Format.TABLE,
            System.out);
      }
      if (context.tables().exists(Tables.HELD_BATCHES)) {
        System.out.println(
            "Batches set aside (release with 'normalize --retry-batch B' or '--drop-batch B'):");
        ResultPrinter.print(
            spark.sql(
                "SELECT batch_id, held_at, error FROM "
                    + context.tables().name(Tables.HELD_BATCHES)
                    + " WHERE released_at IS NULL AND batch_id NOT IN "
                    + "(SELECT batch_id FROM "
                    + context.tables().name(Tables.BATCHES)
                    + ") ORDER BY held_at"),
            ResultPrinter.Format.TABLE,
            System.out);
      }
    }
    return 0;
  }
}
