package org.outsourcingstats.jobs.normalize;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
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
      Provenance.classified(
          Tables.FIRM_OBSERVATIONS.columnsOf(
              "firm_id",
              "firm_name",
              "entity_code",
              "entity_name",
              "year",
              "sector",
              "revenue",
              "reported_revenue",
              "reported_unit",
              "fx_rate",
              "employees",
              "fortune500"));

  private static final RowBuilder ROWS = new RowBuilder(SCHEMA);

  private final FigureExtractor columns;
  private final FirmNormalizer normalizer;

  FirmClassifier(Vocabulary vocabulary, int currentYear) {
    this.columns = new FigureExtractor(vocabulary);
    this.normalizer = new FirmNormalizer(vocabulary, currentYear);
  }

  @Override
  public Iterator<Row> call(Row raw) {
    Provenance from = Provenance.of(raw);
    ReasonCode code = null;
    String reason = null;
    FirmRecord firm = null;
    if (from.parseError() != null) {
      code = from.parseErrorCode();
      reason = from.parseErrorMessage();
    } else {
      try {
        firm = normalizer.normalize(columns.canonical(raw.getJavaMap(raw.fieldIndex("fields"))));
      } catch (RowRejection rejection) {
        code = rejection.code();
        reason = rejection.getMessage();
      } catch (RuntimeException unexpected) {
        // No row may fail its batch: it is quarantined with the error's text.
        code = ReasonCode.ROW_ERROR;
        reason = FigureClassifier.rowError(unexpected);
      }
    }
    if (firm == null) {
      return List.of(from.rejected(ROWS.row(), code, reason)).iterator();
    }
    RowBuilder.Values row = from.into(ROWS.row());
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
