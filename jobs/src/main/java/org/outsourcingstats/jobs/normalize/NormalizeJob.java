package org.outsourcingstats.jobs.normalize;

import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.StepResult;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and normalises every landed batch not yet normalised, in landing order:
 * <ul>
 *   <li>figures (observations, yearbook, bulletin) are merged into {@code observations} on the natural key (a later
 *       batch revises a figure; the older vintage stays reachable by time travel);</li>
 *   <li>firm register rows are merged into {@code firm_observations};</li>
 *   <li>contracts go to the silver {@code contracts} table and are summed into {@code observations} and
 *       {@code firm_observations};</li>
 *   <li>rejected rows go to {@code quarantine} with their reason; exact duplicates within a batch are dropped and
 *       counted; rows of a batch giving different values for one key are all quarantined.</li>
 * </ul>
 * Then the derived ({@code D}) figures are brought up to date and the batch is recorded in {@code batches}. Every
 * write is idempotent, so a batch interrupted half way is simply normalised again by the next run. A batch whose
 * normalisation fails is undone and set aside ({@link HeldBatches}); the others go on, and the step's result names
 * it.
 *
 * <p>What counts as a row read: a row of a long shape, a contract, a firm row, and for the wide and nested shapes
 * (yearbook, bulletin with {@code figures}) each figure, so that {@code read = accepted + quarantined + duplicate}.
 */
