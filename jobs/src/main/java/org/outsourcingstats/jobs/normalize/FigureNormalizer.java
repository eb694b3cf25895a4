package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.vocab.Market;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.DomainSql;

/**
 * Published figures (the observations, yearbook and bulletin shapes) into {@code observations},
 * merged on the natural key: a later batch revises a figure, the older vintage stays reachable by
 * time travel. Each figure is read and normalised in Java on the executors ({@link
 * FigureClassifier}); after the duplicates are resolved, the shares of one parent that add up to
 * more than 100% are quarantined.
 */
final class FigureNormalizer implements ShapeNormalizer {
  /**
   * Shares of one parent may add up to this much before they are rejected: published shares are
   * rounded.
   */
  private static final double SHARE_SUM_LIMIT = 1.005;

  private final PipelineContext context;

  FigureNormalizer(PipelineContext context) {
    this.context = context;
  }

  @Override
  public Set<Shape> shapes() {
    return Set.of(Shape.OBSERVATIONS, Shape.YEARBOOK, Shape.BULLETIN);
  }

  @Override
  public Dataset<Row> classify(String batch, Dataset<Row> raw) {
    return raw.flatMap(
        new FigureClassifier(context.vocabulary(), context.config().currentYear()),
        Encoders.row(FigureClassifier.SCHEMA));
  }

  @Override
  public Outcomes outcomes(Dataset<Row> classified, BatchPositions positions) {
    return Outcomes.of(classified, Tables.OBSERVATIONS.key(), col("value"), positions.ofItem())
        .recountedAfter(FigureNormalizer::withShareSums);
  }

  @Override
  public void write(String batch, Outcomes outcomes) {
    String changed =
        PipelineTable.anyChanged(List.of("value", "reported_value", "reported_unit", "source"));
    context
        .tables()
        .merge(
            Tables.OBSERVATIONS, outcomes.acceptedRows().selectExpr(Tables.OBSERVATIONS.columns()))
        .updateAllWhenMatched(changed)
        .insertAllWhenNotMatched()
        .execute();
  }

  /**
   * Quarantines every share of a parent whose accepted shares add up to more than 100% (beyond
   * rounding): the destinations of OFFSHORE, OFFSHORE and ONSHORE of ALL, the sectors of ALL.
   */
  private static Dataset<Row> withShareSums(Dataset<Row> outcomes) {
    Column isShare =
        col(Outcomes.COLUMN)
            .equalTo(Outcomes.ACCEPTED)
            .and(expr(DomainSql.expand("{share(indicator)}")));
    Column dimension =
        when(col("market").notEqual(Market.ALL), lit("market")).otherwise(lit("sector"));
    Column parent =
        expr(
            DomainSql.expand(
                "concat(coalesce({parent_market(market)}, {ALL}), '/', "
                    + "{share_parent_sector(market, sector)})"));
    WindowSpec group =
        Window.partitionBy(
            col("entity_code"),
            col("year"),
            col("period"),
            col("indicator"),
            col("status"),
            dimension,
            parent);
    Column total = sum(when(isShare, col("value"))).over(group);
    Column over = isShare.and(total.gt(SHARE_SUM_LIMIT));
    return outcomes
        .withColumn("_share_total", total)
        .withColumn(
            "reason",
            when(
                    over,
                    concat(
                        lit("the shares of one parent total add up to "),
                        format_number(col("_share_total").multiply(100), 1),
                        lit("%, more than 100%; correct the shares or their markets and sectors")))
                .otherwise(col("reason")))
        .withColumn(
            "reason_code",
            when(over, lit(ReasonCode.SHARES_OVER_100.name())).otherwise(col("reason_code")))
        .withColumn(
            Outcomes.COLUMN, when(over, lit(Outcomes.QUARANTINED)).otherwise(col(Outcomes.COLUMN)))
        .drop("_share_total");
  }
}
