package org.outsourcingstats.jobs.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares the data tables of this warehouse with those of another warehouse of the same database,
 * row for row: the check that a run on a cluster, or a run resumed after a crash, produced exactly
 * what an uninterrupted local run produces. What names a run rather than the data (batch ids,
 * ingestion and update times) is left out, and so are the run logs {@code runs}, {@code batches}
 * and {@code held_batches}.
 */
public final class WarehouseComparison {
  /** Columns whose values name the batch or the moment that wrote a row, not the row's content. */
  public static final Set<String> RUN_SPECIFIC_COLUMNS =
      Set.of("batch_id", "ingested_at", "quarantined_at", "updated_at");

  /** Tables that log runs: they differ between any two runs by design. */
  public static final Set<PipelineTable> RUN_LOGS =
      Set.of(Tables.RUNS, Tables.BATCHES, Tables.HELD_BATCHES);

  private WarehouseComparison() {}

  /**
   * Compares the tables of {@code database} in two warehouses, read by path (no catalog needed, so
   * a warehouse another process holds can be read); one line per data table, in the order of {@link
   * Tables#ALL}.
   */
  public static List<TableDifference> compare(
      SparkSession spark, String database, String warehouse, String otherWarehouse) {
    List<TableDifference> differences = new ArrayList<>();
    for (PipelineTable table : Tables.ALL) {
      if (RUN_LOGS.contains(table)) {
        continue;
      }
      Dataset<Row> here = comparable(read(spark, warehouse, database, table.name()));
      Dataset<Row> there = comparable(read(spark, otherWarehouse, database, table.name()));
      differences.add(
          new TableDifference(
              database + "." + table,
              here.count(),
              there.count(),
              here.exceptAll(there).count(),
              there.exceptAll(here).count()));
    }
    return differences;
  }

  /** A table of a warehouse by its location, {@code <warehouse>/<database>.db/<table>}. */
  public static Dataset<Row> read(
      SparkSession spark, String warehouse, String database, String table) {
    return spark.read().format("delta").load(warehouse + "/" + database + ".db/" + table);
  }

  /** The content columns, maps as sorted entry lists (set operations cannot compare maps). */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    List<Column> columns = new ArrayList<>();
    StructType schema = table.schema();
    for (StructField field : schema.fields()) {
      if (RUN_SPECIFIC_COLUMNS.contains(field.name())) {
        continue;
      }
      Column column = functions.col(field.name());
      columns.add(
          field.dataType() instanceof MapType
              ? functions.array_sort(functions.map_entries(column)).as(field.name())
              : column);
    }
    return table.select(columns.toArray(Column[]::new));
  }

  /**
   * How one table differs.
   *
   * @param table the table's qualified name
   * @param rows its rows here
   * @param otherRows its rows in the other warehouse
   * @param onlyHere rows here without an equal row there (counting repeats)
   * @param onlyOther rows there without an equal row here
   */
  public record TableDifference(
      String table, long rows, long otherRows, long onlyHere, long onlyOther) {
    public boolean equal() {
      return onlyHere == 0 && onlyOther == 0;
    }
  }
}
