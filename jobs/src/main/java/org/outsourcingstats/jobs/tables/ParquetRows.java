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
import java.util.stream.Stream;
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
    return Stream.of(schema.fields()).allMatch(field -> Column.of(field.dataType()).isPresent());
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
            StructField field = schema.fields()[i];
            Column.of(field.dataType()).orElseThrow().write(group, field.name(), row.get(i));
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
            && !Column.of(field.dataType())
                .map(column -> column.reads(fileType.getType(field.name())))
                .orElse(false)) {
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
          Column.of(field.dataType())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no Parquet type for column " + field.name() + ": " + field.dataType()))
              .parquetType(field.name()));
    }
    return message.named("spark_schema");
  }

  private static Row toRow(Group group, MessageType fileType, StructType schema) {
    Object[] values = new Object[schema.fields().length];
    for (int i = 0; i < values.length; i++) {
      StructField field = schema.fields()[i];
      if (fileType.containsField(field.name()) && group.getFieldRepetitionCount(field.name()) > 0) {
        values[i] =
            Column.of(field.dataType())
                .orElseThrow()
                .read(group, field.name(), fileType.getType(field.name()));
      }
    }
    return new GenericRowWithSchema(values, schema);
  }

  /**
   * The column types these rows cover: each with the Parquet type Spark writes for it (an optional
   * column), how a value is written, and how a file's value is read.
   */
  private enum Column {
    STRING(
        DataTypes.StringType,
        PrimitiveTypeName.BINARY,
        LogicalTypeAnnotation.stringType(),
        (group, name, value) -> group.append(name, (String) value),
        (group, name, fileType) -> group.getString(name, 0)),
    LONG(
        DataTypes.LongType,
        PrimitiveTypeName.INT64,
        null,
        (group, name, value) -> group.append(name, ((Number) value).longValue()),
        (group, name, fileType) -> group.getLong(name, 0)),
    INTEGER(
        DataTypes.IntegerType,
        PrimitiveTypeName.INT32,
        null,
        (group, name, value) -> group.append(name, ((Number) value).intValue()),
        (group, name, fileType) -> group.getInteger(name, 0)),
    DOUBLE(
        DataTypes.DoubleType,
        PrimitiveTypeName.DOUBLE,
        null,
        (group, name, value) -> group.append(name, ((Number) value).doubleValue()),
        (group, name, fileType) -> group.getDouble(name, 0)),
    BOOLEAN(
        DataTypes.BooleanType,
        PrimitiveTypeName.BOOLEAN,
        null,
        (group, name, value) -> group.append(name, (Boolean) value),
        (group, name, fileType) -> group.getBoolean(name, 0)),
    /** Written as microseconds (UTC); read in that encoding, other units, or Spark's INT96. */
    TIMESTAMP(
        DataTypes.TimestampType,
        PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS),
        (group, name, value) -> group.append(name, micros(((Timestamp) value).toInstant())),
        (group, name, fileType) -> Timestamp.from(instant(group, name, fileType))) {
      @Override
      boolean reads(Type fileType) {
        return fileType.isPrimitive()
            && (fileType.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT96
                || super.reads(fileType)
                    && fileType.getLogicalTypeAnnotation()
                        instanceof TimestampLogicalTypeAnnotation);
      }
    };

    /** How a column's value is added to a record. */
    private interface Writer {
      void write(Group group, String name, Object value);
    }

    /** How a record's value of a column is read, given the column's type in the file. */
    private interface Reader {
      Object read(Group group, String name, Type fileType);
    }

    private final DataType type;
    private final PrimitiveTypeName physical;
    private final LogicalTypeAnnotation logical;
    private final Writer writer;
    private final Reader reader;

    Column(
        DataType type,
        PrimitiveTypeName physical,
        LogicalTypeAnnotation logical,
        Writer writer,
        Reader reader) {
      this.type = type;
      this.physical = physical;
      this.logical = logical;
      this.writer = writer;
      this.reader = reader;
    }

    static Optional<Column> of(DataType type) {
      return Stream.of(values()).filter(column -> column.type.equals(type)).findFirst();
    }

    Type parquetType(String name) {
      Types.PrimitiveBuilder<PrimitiveType> builder = Types.optional(physical);
      return (logical == null ? builder : builder.as(logical)).named(name);
    }

    /** Whether a file's column of {@code fileType} reads as this type. */
    boolean reads(Type fileType) {
      return fileType.isPrimitive()
          && fileType.asPrimitiveType().getPrimitiveTypeName() == physical;
    }

    void write(Group group, String name, Object value) {
      writer.write(group, name, value);
    }

    Object read(Group group, String name, Type fileType) {
      return reader.read(group, name, fileType);
    }
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
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