public class NormalizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(NormalizeJob.class);
  static final String OUTCOME = "outcome";
  static final String ACCEPTED = "accepted";
  static final String QUARANTINED = "quarantined";
  static final String DUPLICATE = "duplicate";
  /** Shares of one parent may add up to this much before they are rejected: published shares are rounded. */
  private static final double SHARE_SUM_LIMIT = 1.005;
  /** Most repeated keys of a batch that are broadcast to the executors rather than joined by a shuffle. */
  private static final long BROADCAST_KEYS = 500_000;
  private static final List<String> FIGURE_SHAPES =
      List.of(Shape.OBSERVATIONS.folder(), Shape.YEARBOOK.folder(), Shape.BULLETIN.folder());

  private final PipelineContext context;
  private final Release release;

  public NormalizeJob(PipelineContext context) {
    this(context, Release.NONE);
  }

  public NormalizeJob(PipelineContext context, Release release) {
    this.context = context;
    this.release = release;
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
      countsByBatch.put(batch, Map.of(QUARANTINED, rows));
      LOG.warn("normalize: batch {} dropped: its {} raw row(s) quarantined as BATCH_DROPPED", batch, rows);
    }
    List<String> pending = pendingBatches(held.held(), release.drop());
    Map<String, String> failed = new LinkedHashMap<>();
    for (String batch : pending) {
      try {
        countsByBatch.put(batch, held.asOneUnit(batch, () -> normalizeBatch(batch)));
      } catch (Exception | FSError e) { // Spark's exceptions are checked in Java's eyes but thrown undeclared.
        if (Errors.isEnvironmental(e)) {
          throw e; // the warehouse's storage failed, not the batch: the step fails and the next run tries again
        }
        // the batch itself failed: it is set aside, and the others go on
        String cause = Errors.cause(e);
        LOG.error("normalize: batch {} failed and is set aside: {}", batch, cause);
        LOG.debug("normalize: batch {} failed", batch, e);
        failed.put(batch, cause);
      }
    }
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
    countsByBatch.values().forEach(counts -> counts.forEach((k, v) -> total.merge(k, v, Long::sum)));
    long accepted = total.getOrDefault(ACCEPTED, 0L);
    long quarantined = total.getOrDefault(QUARANTINED, 0L);
    long duplicate = total.getOrDefault(DUPLICATE, 0L);
    long read = accepted + quarantined + duplicate;
    LOG.info("normalize: {} batch(es), {} row(s) read = {} accepted + {} quarantined + {} duplicate; {} derived{}",
        countsByBatch.size(), read, accepted, quarantined, duplicate, derived,
        failed.isEmpty() ? "" : "; " + failed.size() + " batch(es) set aside");
    return new StepResult("normalize", started, Instant.now(), read, accepted, quarantined, duplicate,
        accepted + derived, countsByBatch.size() + " batch(es), " + derived + " derived figure(s)", failed);
  }

  /**
   * Batches to release before normalising: held batches to normalise again, and held batches to drop.
   *
   * @param retry batch ids for {@code normalize --retry-batch}
   * @param drop batch ids for {@code normalize --drop-batch}
   */
  public record Release(List<String> retry, List<String> drop) {
    public static final Release NONE = new Release(List.of(), List.of());

    public Release {
      retry = List.copyOf(retry);
      drop = List.copyOf(drop);
    }
  }

  /** Batches landed in raw_rows that have not completed normalisation and are not set aside, oldest first. */
  private List<String> pendingBatches(List<String> held, List<String> dropped) {
    Dataset<Row> landed = context.tables().read(Tables.RAW_ROWS).select("batch_id").distinct();
    Dataset<Row> done = context.tables().read(Tables.BATCHES).select("batch_id");
    return landed.except(done).as(Encoders.STRING()).collectAsList().stream()
        .filter(batch -> !held.contains(batch) && !dropped.contains(batch)).sorted().toList();
  }

  /** Normalises one batch; its outcome counts. Package-private so that a test can make a batch fail. */
  Map<String, Long> normalizeBatch(String batch) {
    Dataset<Row> raw = context.tables().read(Tables.RAW_ROWS).where(col("batch_id").equalTo(batch));
    List<Row> parts = raw.select("shape", "source_file").distinct().collectAsList();
    List<String> shapes = parts.stream().map(part -> part.getString(0)).distinct().toList();
    BatchPositions positions = new BatchPositions(parts.stream().map(part -> part.getString(1)).distinct().toList());
    Map<String, Long> counts = new HashMap<>();
    List<Dataset<Row>> rejected = new ArrayList<>();
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      if (shapes.stream().anyMatch(FIGURE_SHAPES::contains)) {
        Dataset<Row> figures = raw.where(col("shape").isin(FIGURE_SHAPES.toArray()))
            .flatMap(new FigureClassifier(context.vocabulary(), context.config().currentYear()),
                Encoders.row(FigureClassifier.SCHEMA));
        // Share sums quarantine more rows after the duplicates are resolved, so figures are counted afterwards.
        Dataset<Row> outcomes = withShareSums(withOutcomes(figures, Tables.OBSERVATIONS.key(), col("value"),
            positions.ofItem()).rows()).cache();
        cached.add(outcomes);
        if (count(outcomes, counts) > 0) {
          mergeObservations(outcomes.where(col(OUTCOME).equalTo(ACCEPTED)));
        }
        rejected.add(outcomes.where(col(OUTCOME).equalTo(QUARANTINED)));
      }
      if (shapes.contains(Shape.FIRMS.folder())) {
        Dataset<Row> firms = raw.where(col("shape").equalTo(Shape.FIRMS.folder()))
            .flatMap(new FirmClassifier(context.vocabulary(), context.config().currentYear()),
                Encoders.row(FirmClassifier.SCHEMA));
        Column sameness = org.apache.spark.sql.functions.concat_ws("|", col("firm_name"), col("entity_code"),
            col("revenue").cast("string"), col("employees").cast("string"), col("fortune500").cast("string"));
        Outcomes outcomes = withOutcomes(firms, Tables.FIRM_OBSERVATIONS.key(), sameness, positions.ofLine());
        if (outcomes.addTo(counts) > 0) {
          mergeFirmRegister(outcomes.rows().where(col(OUTCOME).equalTo(ACCEPTED)));
        }
        rejected.add(outcomes.rows().where(col(OUTCOME).equalTo(QUARANTINED)));
      }
      if (shapes.contains(Shape.CONTRACTS.folder())) {
        // The register, the large input, is never cached: each use reads the batch's raw rows again, which costs
        // less than writing and reading a cache (at 10 M rows a disk cache cost more than a minute, and in memory it
        // ran a 1 GiB driver out of heap). Its rows are read three times: for the repeated keys and the counts, to
        // merge the accepted, and to quarantine the rejected when there are any.
        ContractRegister register = new ContractRegister(context);
        Dataset<Row> contracts = register.classify(
            ContractRegister.parse(raw.where(col("shape").equalTo(Shape.CONTRACTS.folder()))));
        Outcomes outcomes = withOutcomes(contracts, List.of("contract_id"), col("raw"), positions.ofLine());
        if (outcomes.addTo(counts) > 0) {
          ContractRegister.Merged merged =
              register.merge(batch, outcomes.rows().where(col(OUTCOME).equalTo(ACCEPTED)));
          mergeRegisterSums(register.observations(merged), merged, batch);
          mergeFirmContracts(register.firmFigures(merged), merged);
        }
        rejected.add(outcomes.rows().where(col(OUTCOME).equalTo(QUARANTINED)));
      }
      if (counts.getOrDefault(QUARANTINED, 0L) > 0) {
        mergeQuarantine(rejected);
      }
      LOG.info("normalize: batch {}: {}", batch, counts);
      return counts;
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /** Adds the outcome counts of {@code outcomes} to {@code counts}; returns how many were accepted. */
  private static long count(Dataset<Row> outcomes, Map<String, Long> counts) {
    long accepted = 0;
    for (Row row : outcomes.groupBy(OUTCOME).count().collectAsList()) {
      counts.merge(row.getString(0), row.getLong(1), Long::sum);
      if (ACCEPTED.equals(row.getString(0))) {
        accepted = row.getLong(1);
      }
    }
    return accepted;
  }

  /**
   * Rows with their outcome, and how many rows the batch had and how many were quarantined or dropped as duplicates,
   * counted by the aggregation that found the repeated keys.
   */
  record Outcomes(Dataset<Row> rows, long read, long quarantined, long duplicate) {
    long accepted() {
      return read - quarantined - duplicate;
    }

    /** Adds these counts to {@code counts}; returns how many rows were accepted. */
    long addTo(Map<String, Long> counts) {
      counts.merge(ACCEPTED, accepted(), Long::sum);
      counts.merge(QUARANTINED, quarantined, Long::sum);
      counts.merge(DUPLICATE, duplicate, Long::sum);
      return accepted();
    }
  }

  /**
   * Marks each row accepted, quarantined (rejected, or one of a conflicting group) or duplicate (an exact copy of
   * the first row of its key, in {@code order}). Rows of one key are the same when {@code sameness} is equal;
   * {@code order} must tell every two rows of a batch apart ({@link BatchPositions}).
   *
   * <p>One aggregation, the only pass over the rows before the result is used, finds the keys held by more than one
   * valid row (shuffling a key, two hashes and a position, not whole rows); the rows and the rejected ones are
   * counted on its output as it is written ({@link Observation}). Keys are rarely repeated: the repeated ones are
   * broadcast and joined back, and a row is then marked by comparing it with its key's group, with no window and no
   * second pass.
   */
  static Outcomes withOutcomes(Dataset<Row> classified, List<String> key, Column sameness, Column order) {
    SparkSession spark = classified.sparkSession();
    Column valid = col("reason_code").isNull();
    Dataset<Row> hashed = classified.withColumn("_same", xxhash64(sameness)).withColumn("_order", order);
    List<Column> grouping = new ArrayList<>(List.of(valid.as("_valid"), col("_same"), col("_order")));
    for (int i = 0; i < key.size(); i++) {
      grouping.add(when(valid, col(key.get(i))).as("_k" + i));
    }
    String view = "outcome_rows";
    hashed.select(grouping.toArray(Column[]::new)).createOrReplaceTempView(view);
    String keys = java.util.stream.IntStream.range(0, key.size()).mapToObj(i -> "_k" + i)
        .collect(Collectors.joining(", "));
    // The batch's row counts are observed on the aggregation's output as it is checkpointed, rather than computed by
    // a grouping set of their own, which would feed every row into the aggregation twice.
    Observation counted = new Observation("outcome_counts");
    Dataset<Row> groups = spark.sql("SELECT " + keys + ", _valid, count(*) AS _n, min(_same) AS _min, "
            + "max(_same) AS _max, min(_order) AS _first FROM " + view + " GROUP BY _valid, " + keys)
        .observe(counted, coalesce(sum("_n"), lit(0L)).as("read"),
            coalesce(sum(when(not(col("_valid")), col("_n"))), lit(0L)).as("invalid"))
        .where("_valid AND _n > 1")
        .localCheckpoint();
    spark.catalog().dropTempView(view);
    Map<String, Object> observed = observed(counted);
    Row totals = groups.agg(
        sum(when(col("_min").notEqual(col("_max")), col("_n"))),
        sum(when(col("_min").equalTo(col("_max")), col("_n").minus(1))),
        org.apache.spark.sql.functions.count(lit(1))).first();
    long read = ((Number) observed.get("read")).longValue();
    long invalid = ((Number) observed.get("invalid")).longValue();
    long quarantinedCount = invalid + (totals.isNullAt(0) ? 0 : totals.getLong(0));
    long duplicateCount = totals.isNullAt(1) ? 0 : totals.getLong(1);
    List<Column> repeatedColumns = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      repeatedColumns.add(col("_k" + i).as(key.get(i)));
    }
    repeatedColumns.addAll(List.of(col("_min"), col("_max"), col("_first")));
    Dataset<Row> repeated = groups.select(repeatedColumns.toArray(Column[]::new));
    // Few keys repeat: broadcast them, so that the rows themselves are never shuffled for the join.
    boolean small = totals.getLong(2) <= BROADCAST_KEYS;
    Dataset<Row> joined = hashed.join(small ? org.apache.spark.sql.functions.broadcast(repeated) : repeated,
        scala.collection.JavaConverters.asScalaBuffer(key).toSeq(), "left");
    // One projection rather than a chain of withColumn: keeps the plan, and the optimizer's constraints, small.
    Column grouped = valid.and(col("_first").isNotNull());
    Column conflicting = grouped.and(col("_min").notEqual(col("_max")));
    Column copy = grouped.and(col("_order").notEqual(col("_first")));
    Column reasonCode = when(conflicting, lit(ReasonCode.CONFLICTING_DUPLICATE.name())).otherwise(col("reason_code"));
    Column reason = when(conflicting, lit("another row of this batch gives a different value for the same key " + key
        + "; correct one of them and land the file again")).otherwise(col("reason"));
    Column outcome = when(reasonCode.isNotNull(), lit(QUARANTINED)).when(copy, lit(DUPLICATE))
        .otherwise(lit(ACCEPTED));
    List<Column> columns = new ArrayList<>();
    for (String name : classified.columns()) {
      columns.add(name.equals("reason_code") ? reasonCode.as(name) : name.equals("reason") ? reason.as(name)
          : col(name));
    }
    columns.add(outcome.as(OUTCOME));
    return new Outcomes(joined.select(columns.toArray(Column[]::new)), read, quarantinedCount, duplicateCount);
  }

  /** The metrics an action observed; the action has run, so waiting for them is waiting for its listener. */
  private static Map<String, Object> observed(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the batch's row counts", e);
    }
  }

  /**
   * Quarantines every share of a parent whose accepted shares add up to more than 100% (beyond rounding): the
   * destinations of OFFSHORE, OFFSHORE and ONSHORE of ALL, the sectors of ALL.
   */
  private static Dataset<Row> withShareSums(Dataset<Row> outcomes) {
    Column isShare = col(OUTCOME).equalTo(ACCEPTED).and(col("indicator").endsWith("_share"));
    Column dimension = when(col("market").notEqual("ALL"), lit("market")).otherwise(lit("sector"));
    Column parent = when(col("market").isin("ALL"), lit("ALL/ALL"))
        .when(col("market").isin("OFFSHORE", "ONSHORE"), org.apache.spark.sql.functions.concat(lit("ALL/"),
            col("sector")))
        .otherwise(org.apache.spark.sql.functions.concat(lit("OFFSHORE/"), col("sector")));
    WindowSpec group = Window.partitionBy(col("entity_code"), col("year"), col("period"), col("indicator"),
        col("status"), dimension, parent);
    Column total = sum(when(isShare, col("value"))).over(group);
    Column over = isShare.and(total.gt(SHARE_SUM_LIMIT));
    return outcomes.withColumn("_share_total", total)
        .withColumn("reason", when(over, org.apache.spark.sql.functions.concat(
            lit("the shares of one parent total add up to "),
            org.apache.spark.sql.functions.format_number(col("_share_total").multiply(100), 1),
            lit("%, more than 100%; correct the shares or their markets and sectors"))).otherwise(col("reason")))
        .withColumn("reason_code", when(over, lit(ReasonCode.SHARES_OVER_100.name())).otherwise(col("reason_code")))
        .withColumn(OUTCOME, when(over, lit(QUARANTINED)).otherwise(col(OUTCOME)))
        .drop("_share_total");
  }

  private void mergeObservations(Dataset<Row> accepted) {
    String[] columns = Tables.OBSERVATIONS.schema().fieldNames();
    String on = Tables.OBSERVATIONS.key().stream().map(k -> "t." + k + " = s." + k)
        .collect(Collectors.joining(" AND "));
    String changed = "NOT (t.value <=> s.value) OR NOT (t.reported_value <=> s.reported_value) "
        + "OR NOT (t.reported_unit <=> s.reported_unit) OR NOT (t.source <=> s.source)";
    DeltaTable.forName(context.spark(), context.tables().name(Tables.OBSERVATIONS)).as("t")
        .merge(accepted.selectExpr(columns).as("s"), on)
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /**
   * Merges the contract register's sums into {@code observations}. A figure a bureau published for the same key
   * takes precedence: the sum does not replace it (the two are different statistical bases), and how many sums were
   * withheld is logged. A sum replaces only an earlier sum, and an earlier sum of the years the batch touched that
   * no contract adds up to any more (its contracts were revised into another city, year, sector or market) is
   * deleted.
   */
  private void mergeRegisterSums(Dataset<Row> sums, ContractRegister.Merged merged, String batch) {
    Dataset<Row> local = sums.localCheckpoint();
    String on = Tables.OBSERVATIONS.key().stream().map(k -> "t." + k + " = s." + k)
        .collect(Collectors.joining(" AND "));
    Dataset<Row> published = context.tables().read(Tables.OBSERVATIONS).where(col("source_file").isNotNull());
    long withheld = local.as("s").join(published.as("t"), org.apache.spark.sql.functions.expr(on), "left_semi")
        .count();
    if (withheld > 0) {
      LOG.warn("normalize: batch {}: {} contract-register sum(s) not written: a published figure holds the same key "
          + "(the published figure is kept)", batch, withheld);
    }
    DeltaTable.forName(context.spark(), context.tables().name(Tables.OBSERVATIONS)).as("t")
        .merge(local.selectExpr(Tables.OBSERVATIONS.schema().fieldNames()).as("s"), on)
        .whenMatched("t.source_file IS NULL AND t.status = 'A' AND NOT (t.value <=> s.value)").updateAll()
        .whenNotMatched().insertAll()
        .whenNotMatchedBySource(ContractRegister.isContractSum("t") + " AND " + merged.yearCondition("t")).delete()
        .execute();
  }

  private static final List<String> REGISTER_COLUMNS = List.of("firm_name", "entity_code", "entity_name",
      "revenue", "reported_revenue", "reported_unit", "fx_rate", "employees", "fortune500", "source_file",
      "source_line", "batch_id");
  private static final List<String> CONTRACT_FIGURES = List.of("contracts", "contract_value", "executed_value");
  private static final List<String> CONTRACT_COLUMNS = List.of("entity_code", "entity_name", "contracts",
      "contract_value", "executed_value", "batch_id");

  private void mergeFirmRegister(Dataset<Row> accepted) {
    mergeFirms(accepted, REGISTER_COLUMNS, List.of("firm_name", "revenue", "employees", "fortune500")).execute();
  }

  /**
   * Merges the firms' contract figures of the years the batch touched; a firm's earlier figures of those years that
   * no contract adds up to any more are cleared (the whole row when the firm register has nothing in it).
   */
  private void mergeFirmContracts(Dataset<Row> figures, ContractRegister.Merged merged) {
    String stale = merged.yearCondition("t") + " AND t.contracts IS NOT NULL";
    Map<String, String> cleared = new LinkedHashMap<>();
    CONTRACT_FIGURES.forEach(column -> cleared.put(column, "NULL"));
    cleared.put("updated_at", "current_timestamp()");
    mergeFirms(figures, CONTRACT_COLUMNS, CONTRACT_FIGURES)
        .whenNotMatchedBySource(stale + " AND t.source_file IS NULL").delete()
        .whenNotMatchedBySource(stale).updateExpr(cleared)
        .execute();
  }

  /** A MERGE into {@code firm_observations} of the columns one source owns, leaving the other source's columns. */
  private DeltaMergeBuilder mergeFirms(Dataset<Row> rows, List<String> owned, List<String> compared) {
    Map<String, String> set = new LinkedHashMap<>();
    owned.forEach(column -> set.put(column, "s." + column));
    set.put("updated_at", "current_timestamp()");
    Map<String, String> insert = new LinkedHashMap<>(set);
    Tables.FIRM_OBSERVATIONS.key().forEach(column -> insert.put(column, "s." + column));
    String on = Tables.FIRM_OBSERVATIONS.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String changed = compared.stream().map(c -> "NOT (t." + c + " <=> s." + c + ")")
        .collect(Collectors.joining(" OR "));
    return DeltaTable.forName(context.spark(), context.tables().name(Tables.FIRM_OBSERVATIONS)).as("t")
        .merge(rows.as("s"), on)
        .whenMatched(changed).updateExpr(set)
        .whenNotMatched().insertExpr(insert);
  }

  private void mergeQuarantine(List<Dataset<Row>> rejected) {
    Dataset<Row> rows = null;
    for (Dataset<Row> part : rejected) {
      Dataset<Row> shaped = part.withColumn("quarantined_at", current_timestamp())
          .selectExpr(Tables.QUARANTINE.schema().fieldNames());
      rows = rows == null ? shaped : rows.unionByName(shaped);
    }
    DeltaTable.forName(context.spark(), context.tables().name(Tables.QUARANTINE)).as("t")
        .merge(rows.as("s"), "t.batch_id = s.batch_id AND t.source_file <=> s.source_file "
            + "AND t.source_line <=> s.source_line AND t.reason_code = s.reason_code AND t.reason <=> s.reason")
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
    context.tables().append(Tables.BATCHES,
        context.spark().createDataFrame(rows, Tables.BATCHES.schema()));
  }
}
