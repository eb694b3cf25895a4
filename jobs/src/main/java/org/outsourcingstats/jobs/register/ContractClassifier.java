package org.outsourcingstats.jobs.register;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.DomainSql;
import org.outsourcingstats.jobs.vocab.FxRatesView;

/**
 * A contracts register's rows classified: each with its contract's typed values (the columns of
 * {@code contracts}) or the reason it is refused, by a code of {@code ReasonCode} like every other
 * shape's. The split ({@link ContractLines}) and the checks ({@link ContractChecks}) are Spark
 * expressions, evaluated in the pass that reads the register.
 *
 * <p>Ingest classifies a register as it lands it ({@link #landed}): the typed values go into {@code
 * raw_rows.contract} and the reason into {@code raw_rows.parse_error}, beside the row's text, in
 * the same write; normalize then reads those columns ({@link #classified}) and never parses the
 * text again. Rows landed before typed landing are classified from their text, as they were then.
 */
public final class ContractClassifier {
  private final PipelineContext context;

  public ContractClassifier(PipelineContext context) {
    this.context = context;
  }

  /**
   * The raw rows of one register file, whose header is {@code header}, with {@code contract} and
   * {@code parse_error} filled: the columns of {@code raw_rows}.
   */
  public Dataset<Row> landed(Dataset<Row> rawRows, String header) {
    String view = "pipeline_contract_lines_" + UUID.randomUUID().toString().replace('-', '_');
    Dataset<Row> classified = classify(ContractLines.parseWith(rawRows, header), view);
    // The query is analysed: the view of this one file is not needed any more.
    context.spark().catalog().dropTempView(view);
    List<Column> columns = new ArrayList<>();
    for (StructField field : Tables.RAW_ROWS.schema().fields()) {
      columns.add(
          switch (field.name()) {
            case "contract" -> contractValues().as("contract");
            case "parse_error" -> expr(DomainSql.written("problem")).as("parse_error");
            case "fields" -> lit(null).cast(field.dataType()).as("fields");
            default -> col(field.name());
          });
    }
    return classified.select(columns.toArray(Column[]::new));
  }

  /**
   * Contract rows of {@code raw_rows} classified: the columns of {@code contracts}, {@code shape},
   * {@code raw} and the rest of the raw row's provenance, and {@code reason_code}/{@code reason} of
   * the refused. {@code typed} says whether they were landed typed (their values are then read from
   * {@code contract}); otherwise they are split and checked now.
   */
  public Dataset<Row> classified(Dataset<Row> raw, boolean typed) {
    if (!typed) {
      return classify(ContractLines.parse(raw), "pipeline_contract_rows");
    }
    List<Column> columns = new ArrayList<>();
    Arrays.stream(Tables.CONTRACT_VALUES.fieldNames())
        .forEach(name -> columns.add(col("contract." + name).as(name)));
    ContractLines.PASSED_THROUGH.forEach(name -> columns.add(col(name)));
    Column reason = expr(DomainSql.writtenReason("parse_error"));
    columns.add(reason.getField("code").as("reason_code"));
    columns.add(reason.getField("text").as("reason"));
    return raw.select(columns.toArray(Column[]::new));
  }

  private Dataset<Row> classify(Dataset<Row> split, String view) {
    ContractNames.register(context.spark(), context.vocabulary());
    FxRatesView.register(context);
    split.createOrReplaceTempView(view);
    return context.spark().sql(ContractChecks.classifySql(view, context.config().currentYear()));
  }

  private static Column contractValues() {
    return struct(
        Arrays.stream(Tables.CONTRACT_VALUES.fields())
            .map(field -> col(field.name()).cast(field.dataType()).as(field.name()))
            .toArray(Column[]::new));
  }
}
