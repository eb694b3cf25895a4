package org.outsourcingstats.jobs;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.delta.TableSchemas;
import org.outsourcingstats.common.normalize.NormalizedObservation;
import org.outsourcingstats.common.normalize.ObservationNormalizer;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * Normalises raw rows of the {@code observations} shape on the executors: each output row holds either the
 * normalised observation or the reason it was rejected, with its provenance.
 */
final class ObservationClassifier implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The observation columns, the raw row's provenance, and the rejection if any. */
  static final StructType SCHEMA = classifiedSchema();

  private final Vocabulary vocabulary;
  private final ObservationNormalizer normalizer;

  ObservationClassifier(Vocabulary vocabulary, int currentYear) {
    this.vocabulary = vocabulary;
    this.normalizer = new ObservationNormalizer(vocabulary, currentYear);
  }

  private static StructType classifiedSchema() {
    StructType schema = TableSchemas.OBSERVATIONS_SCHEMA;
    schema = schema.add("shape", DataTypes.StringType).add("raw", DataTypes.StringType)
        .add("reason_code", DataTypes.StringType).add("reason", DataTypes.StringType);
    return schema;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rawRows) {
    List<Row> out = new ArrayList<>();
    while (rawRows.hasNext()) {
      out.add(classify(rawRows.next()));
    }
    return out.iterator();
  }

  private Row classify(Row raw) {
    String shape = raw.getAs("shape");
    String sourceFile = raw.getAs("source_file");
    Long sourceLine = raw.getAs("source_line");
    String text = raw.getAs("raw");
    String batchId = raw.getAs("batch_id");
    Timestamp ingestedAt = raw.getAs("ingested_at");
    String parseError = raw.getAs("parse_error");
    if (parseError != null) {
      int colon = parseError.indexOf(':');
      return rejected(shape, sourceFile, sourceLine, text, batchId, ingestedAt,
          parseError.substring(0, colon), parseError.substring(colon + 1).strip());
    }
    try {
      NormalizedObservation o = normalizer.normalize(canonical(raw.getJavaMap(raw.fieldIndex("fields"))));
      return RowFactory.create(o.entityCode(), o.entityName(), o.entityLevel(), o.year(), o.period(), o.sector(),
          o.market(), o.indicator(), o.value(), o.unit(), o.status(), o.reportedValue(), o.reportedUnit(),
          o.fxRate(), o.source(), sourceFile, sourceLine, batchId, ingestedAt, shape, text, null, null);
    } catch (RowRejection rejection) {
      return rejected(shape, sourceFile, sourceLine, text, batchId, ingestedAt, rejection.code().name(),
          rejection.getMessage());
    }
  }

  /** The row's values under canonical column names; headers that name no column are ignored. */
  private Map<String, String> canonical(Map<String, String> fields) {
    Map<String, String> canonical = new HashMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      vocabulary.column(field.getKey()).ifPresent(column -> canonical.putIfAbsent(column, field.getValue()));
    }
    return canonical;
  }

  private static Row rejected(String shape, String sourceFile, Long sourceLine, String text, String batchId,
                              Timestamp ingestedAt, String code, String reason) {
    Object[] values = new Object[SCHEMA.size()];
    values[SCHEMA.fieldIndex("source_file")] = sourceFile;
    values[SCHEMA.fieldIndex("source_line")] = sourceLine;
    values[SCHEMA.fieldIndex("batch_id")] = batchId;
    values[SCHEMA.fieldIndex("ingested_at")] = ingestedAt;
    values[SCHEMA.fieldIndex("shape")] = shape;
    values[SCHEMA.fieldIndex("raw")] = text;
    values[SCHEMA.fieldIndex("reason_code")] = ReasonCode.valueOf(code).name();
    values[SCHEMA.fieldIndex("reason")] = reason;
    return RowFactory.create(values);
  }
}
