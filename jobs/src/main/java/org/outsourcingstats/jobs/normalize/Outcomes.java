package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.quality.ReasonCode;

/**
 * A batch's classified rows of one shape, each marked with its {@linkplain #COLUMN outcome}, and
 * how many of them there were and how many were quarantined or dropped as exact duplicates. The one
 * de-duplication rule of every shape: of the valid rows of one key, the first in batch order is
 * accepted and its exact copies are duplicates; when they do not all agree, every one of them is
 * quarantined ({@link ReasonCode#CONFLICTING_DUPLICATE}).
 *
 * <p>The classified rows carry {@code reason_code} and {@code reason}, NULL for a valid row.
 */
record Outcomes(Dataset<Row> rows, long read, long quarantined, long duplicate) {
  /** The column of a row's outcome. */
  static final String COLUMN = "outcome";

  static final String ACCEPTED = "accepted";
  static final String QUARANTINED = "quarantined";
  static final String DUPLICATE = "duplicate";

  /**
   * Most repeated keys of a batch that are broadcast to the executors rather than joined by a
   * shuffle.
   */
  private static final long BROADCAST_KEYS = 500_000;

  long accepted() {
    return read - quarantined - duplicate;
  }

  /** The accepted rows. */
  Dataset<Row> acceptedRows() {
    return rows.where(col(COLUMN).equalTo(ACCEPTED));
  }

  /** The quarantined rows. */
  Dataset<Row> quarantinedRows() {
    return rows.where(col(COLUMN).equalTo(QUARANTINED));
  }

  /** Adds these counts to {@code counts}, keyed by outcome. */
  void addTo(Map<String, Long> counts) {
    counts.merge(ACCEPTED, accepted(), Long::sum);
    counts.merge(QUARANTINED, quarantined, Long::sum);
    counts.merge(DUPLICATE, duplicate, Long::sum);
  }

  /**
   * The same outcomes after {@code rule} quarantined more of the rows (a rule over the accepted
   * rows of a batch, such as shares that add up to more than 100%), counted again from the rows as
   * they are checkpointed for the writes that follow (one action: the counts are observed on it).
   */
  Outcomes recountedAfter(UnaryOperator<Dataset<Row>> rule) {
    Observation counted = new Observation("recounted_outcomes");
    Dataset<Row> ruled =
        rule.apply(rows)
            .observe(
                counted,
                count(lit(1)).as("read"),
                count(when(col(COLUMN).equalTo(QUARANTINED), lit(1))).as("quarantined"),
                count(when(col(COLUMN).equalTo(DUPLICATE), lit(1))).as("duplicate"))
            .localCheckpoint();
    Map<String, Object> observed = observed(counted);
    return new Outcomes(
        ruled,
        ((Number) observed.get("read")).longValue(),
        ((Number) observed.get("quarantined")).longValue(),
        ((Number) observed.get("duplicate")).longValue());
  }

