package org.outsourcingstats.jobs.cli;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.functions;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.ChecksumScans;
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
  public Integer call() throws ParseException, InterruptedException {
    try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
      PipelineContext context = session.context();
      SparkSession spark = context.spark();
      // The last runs are read while this thread reads the other tables' logs: from their files on
      // the driver, or, for a large runs table, with a Spark job, mostly waiting on the scheduler.
      // A thread of this one's inherits the session's job settings.
      ExecutorService background = Executors.newSingleThreadExecutor();
      Future<List<Row>> lastRuns =
          context.tables().exists(Tables.RUNS)
              ? background.submit(() -> lastRuns(context))
              : CompletableFuture.completedFuture(null);
      background.shutdown();
      String[] columns = {"table", "delta_version", "rows", "last_commit"};
      List<Row> tables = new ArrayList<>();
      Map<PipelineTable, Long> rowCounts = new HashMap<>();
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
        rowCounts.put(table, rows);
        tables.add(
            RowFactory.create(
                name, state.version(), rows, state.lastCommit() + " " + state.lastOperation()));
      }
      System.out.println("Warehouse: " + context.config().warehouse());
      ResultPrinter.print(columns, tables, ResultPrinter.Format.TABLE, System.out);
      List<Row> runs = collected(lastRuns);
      if (runs != null) {
        System.out.println("Last runs:");
        ResultPrinter.print(RUNS_COLUMNS, runs, ResultPrinter.Format.TABLE, System.out);
      }
      // Most warehouses never held a batch: the count in hand spares the query.
      if (rowCounts.getOrDefault(Tables.HELD_BATCHES, 0L) > 0) {
        System.out.println(
            "Batches set aside (release with 'normalize --retry-batch B' or '--drop-batch B'):");
        ResultPrinter.print(
            ChecksumScans.query(
                spark,
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

  private static final String[] RUNS_COLUMNS = {
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
    "error"
  };

  /** How many of the last steps {@code status} shows. */
  private static final int LAST_RUNS = 12;

  /** The latest rows of {@code runs}: the most recent steps first. */
  private static List<Row> lastRuns(PipelineContext context) {
    Optional<List<Row>> onDriver = context.tables().rowsOnDriver(Tables.RUNS);
    if (onDriver.isPresent()) {
      return onDriver.get().stream()
          .sorted(
              Comparator.comparing((Row run) -> run.<Timestamp>getAs("started_at"))
                  .reversed()
                  .thenComparing(run -> run.<String>getAs("job")))
          .limit(LAST_RUNS)
          .map(run -> RowFactory.create(Stream.of(RUNS_COLUMNS).map(run::getAs).toArray()))
          .toList();
    }
    return TableState.latestRows(context.spark(), context.config().database(), Tables.RUNS.name())
        .orderBy(functions.col("started_at").desc(), functions.col("job"))
        .limit(LAST_RUNS)
        .selectExpr(RUNS_COLUMNS)
        .collectAsList();
  }

  /** What {@code future} computed; its failure as it was thrown. */
  private static <T> T collected(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
