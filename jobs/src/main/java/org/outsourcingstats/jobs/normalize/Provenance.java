package org.outsourcingstats.jobs.normalize;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * Where a raw row came from, and the parse error the ingest step found, if any: what every row a
 * classifier produces from it carries, so that quarantine can name the file and line.
 */
record Provenance(
    String shape,
    String sourceFile,
    Long sourceLine,
    String raw,
    String batchId,
    Timestamp ingestedAt,
    String parseError) {
  /** The columns of a classified row besides its typed ones: provenance, then the rejection. */
  private static final List<StructField> COLUMNS =
      List.of(
          Tables.RAW_ROWS.schema().apply("source_file"),
          Tables.RAW_ROWS.schema().apply("source_line"),
          Tables.RAW_ROWS.schema().apply("batch_id"),
          Tables.RAW_ROWS.schema().apply("ingested_at"),
          Tables.RAW_ROWS.schema().apply("shape"),
          Tables.RAW_ROWS.schema().apply("raw"),
          DataTypes.createStructField("reason_code", DataTypes.StringType, true),
          DataTypes.createStructField("reason", DataTypes.StringType, true));

  static Provenance of(Row raw) {
    return new Provenance(
        raw.getAs("shape"),
        raw.getAs("source_file"),
        raw.getAs("source_line"),
        raw.getAs("raw"),
        raw.getAs("batch_id"),
        raw.getAs("ingested_at"),
        raw.getAs("parse_error"));
  }

  /** The schema of classified rows: {@code typed}, then the provenance and rejection it lacks. */
  static StructType classified(StructType typed) {
    StructType schema = typed;
    for (StructField column : COLUMNS) {
      if (!List.of(typed.fieldNames()).contains(column.name())) {
        schema = schema.add(column);
      }
    }
    return schema;
  }

  /** {@code row} with this provenance set. */
  RowBuilder.Values into(RowBuilder.Values row) {
    return row.set("source_file", sourceFile)
        .set("source_line", sourceLine)
        .set("batch_id", batchId)
        .set("ingested_at", ingestedAt)
        .set("shape", shape)
        .set("raw", raw);
  }

  /** {@code row}, with this provenance, rejected with {@code code}. */
  Row rejected(RowBuilder.Values row, ReasonCode code, String reason) {
    return into(row).set("reason_code", code.name()).set("reason", reason).build();
  }

  /** The reason code of the parse error, a {@linkplain ReasonCode#written written reason}. */
  ReasonCode parseErrorCode() {
    return ReasonCode.ofWritten(parseError);
  }

  String parseErrorMessage() {
    return ReasonCode.textOfWritten(parseError);
  }
}
