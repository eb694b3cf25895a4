package org.outsourcingstats.jobs.gold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.growth.GrowthPoint;
import org.outsourcingstats.common.growth.SeriesGrowth;
import org.outsourcingstats.common.growth.SeriesPoint;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.BestFigures;
import org.outsourcingstats.jobs.vocab.DomainSql;

/**
 * Rebuilds the {@code growth} table (gold) from {@code observations}: for each series (entity,
 * sector, market, indicator, period) and year, the best available level (A over P over E over D;
 * targets excluded), its growth against the same period 1, 3 and 5 years earlier, and the check
 * against the published growth rate. The table is rewritten only when its contents change, so a run
 * over unchanged inputs commits nothing.
 */
public final class GrowthJob {

  private static final RowBuilder ROWS = new RowBuilder(Tables.GROWTH.schema());
  private static final String SERIES_SQL =
      """
      WITH best AS (
        SELECT * FROM %s),
      levels AS (
        SELECT entity_code, entity_name, sector, market, indicator, unit, period, year, value, status, fx_rate
        FROM best WHERE {level(indicator)}),
      rates AS (
        SELECT entity_code, entity_name AS rate_entity_name, sector, market,
               {growth_base(indicator)} AS indicator, period, year,
               CAST(value AS DOUBLE) AS reported_yoy
        FROM best WHERE {growth(indicator)})
      SELECT entity_code, coalesce(entity_name, rate_entity_name) AS entity_name, sector, market, indicator,
             unit, period, year, value, status, fx_rate, reported_yoy
      FROM levels FULL OUTER JOIN rates USING (entity_code, sector, market, indicator, period, year)
      """;

  private final PipelineContext context;

  public GrowthJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    Instant started = Instant.now();
    double tolerance = context.config().growthTolerance();
    return GoldTable.write(
        context,
        Step.GROWTH,
        started,
        Tables.GROWTH,
        new GoldTable.Inputs(List.of(Tables.OBSERVATIONS), "yoy tolerance " + tolerance),
        () -> growth(tolerance),
        "row(s)");
  }

  private Dataset<Row> growth(double tolerance) {
    Dataset<Row> series =
        context
            .tables()
            .query(
                DomainSql.expand(
                    String.format(
                        SERIES_SQL,
                        BestFigures.view(
                            context.spark(),
                            "pipeline_growth_levels",
                            context.tables().name(Tables.OBSERVATIONS),
                            Statuses.PREFERENCE))));
    return series
        .groupByKey((MapFunction<Row, String>) GrowthJob::seriesKey, Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> growthRows(rows, tolerance),
            Encoders.row(Tables.GROWTH.schema()))
        .localCheckpoint();
  }

  private static String seriesKey(Row row) {
    return String.join(
        "\u0001",
        row.<String>getAs("entity_code"),
        row.getAs("sector"),
        row.getAs("market"),
        row.getAs("indicator"),
        row.getAs("period"));
  }

  private static Iterator<Row> growthRows(Iterator<Row> rows, double tolerance) {
    List<SeriesPoint> points = new ArrayList<>();
    Row first = null;
    String entityName = null;
    String unit = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      first = first == null ? row : first;
      entityName = entityName == null ? row.getAs("entity_name") : entityName;
      unit = unit == null ? row.getAs("unit") : unit;
      points.add(
          new SeriesPoint(
              row.<Integer>getAs("year"),
              row.getAs("value"),
              row.getAs("status"),
              row.getAs("reported_yoy"),
              row.getAs("fx_rate")));
    }
    List<Row> out = new ArrayList<>();
    for (GrowthPoint p : SeriesGrowth.compute(points, tolerance)) {
      out.add(
          ROWS.row()
              .set("entity_code", first.getAs("entity_code"))
              .set("entity_name", entityName)
              .set("sector", first.getAs("sector"))
              .set("market", first.getAs("market"))
              .set("indicator", first.getAs("indicator"))
              .set("unit", unit)
              .set("period", first.getAs("period"))
              .set("year", p.year())
              .set("value", p.value())
              .set("status", p.status())
              .set("prev_value", p.prevValue())
              .set("prev_status", p.prevStatus())
              .set("yoy", p.yoy())
              .set("log_growth", p.logGrowth())
              .set("cagr_3y", p.cagr3y())
              .set("cagr_5y", p.cagr5y())
              .set("reported_yoy", p.reportedYoy())
              .set("yoy_check", p.yoyCheck().name())
              .set("reason", p.reason())
              .build());
    }
    return out.iterator();
  }
}
