package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and normalises every landed batch not yet normalised, in landing order:
 *
 * <ul>
 *   <li>figures (observations, yearbook, bulletin) are merged into {@code observations} on the
 *       natural key (a later batch revises a figure; the older vintage stays reachable by time
 *       travel);
 *   <li>firm register rows are merged into {@code firm_observations};
 *   <li>contracts go to the silver {@code contracts} table and are summed into {@code observations}
 *       and {@code firm_observations};
 *   <li>rejected rows go to {@code quarantine} with their reason; exact duplicates within a batch
 *       are dropped and counted; rows of a batch giving different values for one key are all
 *       quarantined.
 * </ul>
 *
 * Then the derived ({@code D}) figures are brought up to date and the batch is recorded in {@code
 * batches}. Every write is idempotent, so a batch interrupted half way is simply normalised again
 * by the next run. A batch whose normalisation fails is undone and set aside ({@link HeldBatches});
 * the others go on, and the step's result names it.
 *
 * <p>What counts as a row read: a row of a long shape, a contract, a firm row, and for the wide and
 * nested shapes (yearbook, bulletin with {@code figures}) each figure, so that {@code read =
 * accepted + quarantined + duplicate}.
 */
public class NormalizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(NormalizeJob.class);

  private final PipelineContext context;
  private final BatchRelease release;

  /**
   * One per input shape, in the order they write: the firm register before the contracts' firm
   * figures.
   */
  private final List<ShapeNormalizer> normalizers;

  public NormalizeJob(PipelineContext context) {
    this(context, BatchRelease.NONE);
  }

  public NormalizeJob(PipelineContext context, BatchRelease release) {
    this.context = context;
    this.release = release;
    this.normalizers =
        List.of(
            new FigureNormalizer(context),
            new FirmRegisterNormalizer(context),
            new ContractRegisterNormalizer(context));
  }

  public StepResult run() {
    Instant started = Instant.now();
    HeldBatches held = new HeldBatches(context);
    Map<String, Map<String, Long>> countsByBatch = new LinkedHashMap<>();
    release.retry().forEach(held::retry);
    for (String batch : release.drop()) {
      Dataset<Row> dropped = held.dropped(batch).localCheckpoint();
      long rows = dropped.count();
      mergeQuarantine(List.of(dropped));
      countsByBatch.put(batch, Map.of(Outcomes.QUARANTINED, rows));
      LOG.warn(
          "normalize: batch {} dropped: its {} raw row(s) quarantined as BATCH_DROPPED",
          batch,
          rows);
    }
    List<String> pending = pendingBatches(held.held(), release.drop());
    Map<String, String> failed = new LinkedHashMap<>();
    SparkContext spark = context.spark().sparkContext();
    String stepDescription = spark.getLocalProperty("spark.job.description");
    for (String batch : pending) {
      // The step's job group stays; the description names the batch: the event log shows its time.
      spark.setJobDescription(Step.NORMALIZE.id() + " batch " + batch);
      try {
        countsByBatch.put(batch, held.asOneUnit(batch, () -> normalizeBatch(batch)));
      } catch (Exception | FSError e) {
        // Spark's exceptions are checked in Java's eyes but thrown undeclared.
        if (Errors.isEnvironmental(e)) {
          // The warehouse's storage failed, not the batch: the step fails, the next run tries
          // again.
          throw e;
        }
        // the batch itself failed: it is set aside, and the others go on
        String cause = Errors.cause(e);
        LOG.error("normalize: batch {} failed and is set aside: {}", batch, cause);
        LOG.debug("normalize: batch {} failed", batch, e);
        failed.put(batch, cause);
      }
    }
    spark.setJobDescription(stepDescription);
    if (!failed.isEmpty()) {
      held.hold(failed);
    }
    long derived = 0;
    if (!countsByBatch.isEmpty()) {
      derived = new Derivations(context).refresh();
      recordBatches(countsByBatch);
      release.drop().forEach(held::released);
    }
    Map<String, Long> total = new HashMap<>();
    countsByBatch
        .values()
        .forEach(counts -> counts.forEach((k, v) -> total.merge(k, v, Long::sum)));
    long accepted = total.getOrDefault(Outcomes.ACCEPTED, 0L);
    long quarantined = total.getOrDefault(Outcomes.QUARANTINED, 0L);
    long duplicate = total.getOrDefault(Outcomes.DUPLICATE, 0L);
    long read = accepted + quarantined + duplicate;
    LOG.info(
        "normalize: {} batch(es), {} row(s) read = {} accepted + {} quarantined + {} duplicate; {} derived{}",
        countsByBatch.size(),
        read,
        accepted,
        quarantined,
        duplicate,
        derived,
        failed.isEmpty() ? "" : "; " + failed.size() + " batch(es) set aside");
    return new StepResult(
        Step.NORMALIZE.id(),
        started,
        Instant.now(),
        read,
        accepted,
        quarantined,
        duplicate,
        accepted + derived,
        countsByBatch.size() + " batch(es), " + derived + " derived figure(s)",
        failed,
        quarantined == 0 ? Map.of() : quarantinedByReason(countsByBatch.keySet()));
  }

  /**
   * The rows the batches quarantined, by reason code: what the quality gate and the run's result
   * report. Counted from the table, once for all batches, only when some row was quarantined.
   */
  private Map<String, Long> quarantinedByReason(Set<String> batches) {
    Map<String, Long> byReason = new TreeMap<>();
    context
        .tables()
        .readLatest(Tables.QUARANTINE)
        .where(col("batch_id").isin(batches.toArray()))
        .groupBy("reason_code")
        .count()
        .collectAsList()
        .forEach(row -> byReason.put(row.getString(0), row.getLong(1)));
    return byReason;
  }

  /**
   * Batches landed in raw_rows that have not completed normalisation and are not set aside, oldest
   * first.
   */
  private List<String> pendingBatches(List<String> held, List<String> dropped) {
    return context.tables().unnormalizedBatches().stream()
        .filter(batch -> !held.contains(batch) && !dropped.contains(batch))
        .toList();
  }

  /**
   * Normalises one batch; its outcome counts. Package-private so that a test can make a batch fail.
   */
  Map<String, Long> normalizeBatch(String batch) {
    Dataset<Row> raw =
        context.tables().readLatest(Tables.RAW_ROWS).where(col("batch_id").equalTo(batch));
    List<Row> parts = raw.select("shape", "source_file").distinct().collectAsList();
    Set<String> shapes = parts.stream().map(part -> part.getString(0)).collect(Collectors.toSet());
    BatchPositions positions =
        new BatchPositions(parts.stream().map(part -> part.getString(1)).distinct().toList());
    Map<String, Long> counts = new HashMap<>();
    List<Outcomes> resolved = new ArrayList<>();
    for (ShapeNormalizer normalizer : normalizers) {
      Object[] folders =
          normalizer.shapes().stream().map(Shape::folder).filter(shapes::contains).toArray();
      if (folders.length == 0) {
        continue;
      }
      Outcomes outcomes =
          normalizer.outcomes(
              normalizer.classify(batch, raw.where(col("shape").isin(folders))), positions);
      resolved.add(outcomes);
      outcomes.addTo(counts);
      if (outcomes.accepted() > 0) {
        normalizer.write(batch, outcomes);
      }
    }
    if (counts.getOrDefault(Outcomes.QUARANTINED, 0L) > 0) {
      mergeQuarantine(resolved.stream().map(Outcomes::quarantinedRows).toList());
    }
    LOG.info("normalize: batch {}: {}", batch, counts);
    return counts;
  }

  private void mergeQuarantine(List<Dataset<Row>> rejected) {
    Dataset<Row> rows = null;
    for (Dataset<Row> part : rejected) {
      Dataset<Row> shaped =
          part.withColumn("quarantined_at", current_timestamp())
              .selectExpr(Tables.QUARANTINE.columns());
      rows = rows == null ? shaped : rows.unionByName(shaped);
    }
    context.tables().merge(Tables.QUARANTINE, rows).insertAllWhenNotMatched().execute();
  }

  private void recordBatches(Map<String, Map<String, Long>> countsByBatch) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> batch : countsByBatch.entrySet()) {
      Map<String, Long> counts = batch.getValue();
      rows.add(
          Tables.BATCHES
              .row()
              .set("batch_id", batch.getKey())
              .set("rows_read", counts.values().stream().mapToLong(Long::longValue).sum())
              .set("rows_accepted", counts.getOrDefault(Outcomes.ACCEPTED, 0L))
              .set("rows_quarantined", counts.getOrDefault(Outcomes.QUARANTINED, 0L))
              .set("rows_duplicate", counts.getOrDefault(Outcomes.DUPLICATE, 0L))
              .set("normalized_at", now)
              .build());
    }
    context.tables().append(Tables.BATCHES, rows);
  }
}
