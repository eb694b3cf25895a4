package org.outsourcingstats.jobs.normalize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.normalize.Figure;
import org.outsourcingstats.common.normalize.FigureExtractor;
import org.outsourcingstats.common.normalize.NormalizedObservation;
import org.outsourcingstats.common.normalize.ObservationNormalizer;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.Vocabulary;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * Normalises raw rows of the figure shapes (observations, yearbook, bulletin) on the executors:
 * each output row holds one figure, normalised, or the reason it was rejected, with the raw row's
 * provenance.
 */
final class FigureClassifier implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /**
   * The observation columns, the raw row's provenance with the figure's place in its row ({@code
   * source_item}: a yearbook row or a bulletin object holds several), and the rejection if any.
   */
  static final StructType SCHEMA =
      Provenance.classified(Tables.OBSERVATIONS.schema().add("source_item", DataTypes.IntegerType));

  private static final RowBuilder ROWS = new RowBuilder(SCHEMA);

  private final FigureExtractor extractor;
  private final ObservationNormalizer normalizer;

  FigureClassifier(Vocabulary vocabulary, int currentYear) {
    this.extractor = new FigureExtractor(vocabulary);
    this.normalizer = new ObservationNormalizer(vocabulary, currentYear);
  }

  @Override
  public Iterator<Row> call(Row raw) {
    Provenance from = Provenance.of(raw);
    if (from.parseError() != null) {
      return List.of(rejected(from, 0, from.parseErrorCode(), from.parseErrorMessage())).iterator();
    }
    List<Figure> figures;
    try {
      Map<String, String> fields =
          raw.isNullAt(raw.fieldIndex("fields")) ? null : raw.getJavaMap(raw.fieldIndex("fields"));
      figures = extractor.figures(Shape.fromFolder(from.shape()).orElseThrow(), fields, from.raw());
    } catch (RowRejection rejection) {
      return List.of(rejected(from, 0, rejection.code(), rejection.getMessage())).iterator();
    } catch (RuntimeException unexpected) {
      // No row may fail its batch: it is quarantined with the error's text.
      return List.of(rejected(from, 0, ReasonCode.ROW_ERROR, rowError(unexpected))).iterator();
    }
    List<Row> out = new ArrayList<>(figures.size());
    for (int item = 0; item < figures.size(); item++) {
      Figure figure = figures.get(item);
      try {
        NormalizedObservation o = normalizer.normalize(figure.fields());
        out.add(
            row(from, item)
                .set("entity_code", o.entityCode())
                .set("entity_name", o.entityName())
                .set("entity_level", o.entityLevel())
                .set("year", o.year())
                .set("period", o.period())
                .set("sector", o.sector())
                .set("market", o.market())
                .set("indicator", o.indicator())
                .set("value", o.value())
                .set("unit", o.unit())
                .set("status", o.status())
                .set("reported_value", o.reportedValue())
                .set("reported_unit", o.reportedUnit())
                .set("fx_rate", o.fxRate())
                .set("source", o.source())
                .build());
      } catch (RowRejection rejection) {
        String where = figure.label() == null ? "" : figure.label() + ": ";
        out.add(rejected(from, item, rejection.code(), where + rejection.getMessage()));
      } catch (RuntimeException unexpected) {
        String where = figure.label() == null ? "" : figure.label() + ": ";
        out.add(rejected(from, item, ReasonCode.ROW_ERROR, where + rowError(unexpected)));
      }
    }
    return out.iterator();
  }

  /**
   * The reason of a row whose reading failed unexpectedly: the error's own words, for a bug report.
   */
  static String rowError(RuntimeException error) {
    return "reading the row failed: " + Errors.cause(error) + "; please report it with the row";
  }

  private static Row rejected(Provenance from, int item, ReasonCode code, String reason) {
    return from.rejected(row(from, item), code, reason);
  }

  /** A classified figure of {@code from}; {@code item} is its place in the raw row. */
  private static RowBuilder.Values row(Provenance from, int item) {
    return from.into(ROWS.row()).set("source_item", item);
  }
}
