package org.outsourcingstats.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.outsourcingstats.common.delta.TableSchemas;
import org.outsourcingstats.common.quality.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and normalises every landed batch not yet normalised, in landing order: accepted figures are merged into
 * {@code observations} on the natural key (a later batch revises a figure; the older vintage stays reachable by time
 * travel), rejected rows go to {@code quarantine} with their reason, exact duplicates within a batch are dropped
 * and counted, and two rows of a batch giving different values for one figure are both quarantined. Then the
 * derived ({@code D}) figures are brought up to date, and the batch is recorded in {@code batches}.
 *
 * <p>Every write is idempotent, so a batch interrupted half way is simply normalised again by the next run.
 */
public final class NormalizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(NormalizeJob.class);
  private static final String OUTCOME = "outcome";
  private static final String ACCEPTED = "accepted";
  private static final String QUARANTINED = "quarantined";
  private static final String DUPLICATE = "duplicate";

  private final PipelineContext context;

  public NormalizeJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    Instant started = Instant.now();
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long duplicate = 0;
    long written = 0;
    List<String> pending = pendingBatches();
    Map<String, Map<String, Long>> countsByBatch = new java.util.LinkedHashMap<>();
    for (String batch : pending) {
      Map<String, Long> counts = normalizeBatch(batch);
      countsByBatch.put(batch, counts);
      long batchRead = counts.values().stream().mapToLong(Long::longValue).sum();
      read += batchRead;
      accepted += counts.getOrDefault(ACCEPTED, 0L);
      quarantined += counts.getOrDefault(QUARANTINED, 0L);
      duplicate += counts.getOrDefault(DUPLICATE, 0L);
    }
    if (!pending.isEmpty()) {
      written = new Derivations(context).refresh();
      recordBatches(countsByBatch);
    }
    LOG.info("normalize: {} batch(es), {} row(s) read = {} accepted + {} quarantined + {} duplicate",
        pending.size(), read, accepted, quarantined, duplicate);
    return new StepResult("normalize", started, Instant.now(), read, accepted, quarantined, duplicate,
        accepted + written, pending.size() + " batch(es)");
  }

  /** Batches landed in raw_rows that have not completed normalisation, oldest first. */
  private List<String> pendingBatches() {
    Dataset<Row> landed = context.tables().read(TableSchemas.RAW_ROWS).select("batch_id").distinct();
    Dataset<Row> done = context.tables().read(TableSchemas.BATCHES).select("batch_id");
    return landed.except(done).as(Encoders.STRING()).collectAsList().stream().sorted().toList();
  }

  private Map<String, Long> normalizeBatch(String batch) {
    Dataset<Row> raw = context.tables().read(TableSchemas.RAW_ROWS).where(col("batch_id").equalTo(batch));
    Dataset<Row> classified = raw.mapPartitions(
        new ObservationClassifier(context.vocabulary(), context.config().currentYear()),
        Encoders.row(ObservationClassifier.SCHEMA));
    Dataset<Row> outcomes = withOutcomes(classified).cache();
    try {
      Map<String, Long> counts = new HashMap<>();
      for (Row row : outcomes.groupBy(OUTCOME).count().collectAsList()) {
        counts.put(row.getString(0), row.getLong(1));
      }
      if (counts.getOrDefault(ACCEPTED, 0L) > 0) {
        mergeObservations(outcomes.where(col(OUTCOME).equalTo(ACCEPTED)));
      }
      if (counts.getOrDefault(QUARANTINED, 0L) > 0) {
        mergeQuarantine(outcomes.where(col(OUTCOME).equalTo(QUARANTINED)));
      }
      LOG.info("normalize: batch {}: {}", batch, counts);
      return counts;
    } finally {
      outcomes.unpersist();
    }
  }

  /**
   * Marks each row accepted, quarantined (rejected, or one of a conflicting pair) or duplicate (an exact copy of an
   * accepted row of the same batch).
   */
  private static Dataset<Row> withOutcomes(Dataset<Row> classified) {
    Column[] key = TableSchemas.OBSERVATION_KEY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    WindowSpec byKey = Window.partitionBy(key);
    Column valid = col("reason_code").isNull();
    Dataset<Row> ranked = classified
        .withColumn("min_value", when(valid, min("value").over(byKey)))
        .withColumn("max_value", when(valid, max("value").over(byKey)))
        .withColumn("copy", when(valid, row_number().over(byKey.orderBy(col("source_file"), col("source_line")))));
    Column conflicting = valid.and(col("min_value").notEqual(col("max_value")));
    return ranked
        .withColumn("reason", when(conflicting, lit("another row of this batch gives a different value for "
            + "the same figure (entity, year, period, sector, market, indicator, status); correct one of them and "
            + "land the file again")).otherwise(col("reason")))
        .withColumn("reason_code", when(conflicting, lit(ReasonCode.CONFLICTING_DUPLICATE.name()))
            .otherwise(col("reason_code")))
        .withColumn(OUTCOME, when(col("reason_code").isNotNull(), lit(QUARANTINED))
            .when(col("copy").gt(1), lit(DUPLICATE))
            .otherwise(lit(ACCEPTED)))
        .drop("min_value", "max_value", "copy");
  }

  private void mergeObservations(Dataset<Row> accepted) {
    String[] columns = TableSchemas.OBSERVATIONS_SCHEMA.fieldNames();
    String on = TableSchemas.OBSERVATION_KEY.stream().map(k -> "t." + k + " = s." + k)
        .collect(Collectors.joining(" AND "));
    String changed = "NOT (t.value <=> s.value) OR NOT (t.reported_value <=> s.reported_value) "
        + "OR NOT (t.reported_unit <=> s.reported_unit) OR NOT (t.source <=> s.source)";
    DeltaTable.forName(context.spark(), context.tables().name(TableSchemas.OBSERVATIONS)).as("t")
        .merge(accepted.selectExpr(columns).as("s"), on)
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private void mergeQuarantine(Dataset<Row> rejected) {
    Dataset<Row> rows = rejected.withColumn("quarantined_at", current_timestamp())
        .selectExpr(TableSchemas.QUARANTINE_SCHEMA.fieldNames());
    DeltaTable.forName(context.spark(), context.tables().name(TableSchemas.QUARANTINE)).as("t")
        .merge(rows.as("s"), "t.batch_id = s.batch_id AND t.source_file <=> s.source_file "
            + "AND t.source_line <=> s.source_line AND t.reason_code = s.reason_code")
        .whenNotMatched().insertAll()
        .execute();
  }

  private void recordBatches(Map<String, Map<String, Long>> countsByBatch) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> batch : countsByBatch.entrySet()) {
      Map<String, Long> counts = batch.getValue();
      rows.add(RowFactory.create(batch.getKey(), counts.values().stream().mapToLong(Long::longValue).sum(),
          counts.getOrDefault(ACCEPTED, 0L), counts.getOrDefault(QUARANTINED, 0L), counts.getOrDefault(DUPLICATE, 0L),
          now));
    }
    context.tables().append(TableSchemas.BATCHES,
        context.spark().createDataFrame(rows, TableSchemas.BATCHES_SCHEMA));
  }
}
