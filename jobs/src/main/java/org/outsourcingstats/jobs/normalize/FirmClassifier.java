package org.outsourcingstats.jobs.normalize;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.normalize.FigureExtractor;
import org.outsourcingstats.common.normalize.FirmNormalizer;
import org.outsourcingstats.common.normalize.FirmRecord;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.Vocabulary;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * Normalises raw rows of the {@code firms} shape on the executors, or rejects them with the reason.
 */
final class FirmClassifier implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The firm columns of the register, the raw row's provenance, and the rejection if any. */
  static final StructType SCHEMA =
      new StructType()
          .add("firm_id", DataTypes.StringType)
          .add("firm_name", DataTypes.StringType)
          .add("entity_code", DataTypes.StringType)
          .add("entity_name", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("sector", DataTypes.StringType)
          .add("revenue", Tables.VALUE)
          .add("reported_revenue", DataTypes.StringType)
          .add("reported_unit", DataTypes.StringType)
          .add("fx_rate", Tables.FX_RATE)
          .add("employees", DataTypes.LongType)
          .add("fortune500", DataTypes.BooleanType)
          .add("source_file", DataTypes.StringType)
          .add("source_line", DataTypes.LongType)
          .add("batch_id", DataTypes.StringType)
          .add("ingested_at", DataTypes.TimestampType)
          .add("shape", DataTypes.StringType)
          .add("raw", DataTypes.StringType)
          .add("reason_code", DataTypes.StringType)
          .add("reason", DataTypes.StringType);

  private static final RowBuilder ROWS = new RowBuilder(SCHEMA);

  private final FigureExtractor columns;
  private final FirmNormalizer normalizer;

  FirmClassifier(Vocabulary vocabulary, int currentYear) {
    this.columns = new FigureExtractor(vocabulary);
    this.normalizer = new FirmNormalizer(vocabulary, currentYear);
  }

  @Override
  public Iterator<Row> call(Row raw) {
    FigureClassifier.Provenance from = FigureClassifier.Provenance.of(raw);
    String code = null;
    String reason = null;
    FirmRecord firm = null;
    if (from.parseError() != null) {
      code = from.parseErrorCode();
      reason = from.parseErrorMessage();
    } else {
      try {
        firm = normalizer.normalize(columns.canonical(raw.getJavaMap(raw.fieldIndex("fields"))));
      } catch (RowRejection rejection) {
        code = rejection.code().name();
        reason = rejection.getMessage();
      } catch (
          RuntimeException
              unexpected) { // no row may fail its batch: it is quarantined with the error's text
        code = ReasonCode.ROW_ERROR.name();
        reason = FigureClassifier.rowError(unexpected);
      }
    }
    RowBuilder.Values row = from.into(ROWS.row());
    if (firm == null) {
      return List.of(row.set("reason_code", code).set("reason", reason).build()).iterator();
    }
    return List.of(
            row.set("firm_id", firm.firmId())
                .set("firm_name", firm.firmName())
                .set("entity_code", firm.entityCode())
                .set("entity_name", firm.entityName())
                .set("year", firm.year())
                .set("sector", firm.sector())
                .set("revenue", firm.revenue())
                .set("reported_revenue", firm.reportedRevenue())
                .set("reported_unit", firm.reportedUnit())
                .set("fx_rate", firm.fxRate())
                .set("employees", firm.employees())
                .set("fortune500", firm.fortune500())
                .build())
        .iterator();
  }
}
