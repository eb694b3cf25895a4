package org.outsourcingstats.jobs.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of a flat table of strings, numbers, booleans and timestamps, written to and read from one
 * Parquet file on the driver with Parquet's own reader and writer, as Spark reads and writes them:
 * a handful of rows then cost no Spark job. Timestamps are written as Parquet's microsecond
 * timestamps (UTC) and read in either of Spark's encodings (those, or the INT96 Spark writes by
 * default).
 */
final class ParquetRows {
  private ParquetRows() {}

  /** Whether every column of {@code schema} is of a type these rows cover. */
  static boolean covers(StructType schema) {
    for (StructField field : schema.fields()) {
      if (primitive(field.dataType()).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes {@code rows} (each with the schema's columns in its order) to a new snappy-compressed
   * Parquet file at {@code file}.
   *
   * @throws IllegalArgumentException when the schema has a column these rows do not cover
   */
  static void write(Path file, StructType schema, List<Row> rows, Configuration hadoop)
      throws IOException {
    MessageType type = messageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop))
            .withConf(hadoop)
            .withType(type)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .build()) {
      for (Row row : rows) {
        Group group = groups.newGroup();
        for (int i = 0; i < schema.fields().length; i++) {
          if (!row.isNullAt(i)) {
            append(group, schema.fields()[i], row.get(i));
          }
        }
        writer.write(group);
      }
    }
  }

  /**
   * The rows of a Parquet file, with {@code schema}'s columns; a column the file lacks is null.
   * Empty when the file holds a column of the schema in an encoding these rows do not read.
   */
  static Optional<List<Row>> read(Path file, StructType schema, Configuration hadoop) {
    List<Row> rows = new ArrayList<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
      MessageType fileType = reader.getFooter().getFileMetaData().getSchema();
      for (StructField field : schema.fields()) {
        if (fileType.containsField(field.name())
            && !readable(fileType.getType(field.name()), field.dataType())) {
          return Optional.empty();
        }
      }
      for (PageReadStore rowGroup = reader.readNextRowGroup();
          rowGroup != null;
          rowGroup = reader.readNextRowGroup()) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(fileType)
                .getRecordReader(rowGroup, new GroupRecordConverter(fileType));
        for (long row = 0; row < rowGroup.getRowCount(); row++) {
          rows.add(toRow(records.read(), fileType, schema));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rows of " + file, e);
    }
    return Optional.of(rows);
  }

  private static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField field : schema.fields()) {
      message.addField(
          primitive(field.dataType())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no Parquet type for column " + field.name() + ": " + field.dataType()))
              .named(field.name()));
    }
    return message.named("spark_schema");
  }

  /** The Parquet type Spark writes for a column of {@code type}, as an optional column. */
  private static Optional<Types.PrimitiveBuilder<PrimitiveType>> primitive(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return Optional.of(
          Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()));
    } else if (type.equals(DataTypes.LongType)) {
      return Optional.of(Types.optional(PrimitiveTypeName.INT64));
    } else if (type.equals(DataTypes.IntegerType)) {
      return Optional.of(Types.optional(PrimitiveTypeName.INT32));
    } else if (type.equals(DataTypes.DoubleType)) {
      return Optional.of(Types.optional(PrimitiveTypeName.DOUBLE));
    } else if (type.equals(DataTypes.BooleanType)) {
      return Optional.of(Types.optional(PrimitiveTypeName.BOOLEAN));
    } else if (type.equals(DataTypes.TimestampType)) {
      return Optional.of(
          Types.optional(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)));
    }
    return Optional.empty();
  }

  private static void append(Group group, StructField field, Object value) {
    String name = field.name();
    DataType type = field.dataType();
    if (type.equals(DataTypes.StringType)) {
      group.append(name, (String) value);
    } else if (type.equals(DataTypes.LongType)) {
      group.append(name, ((Number) value).longValue());
    } else if (type.equals(DataTypes.IntegerType)) {
      group.append(name, ((Number) value).intValue());
    } else if (type.equals(DataTypes.DoubleType)) {
      group.append(name, ((Number) value).doubleValue());
    } else if (type.equals(DataTypes.BooleanType)) {
      group.append(name, (Boolean) value);
    } else {
      Instant instant = ((Timestamp) value).toInstant();
      group.append(
          name, Math.addExact(instant.getEpochSecond() * 1_000_000L, instant.getNano() / 1_000));
    }
  }

  /** Whether a file's column of {@code fileType} reads as {@code type}. */
  private static boolean readable(Type fileType, DataType type) {
    if (!fileType.isPrimitive()) {
      return false;
    }
    PrimitiveTypeName physical = fileType.asPrimitiveType().getPrimitiveTypeName();
    if (type.equals(DataTypes.TimestampType)) {
      return physical == PrimitiveTypeName.INT96
          || (physical == PrimitiveTypeName.INT64
              && fileType.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation);
    }
    return primitive(type)
        .map(expected -> expected.named("column").getPrimitiveTypeName() == physical)
        .orElse(false);
  }

  private static Row toRow(Group group, MessageType fileType, StructType schema) {
    Object[] values = new Object[schema.fields().length];
    for (int i = 0; i < values.length; i++) {
      String name = schema.fields()[i].name();
      if (fileType.containsField(name) && group.getFieldRepetitionCount(name) > 0) {
        values[i] = value(group, name, fileType.getType(name), schema.fields()[i].dataType());
      }
    }
    return new GenericRowWithSchema(values, schema);
  }

  private static Object value(Group group, String name, Type fileType, DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return group.getString(name, 0);
    } else if (type.equals(DataTypes.LongType)) {
      return group.getLong(name, 0);
    } else if (type.equals(DataTypes.IntegerType)) {
      return group.getInteger(name, 0);
    } else if (type.equals(DataTypes.DoubleType)) {
      return group.getDouble(name, 0);
    } else if (type.equals(DataTypes.BooleanType)) {
      return group.getBoolean(name, 0);
    }
    return Timestamp.from(instant(group, name, fileType));
  }

  private static Instant instant(Group group, String name, Type fileType) {
    if (fileType.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
      // Spark's INT96: nanoseconds of the day, then the Julian day, both little-endian.
      Binary int96 = group.getInt96(name, 0);
      ByteBuffer bytes = int96.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = bytes.getLong();
      long days = bytes.getInt() - JULIAN_DAY_OF_EPOCH;
      return Instant.ofEpochSecond(days * 86_400L).plusNanos(nanosOfDay);
    }
    long value = group.getLong(name, 0);
    TimeUnit unit =
        ((TimestampLogicalTypeAnnotation) fileType.getLogicalTypeAnnotation()).getUnit();
    return switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(value);
      case MICROS ->
          Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
      case NANOS -> Instant.ofEpochSecond(0, value);
    };
  }

  /** The Julian day number of 1970-01-01. */
  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
}