  /**
   * Marks each row accepted, quarantined (rejected, or one of a conflicting group) or duplicate (an
   * exact copy of the first row of its key, in {@code order}). Rows of one key are the same when
   * {@code sameness} is equal; {@code order} must tell every two rows of a batch apart ({@link
   * BatchPositions}).
   *
   * <p>One aggregation, the only pass over the rows before the result is used, finds the keys held
   * by more than one valid row (shuffling a key, two hashes and a position, not whole rows); the
   * rows and the rejected ones are counted on its output as it is written ({@link Observation}).
   * Keys are rarely repeated: the repeated ones are broadcast and joined back, and a row is then
   * marked by comparing it with its key's group, with no window and no second pass.
   */
  static Outcomes of(Dataset<Row> classified, List<String> key, Column sameness, Column order) {
    SparkSession spark = classified.sparkSession();
    Column valid = col("reason_code").isNull();
    Dataset<Row> hashed =
        classified.withColumn("_same", xxhash64(sameness)).withColumn("_order", order);
    List<Column> grouping =
        new ArrayList<>(List.of(valid.as("_valid"), col("_same"), col("_order")));
    for (int i = 0; i < key.size(); i++) {
      grouping.add(when(valid, col(key.get(i))).as("_k" + i));
    }
    String view = "outcome_rows";
    hashed.select(grouping.toArray(Column[]::new)).createOrReplaceTempView(view);
    String keys =
        IntStream.range(0, key.size()).mapToObj(i -> "_k" + i).collect(Collectors.joining(", "));
    // The batch's row counts are observed on the aggregation's output as it is checkpointed, rather
    // than computed by a grouping set of their own, which would feed every row into the aggregation
    // twice.
    Observation counted = new Observation("outcome_counts");
    Dataset<Row> groups =
        spark
            .sql(
                "SELECT "
                    + keys
                    + ", _valid, count(*) AS _n, min(_same) AS _min, "
                    + "max(_same) AS _max, min(_order) AS _first FROM "
                    + view
                    + " GROUP BY _valid, "
                    + keys)
            .observe(
                counted,
                coalesce(sum("_n"), lit(0L)).as("read"),
                coalesce(sum(when(not(col("_valid")), col("_n"))), lit(0L)).as("invalid"))
            .where("_valid AND _n > 1")
            .localCheckpoint();
    spark.catalog().dropTempView(view);
    Map<String, Object> observed = observed(counted);
    Row totals =
        groups
            .agg(
                sum(when(col("_min").notEqual(col("_max")), col("_n"))),
                sum(when(col("_min").equalTo(col("_max")), col("_n").minus(1))),
                count(lit(1)))
            .first();
    long read = ((Number) observed.get("read")).longValue();
    long invalid = ((Number) observed.get("invalid")).longValue();
    long quarantined = invalid + (totals.isNullAt(0) ? 0 : totals.getLong(0));
    long duplicate = totals.isNullAt(1) ? 0 : totals.getLong(1);
    List<Column> repeatedColumns = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      repeatedColumns.add(col("_k" + i).as(key.get(i)));
    }
    repeatedColumns.addAll(List.of(col("_min"), col("_max"), col("_first")));
    Dataset<Row> repeated = groups.select(repeatedColumns.toArray(Column[]::new));
    // Few keys repeat: broadcast them, so that the rows themselves are never shuffled for the join.
    boolean small = totals.getLong(2) <= BROADCAST_KEYS;
    Dataset<Row> joined =
        hashed.join(small ? broadcast(repeated) : repeated, key.toArray(String[]::new), "left");
    // One projection rather than a chain of withColumn: keeps the plan, and the optimizer's
    // constraints, small.
    Column grouped = valid.and(col("_first").isNotNull());
    Column conflicting = grouped.and(col("_min").notEqual(col("_max")));
    Column copy = grouped.and(col("_order").notEqual(col("_first")));
    Column reasonCode =
        when(conflicting, lit(ReasonCode.CONFLICTING_DUPLICATE.name()))
            .otherwise(col("reason_code"));
    Column reason =
        when(
                conflicting,
                lit(
                    "another row of this batch gives a different value for the same key "
                        + key
                        + "; correct one of them and land the file again"))
            .otherwise(col("reason"));
    Column outcome =
        when(reasonCode.isNotNull(), lit(QUARANTINED))
            .when(copy, lit(DUPLICATE))
            .otherwise(lit(ACCEPTED));
    List<Column> columns = new ArrayList<>();
    for (String name : classified.columns()) {
      columns.add(
          name.equals("reason_code")
              ? reasonCode.as(name)
              : name.equals("reason") ? reason.as(name) : col(name));
    }
    columns.add(outcome.as(COLUMN));
    return new Outcomes(
        joined.select(columns.toArray(Column[]::new)), read, quarantined, duplicate);
  }

  /**
   * The metrics an action observed; the action has run, so waiting for them is waiting for its
   * listener.
   */
  static Map<String, Object> observed(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the batch's row counts", e);
    }
  }
}
