package org.outsourcingstats.jobs.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.univocity.parsers.csv.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.error.PipelineException;

/**
 * Writes a snapshot of a table or query result as one file, {@code <folder>/<name>.<extension>},
 * for tools that cannot read Delta. The snapshot is deterministic: columns in the order the table
 * or query gives them, rows sorted by every column from left to right (ascending, NULL first),
 * values written losslessly ({@link CellText}), so two exports of the same data are byte-identical.
 * The file is written into a hidden folder beside the target and moved into place when complete: a
 * reader sees the whole file or none.
 *
 * <p>The folder may be any Hadoop file system URI ({@code hdfs://}, {@code s3a://}) or a local
 * path. CSV and JSON are streamed through the driver a partition at a time; Parquet is written by
 * Spark, so on a cluster the folder must be one the executors and the driver share.
 *
 * <p>Size: One class: the streamed formats and Parquet share the hidden folder and the move into
 * place that make a snapshot atomic.
 */
public final class SnapshotWriter {
  private static final String TEMP_PREFIX = ".export-";
  private static final String PARQUET_TIMESTAMPS = "spark.sql.parquet.outputTimestampType";

  private final SparkSession spark;

  public SnapshotWriter(SparkSession spark) {
    this.spark = spark;
  }

  /** Where {@link #write} puts the snapshot named {@code name}. */
  public static String target(String folder, String name, ExportFormat format) {
    return new Path(folder, name + "." + format.extension()).toString();
  }

  /**
   * Fails with the reason when {@code rows} cannot be exported as they are, or when the target
   * exists and may not be replaced; called before any work so that a batch of exports stops before
   * writing its first file.
   */
  public void check(
      String what,
      Dataset<Row> rows,
      String folder,
      String name,
      ExportFormat format,
      boolean overwrite) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (String column : rows.columns()) {
      byName.computeIfAbsent(column.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(column);
    }
    List<String> repeated =
        byName.values().stream()
            .filter(names -> names.size() > 1)
            .map(names -> names.get(0))
            .toList();
    if (!repeated.isEmpty()) {
      throw Errors.duplicateColumns(what, repeated);
    }
    String target = target(folder, name, format);
    try {
      if (!overwrite && fileSystem(new Path(target)).exists(new Path(target))) {
        throw Errors.exportTargetExists(target);
      }
    } catch (IOException e) {
      throw Errors.exportFailed(what, target, e);
    }
  }

