package org.outsourcingstats.jobs.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;

/**
 * A few rows appended to a Delta table in one commit, their Parquet file written on the driver
 * ({@link ParquetRows}) and committed through Delta's own transaction, so Delta's conflict checks,
 * checksum and checkpoints are as for any append. It spares the Spark job a write would take: for a
 * run's {@code runs} rows, the only Spark job of a run with nothing new, that job's cold start
 * (planning, the job, Delta's statistics) cost about 2 s.
 *
 * <p>A table it does not cover is left to Spark's writer ({@link #append} returns false): a column
 * of a type {@link ParquetRows} does not write, partition columns, or anything Delta checks in
 * Spark's write plan rather than in the commit (CHECK constraints, generated or identity columns,
 * column mapping).
 */
final class DriverAppend {
  private DriverAppend() {}

  /**
   * Appends {@code rows} (each with {@code schema}'s columns in its order) to the table in one
   * commit; false, having written nothing, when the table is one this does not cover.
   */
  static boolean append(TableLog log, StructType schema, List<Row> rows) {
    if (!covers(log, schema)) {
      return false;
    }
    String name = "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet";
    Path file = new Path(log.log().dataPath(), name);
    Configuration hadoop = log.log().newDeltaHadoopConf();
    try {
      ParquetRows.write(file, schema, rows, hadoop);
      FileStatus written = file.getFileSystem(hadoop).getFileStatus(file);
      SparkApi.commitAppend(
          log.log().startTransaction(Option.empty(), Option.apply(log.snapshot())),
          name,
          written.getLen(),
          written.getModificationTime(),
          "{\"numRecords\":" + rows.size() + "}");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the new rows of the table at " + file, e);
    }
    return true;
  }

  private static boolean covers(TableLog log, StructType schema) {
    Snapshot snapshot = log.snapshot();
    StructField[] columns = snapshot.metadata().schema().fields();
    if (!ParquetRows.covers(schema)
        || columns.length != schema.fields().length
        || !log.plainLayout()
        || snapshot.metadata().configuration().keys().exists(key -> key.startsWith(CONSTRAINTS))) {
      return false;
    }
    for (int i = 0; i < columns.length; i++) {
      StructField column = columns[i];
      if (!column.name().equals(schema.fields()[i].name())
          || !column.dataType().equals(schema.fields()[i].dataType())
          || WRITER_COMPUTED.stream().anyMatch(column.metadata()::contains)) {
        return false;
      }
    }
    return true;
  }

  /** The prefix of a CHECK constraint's table property. */
  private static final String CONSTRAINTS = "delta.constraints.";

  /**
   * Column metadata that asks Delta's writer to compute a column: generated and identity columns.
   */
  private static final List<String> WRITER_COMPUTED =
      List.of("delta.generationExpression", "delta.identity.start");
}
