package org.outsourcingstats.jobs.gold;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.growth.GrowthMath;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.BestFigures;
import org.outsourcingstats.jobs.vocab.DomainSql;

/**
 * Rebuilds the {@code targets} table (gold): each plan (status T) against the actuals of its
 * series. The base is the latest actual (best of A, P, E) before the target year; {@code
 * required_cagr} is the annual growth the plan needs from it; {@code actual_cagr} the growth from
 * the base to the latest actual, once there is a later one; {@code on_track} says whether the
 * target was met (when an actual exists for the target year or later) or the actual growth keeps
 * pace with the required one.
 */
public final class TargetsJob {
  private static final RowBuilder ROWS = new RowBuilder(Tables.TARGETS.schema());
  private static final String PLANS_SQL =
      """
      WITH actual AS (
        SELECT * FROM %2$s WHERE {level(indicator)}),
      plans AS (
        SELECT * FROM %1$s WHERE status = {TARGET} AND {level(indicator)}),
      based AS (
        SELECT p.entity_code, p.entity_name, p.indicator, p.sector, p.market, p.period, p.year AS target_year,
               p.value AS target_value, b.year AS base_year, b.value AS base_value,
               row_number() OVER (PARTITION BY p.entity_code, p.indicator, p.sector, p.market, p.period, p.year
                                  ORDER BY b.year DESC) AS newest
        FROM plans p LEFT JOIN actual b ON b.entity_code = p.entity_code AND b.indicator = p.indicator
          AND b.sector = p.sector AND b.market = p.market AND b.period = p.period AND b.year < p.year),
      latest AS (
        SELECT entity_code, indicator, sector, market, period, year AS latest_year, value AS latest_value,
               row_number() OVER (PARTITION BY entity_code, indicator, sector, market, period ORDER BY year DESC) AS n
        FROM actual)
      SELECT b.*, l.latest_year, l.latest_value
      FROM based b LEFT JOIN latest l ON l.entity_code = b.entity_code AND l.indicator = b.indicator
        AND l.sector = b.sector AND l.market = b.market AND l.period = b.period AND l.n = 1
      WHERE b.newest = 1 AND b.period = {FY}
      """;

  private final PipelineContext context;

  public TargetsJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    return GoldTable.write(
        context,
        Step.TARGETS,
        Instant.now(),
        Tables.TARGETS,
        new GoldTable.Inputs(List.of(Tables.OBSERVATIONS), "no settings"),
        this::targets,
        "plan(s)");
  }

  private Dataset<Row> targets() {
    Dataset<Row> plans =
        context
            .tables()
            .query(
                DomainSql.expand(
                    String.format(
                        PLANS_SQL,
                        context.tables().name(Tables.OBSERVATIONS),
                        BestFigures.view(
                            context.spark(),
                            "pipeline_target_actuals",
                            context.tables().name(Tables.OBSERVATIONS),
                            Statuses.PUBLISHED))));
    return plans
        .map((MapFunction<Row, Row>) TargetsJob::target, Encoders.row(Tables.TARGETS.schema()))
        .localCheckpoint();
  }

  private static Row target(Row plan) {
    int targetYear = plan.getAs("target_year");
    BigDecimal target = plan.getAs("target_value");
    Integer baseYear = plan.getAs("base_year");
    BigDecimal base = plan.getAs("base_value");
    Integer latestYear = plan.getAs("latest_year");
    BigDecimal latest = plan.getAs("latest_value");
    Double required =
        baseYear == null ? null : GrowthMath.cagr(target, base, targetYear - baseYear).value();
    Double actual =
        baseYear == null || latestYear == null || latestYear <= baseYear
            ? null
            : GrowthMath.cagr(latest, base, latestYear - baseYear).value();
    Boolean onTrack =
        latestYear != null && latestYear >= targetYear
            ? Boolean.valueOf(latest.compareTo(target) >= 0)
            : actual != null && required != null ? Boolean.valueOf(actual >= required) : null;
    return ROWS.row()
        .set("entity_code", plan.getAs("entity_code"))
        .set("entity_name", plan.getAs("entity_name"))
        .set("indicator", plan.getAs("indicator"))
        .set("sector", plan.getAs("sector"))
        .set("market", plan.getAs("market"))
        .set("target_year", targetYear)
        .set("target_value", target)
        .set("base_year", baseYear)
        .set("base_value", base)
        .set("required_cagr", required)
        .set("latest_year", latestYear)
        .set("latest_value", latest)
        .set("actual_cagr", actual)
        .set("on_track", onTrack)
        .build();
  }
}
