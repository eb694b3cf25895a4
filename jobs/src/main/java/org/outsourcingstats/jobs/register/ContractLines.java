package org.outsourcingstats.jobs.register;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.TextKeys;

/**
 * The contracts register's raw lines split into its columns by each file's header, with Spark's CSV
 * parser: the columns as text, the provenance, {@code parse_error} (a {@linkplain
 * ReasonCode#written written reason}) and {@code field_error} (a row with too few or too many
 * fields).
 */
final class ContractLines {
  static final List<String> COLUMNS =
      List.of(
          "contract_id",
          "firm_id",
          "city",
          "signed_date",
          "sector",
          "client_market",
          "contract_value",
          "executed_value",
          "currency");

  /** The raw rows' columns the split rows keep as they are. */
  static final List<String> PASSED_THROUGH =
      List.of(
          "shape",
          "source_file",
          "source_line",
          "raw",
          "header",
          "encoding",
          "file_sha256",
          "batch_id",
          "ingested_at");

  private static final String EXTRA = "_extra_field";
  private static final String CORRUPT = "_malformed_row";

  private ContractLines() {}

  /**
   * Splits each raw line by its file's header into the register's columns; flags too few or too
   * many fields.
   */
  static Dataset<Row> parse(Dataset<Row> raw) {
    List<String> headers = raw.select("header").distinct().as(Encoders.STRING()).collectAsList();
    Dataset<Row> parsed = null;
    for (String header : headers) {
      Dataset<Row> part =
          parseWith(
              raw.where(header == null ? col("header").isNull() : col("header").equalTo(header)),
              header);
      parsed = parsed == null ? part : parsed.unionByName(part);
    }
    return parsed;
  }

  /** Splits the raw lines of files that share {@code header} into the register's columns. */
  static Dataset<Row> parseWith(Dataset<Row> rows, String header) {
    List<String> names =
        header == null
            ? List.of()
            : Arrays.stream(header.split(",", -1))
                .map(name -> TextKeys.clean(name).toLowerCase(Locale.ROOT))
                .toList();
    List<String> missing = COLUMNS.stream().filter(column -> !names.contains(column)).toList();
    List<String> twice =
        COLUMNS.stream()
            .filter(column -> names.indexOf(column) != names.lastIndexOf(column))
            .toList();
    List<Column> out = new ArrayList<>();
    for (String column : PASSED_THROUGH) {
      out.add(col(column));
    }
    // Which of two columns of one name holds the value is anyone's guess: every row of such a file
    // is refused.
    out.add(
        twice.isEmpty()
            ? col("parse_error")
            : coalesce(
                    col("parse_error"),
                    lit(
                        ReasonCode.DUPLICATE_COLUMN.written(
                            "the file's header names the column(s) "
                                + twice
                                + " more than once; keep one of each")))
                .as("parse_error"));
    if (!missing.isEmpty() || !twice.isEmpty()) {
      COLUMNS.forEach(column -> out.add(lit(null).cast("string").as(column)));
      out.add(
          (missing.isEmpty()
                  ? lit(null).cast("string")
                  : lit(
                      "the file's header lacks the column(s) "
                          + missing
                          + "; a contracts register has "
                          + COLUMNS))
              .as("field_error"));
      return rows.select(out.toArray(Column[]::new));
    }
    StructType fields = new StructType();
    for (int i = 0; i < names.size(); i++) {
      fields =
          fields.add(
              COLUMNS.contains(names.get(i)) ? names.get(i) : "_ignored_" + i,
              DataTypes.StringType);
    }
    // A row with more or fewer fields than the header is malformed: from_csv keeps its text in the
    // corrupt-record column. (A spare column to catch extra fields would make every well-formed row
    // malformed, and Spark pays for each malformed row with an exception: four times the parse.)
    // Only a malformed row is parsed again, to say how.
    Map<String, String> options =
        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
    Column parsed =
        from_csv(col("raw"), lit(fields.add(CORRUPT, DataTypes.StringType).toDDL()), options);
    Column spare =
        from_csv(col("raw"), lit(fields.add(EXTRA, DataTypes.StringType).toDDL()), Map.of());
    Dataset<Row> split = rows.withColumn("_fields", parsed);
    for (String column : COLUMNS) {
      out.add(col("_fields." + column).as(column));
    }
    out.add(
        when(col("_fields." + CORRUPT).isNull(), lit(null).cast("string"))
            .when(
                spare.getField(EXTRA).isNotNull(),
                lit("the row has more fields than the header (" + names.size() + ")"))
            .otherwise(lit("the row has fewer fields than the header (" + names.size() + ")"))
            .as("field_error"));
    return split.select(out.toArray(Column[]::new));
  }
}
