package org.outsourcingstats.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.ExitCode;
import org.outsourcingstats.jobs.tables.WarehouseComparison;
import org.outsourcingstats.jobs.tables.WarehouseComparison.TableDifference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compare}: are two warehouses' tables equal, row for row? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare every data table of the warehouse with the same table of another warehouse, row for "
          + "row, leaving out batch ids, ingestion times and the run logs. Exit code 0 when all are equal, 1 otherwise.",
      "Use it to check that a cluster run, or a run resumed after a crash, gives what a local run gives."
    })
public final class CompareCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--against",
      paramLabel = "DIR",
      required = true,
      description = "The other warehouse (same database name), e.g. one written by a local run.")
  String against;

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
      PipelineConfig config = session.context().config();
      List<TableDifference> differences =
          WarehouseComparison.compare(
              session.context().spark(), config.database(), config.warehouse(), against);
      StructType schema =
          new StructType()
              .add("table", DataTypes.StringType)
              .add("rows", DataTypes.LongType)
              .add("rows_other", DataTypes.LongType)
              .add("only_here", DataTypes.LongType)
              .add("only_other", DataTypes.LongType)
              .add("equal", DataTypes.BooleanType);
      List<Row> rows =
          differences.stream()
              .map(
                  d ->
                      RowFactory.create(
                          d.table(),
                          d.rows(),
                          d.otherRows(),
                          d.onlyHere(),
                          d.onlyOther(),
                          d.equal()))
              .toList();
      System.out.println("Warehouse " + config.warehouse() + " against " + against + ":");
      ResultPrinter.print(
          session.context().spark().createDataFrame(rows, schema),
          ResultPrinter.Format.TABLE,
          System.out);
      long unequal = differences.stream().filter(d -> !d.equal()).count();
      if (unequal > 0) {
        System.err.println("compare: " + unequal + " table(s) differ");
        return ExitCode.FAILURE.code();
      }
      System.err.println("compare: every table is equal");
      return ExitCode.SUCCESS.code();
    }
  }
}