  /**
   * Writes {@code rows} as {@code <folder>/<name>.<extension>}.
   *
   * @param what the table or query, for messages
   * @param overwrite whether an existing file of that name is replaced; other files in the folder
   *     are never touched
   */
  public ExportedFile write(
      String what,
      Dataset<Row> rows,
      String folder,
      String name,
      ExportFormat format,
      boolean overwrite) {
    check(what, rows, folder, name, format, overwrite);
    Path target = new Path(target(folder, name, format));
    Path temp = new Path(folder, TEMP_PREFIX + name + "-" + UUID.randomUUID());
    try {
      FileSystem fs = fileSystem(target);
      fs.mkdirs(target.getParent());
      Path written = new Path(temp, target.getName());
      long count =
          switch (format) {
            case CSV, JSON -> stream(rows, format, fs, written);
            case PARQUET -> parquet(rows, temp, fs, written);
          };
      if (fs.exists(target)) {
        if (!overwrite) {
          throw Errors.exportTargetExists(target.toString());
        }
        fs.delete(target, false);
      }
      if (!fs.rename(written, target)) {
        throw new IOException("could not move " + written + " to " + target);
      }
      return new ExportedFile(target.toString(), count);
    } catch (PipelineException e) {
      throw e;
    } catch (Exception e) { // Spark's exceptions are undeclared in Java's eyes.
      throw Errors.exportFailed(what, target.toString(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * The sort order of a deterministic snapshot: every column, left to right. A column holding a map
   * (which Spark cannot compare) is compared by its JSON text.
   */
  public static Column[] everyColumn(StructType schema) {
    List<Column> order = new ArrayList<>();
    for (StructField field : schema.fields()) {
      Column column = functions.col("`" + field.name().replace("`", "``") + "`");
      order.add(
          (holdsMap(field.dataType()) ? functions.to_json(functions.struct(column)) : column)
              .asc_nulls_first());
    }
    return order.toArray(Column[]::new);
  }

  private long stream(Dataset<Row> rows, ExportFormat format, FileSystem fs, Path file)
      throws IOException {
    String[] columns = rows.columns();
    Iterator<Row> sorted = rows.orderBy(everyColumn(rows.schema())).toLocalIterator();
    long count = 0;
    try (OutputStream out = fs.create(file, false)) {
      if (format == ExportFormat.CSV) {
        CsvWriter csv = CsvDialect.writer(out);
        csv.writeHeaders(columns);
        String[] cells = new String[columns.length];
        while (sorted.hasNext()) {
          Row row = sorted.next();
          for (int i = 0; i < cells.length; i++) {
            cells[i] = CellText.text(row.get(i));
          }
          csv.writeRow((Object[]) cells);
          count++;
        }
        csv.close();
      } else {
        JsonFactory factory = new JsonFactory();
        factory.setRootValueSeparator(null);
        try (JsonGenerator json = factory.createGenerator(out)) {
          while (sorted.hasNext()) {
            Row row = sorted.next();
            json.writeStartObject();
            for (int i = 0; i < columns.length; i++) {
              json.writeFieldName(columns[i]);
              CellText.writeJson(json, row.get(i));
            }
            json.writeEndObject();
            json.writeRaw('\n');
            count++;
          }
        }
      }
    }
    return count;
  }

  private long parquet(Dataset<Row> rows, Path folder, FileSystem fs, Path file)
      throws IOException {
    // Spark's default INT96 timestamps are deprecated in Parquet; microseconds are what pandas and
    // Arrow expect.
    String previous = spark.conf().get(PARQUET_TIMESTAMPS, null);
    spark.conf().set(PARQUET_TIMESTAMPS, "TIMESTAMP_MICROS");
    try {
      rows.coalesce(1)
          .sortWithinPartitions(everyColumn(rows.schema()))
          .write()
          .parquet(folder.toString());
    } finally {
      if (previous == null) {
        spark.conf().unset(PARQUET_TIMESTAMPS);
      } else {
        spark.conf().set(PARQUET_TIMESTAMPS, previous);
      }
    }
    List<Path> parts = new ArrayList<>();
    for (FileStatus status : fs.listStatus(folder)) {
      if (status.getPath().getName().startsWith("part-")
          && status.getPath().getName().endsWith(".parquet")) {
        parts.add(status.getPath());
      }
    }
    if (parts.size() != 1) {
      throw new IOException(
          "Spark wrote "
              + parts.size()
              + " Parquet files instead of one into "
              + folder
              + " (on a cluster, --out must be a folder the driver and the executors share)");
    }
    if (!fs.rename(parts.get(0), file)) {
      throw new IOException("could not rename " + parts.get(0) + " to " + file);
    }
    return spark.read().parquet(file.toString()).count();
  }

  private FileSystem fileSystem(Path path) throws IOException {
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    // The checksummed local file system would leave a .crc file beside every export.
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private void deleteQuietly(Path folder) {
    try {
      fileSystem(folder).delete(folder, true);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(SnapshotWriter.class)
          .warn("could not remove {}: {}", folder, e.toString());
    }
  }

  private static boolean holdsMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return holdsMap(array.elementType());
    }
    if (type instanceof StructType struct) {
      for (StructField field : struct.fields()) {
        if (holdsMap(field.dataType())) {
          return true;
        }
      }
    }
    return false;
  }
}
