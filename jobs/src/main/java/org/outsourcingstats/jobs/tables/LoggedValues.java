package org.outsourcingstats.jobs.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructType;

/**
 * What a small Delta table's latest version holds, read on the driver without a Spark job: the
 * distinct values of a string column (the answer to "which files and batches has this warehouse
 * landed", asked by every run, would otherwise cost a run with nothing new its only Spark jobs,
 * about 3 s of a 16 s run in a fresh JVM), and whole rows (the last runs {@code status} shows).
 *
 * <p>Only the files the latest checksum lists ({@link TableLog#listedFiles}) are read, with
 * Parquet's own reader; a file whose Delta statistics prove a column's single value (minimum equal
 * to maximum, no nulls: an append of one batch, a landed register's file) is not read for that
 * column. The answer is empty, and the caller queries with Spark, whenever this path could be wrong
 * or slow: no file list in the checksum, deletion vectors, partition columns or column mapping (the
 * file alone would not say which rows are live, or all their values, or under which name), or more
 * than {@link #MAX_READ_BYTES} of files to read.
 */
final class LoggedValues {
  /** The most bytes of Parquet files read on the driver; larger tables are queried with Spark. */
  static final long MAX_READ_BYTES = 64L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private LoggedValues() {}

  static Optional<Set<String>> distinct(TableLog log, String column) {
    Optional<List<AddFile>> files = plainFiles(log);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Set<String> values = new HashSet<>();
    List<AddFile> toRead = new ArrayList<>();
    for (AddFile file : files.get()) {
      JsonNode stats = parse(file.stats());
      Optional<String> single = singleValue(stats, column);
      if (single.isPresent()) {
        values.add(single.get());
      } else if (stats == null || stats.path("numRecords").asLong(-1) != 0) {
        toRead.add(file);
      }
    }
    if (bytes(toRead) > MAX_READ_BYTES) {
      return Optional.empty();
    }
    Configuration hadoop = log.log().newDeltaHadoopConf();
    for (AddFile file : toRead) {
      if (!readColumn(dataFile(log, file), column, hadoop, values)) {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  /**
   * Every row of the table's latest version, with {@code schema}'s columns; empty when they cannot
   * be read on the driver (see the class comment, and {@link ParquetRows#read}).
   */
  static Optional<List<Row>> rows(TableLog log, StructType schema) {
    Optional<List<AddFile>> files = plainFiles(log);
    if (files.isEmpty() || bytes(files.get()) > MAX_READ_BYTES || !ParquetRows.covers(schema)) {
      return Optional.empty();
    }
    Configuration hadoop = log.log().newDeltaHadoopConf();
    List<Row> rows = new ArrayList<>();
    for (AddFile file : files.get()) {
      Optional<List<Row>> fileRows = ParquetRows.read(dataFile(log, file), schema, hadoop);
      if (fileRows.isEmpty()) {
        return Optional.empty();
      }
      rows.addAll(fileRows.get());
    }
    return Optional.of(rows);
  }

  /**
   * The files of the latest version when each holds exactly its live rows, whole, under their own
   * names: listed in the checksum, a plain layout ({@link TableLog#plainLayout}), no deletion
   * vectors; empty otherwise.
   */
  static Optional<List<AddFile>> plainFiles(TableLog log) {
    Optional<List<AddFile>> listed = log.listedFiles();
    if (listed.isEmpty()
        || !log.plainLayout()
        || listed.get().stream().anyMatch(file -> file.deletionVector() != null)) {
      return Optional.empty();
    }
    return listed;
  }

  private static long bytes(List<AddFile> files) {
    return files.stream().mapToLong(AddFile::size).sum();
  }

  /** The value every row of a file holds, when its statistics prove there is exactly one. */
  private static Optional<String> singleValue(JsonNode node, String column) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode min = node.path("minValues").path(column);
    JsonNode max = node.path("maxValues").path(column);
    // A string longer than Delta's statistics prefix has a truncated minimum and a maximum with a
    // tie-breaking character appended, so equal bounds are the whole value.
    if (node.path("nullCount").path(column).asLong(-1) == 0 && min.isTextual() && min.equals(max)) {
      return Optional.of(min.asText());
    }
    return Optional.empty();
  }

  /** A file's statistics, or null when it has none or they cannot be read. */
  private static JsonNode parse(String stats) {
    if (stats == null) {
      return null;
    }
    try {
      return JSON.readTree(stats);
    } catch (IOException e) {
      return null;
    }
  }

  /** Where a file the log lists lives. */
  static Path dataFile(TableLog log, AddFile file) {
    try {
      Path path = new Path(new URI(file.path()));
      return path.isAbsolute() ? path : new Path(log.log().dataPath(), path);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Delta lists a file whose path is no URI: " + file.path(), e);
    }
  }

  /** Adds the column's values in one Parquet file; false when the file has no such column. */
  private static boolean readColumn(
      Path path, String column, Configuration hadoop, Set<String> values) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, hadoop))) {
      MessageType schema = reader.getFileMetaData().getSchema();
      if (!schema.containsField(column) || !schema.getType(column).isPrimitive()) {
        return false;
      }
      Type type = schema.getType(column);
      MessageType projection = new MessageType("projection", type);
      reader.setRequestedSchema(projection);
      ColumnDescriptor descriptor = projection.getColumns().get(0);
      String createdBy = reader.getFileMetaData().getCreatedBy();
      for (PageReadStore rowGroup = reader.readNextRowGroup();
          rowGroup != null;
          rowGroup = reader.readNextRowGroup()) {
        ColumnReader columnValues =
            new ColumnReadStoreImpl(
                    rowGroup,
                    new GroupRecordConverter(projection).getRootConverter(),
                    projection,
                    createdBy)
                .getColumnReader(descriptor);
        for (long row = 0, rows = columnValues.getTotalValueCount(); row < rows; row++) {
          if (columnValues.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
            values.add(columnValues.getBinary().toStringUsingUTF8());
          }
          columnValues.consume();
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + column + " from " + path, e);
    }
  }
}
