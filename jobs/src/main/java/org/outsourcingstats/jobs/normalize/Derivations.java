package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.BestFigures;
import org.outsourcingstats.jobs.vocab.DomainSql;
import org.outsourcingstats.jobs.vocab.FxRatesView;

/**
 * Figures the pipeline derives (status {@code D}) where no published figure covers them:
 *
 * <ul>
 *   <li>the prior-year level implied by a level and its published growth: {@code level(y) / (1 +
 *       yoy(y))}; for a level published in CNY the rate is a CNY rate, so the prior level is
 *       derived in CNY and converted at the prior year's rate: {@code level_usd(y) × fx(y) / (1 +
 *       yoy(y)) / fx(y - 1)};
 *   <li>a member's level implied by its published share of a known parent: {@code share × parent},
 *       where the parent of a destination is OFFSHORE, of OFFSHORE and ONSHORE is ALL, and of a
 *       sector (in market ALL) is ALL.
 * </ul>
 *
 * Only published figures (A, P, E; the best status of each) feed derivations, never other derived
 * ones. The derived set is recomputed from the whole table and merged: derived rows a newly
 * published figure now covers are deleted.
 */
final class Derivations {
  private static final String DERIVED_SQL =
      """
      WITH published AS (
        SELECT * FROM %1$s),
      levels AS (
        SELECT * FROM published WHERE {level(indicator)}),
      rates AS (
        SELECT *, {growth_base(indicator)} AS base FROM published
        WHERE {growth(indicator)}),
      shares AS (
        SELECT *, {share_base(indicator)} AS base, coalesce({parent_market(market)}, {ALL}) AS parent_market,
               {share_parent_sector(market, sector)} AS parent_sector
        FROM published WHERE {share(indicator)}),
      prior_levels AS (
        SELECT l.entity_code, l.entity_name, l.entity_level, l.year - 1 AS year, l.period, l.sector, l.market,
               l.indicator,
               CAST(CASE WHEN l.fx_rate IS NULL THEN l.value / (1 + r.value)
                         ELSE l.value * l.fx_rate / (1 + r.value) / fx.cny_per_usd END AS DECIMAL(38, 6)) AS value,
               l.unit, fx.cny_per_usd AS fx_rate,
               concat('derived: ', l.indicator, ' ', l.year, ' (', l.reported_value, ' ', l.reported_unit,
                      ') / (1 + published growth ', r.reported_value, '%%)',
                      CASE WHEN l.fx_rate IS NULL THEN '' ELSE ' in CNY, converted at the prior-year rate' END)
                 AS source
        FROM levels l JOIN rates r
          ON r.entity_code = l.entity_code AND r.year = l.year AND r.period = l.period AND r.sector = l.sector
         AND r.market = l.market AND r.base = l.indicator
        LEFT JOIN %3$s fx ON fx.year = l.year - 1
        WHERE r.value > -1 AND (l.fx_rate IS NULL OR fx.cny_per_usd IS NOT NULL)),
      share_levels AS (
        SELECT s.entity_code, s.entity_name, s.entity_level, s.year, s.period, s.sector, s.market,
               s.base AS indicator, CAST(s.value * p.value AS DECIMAL(38, 6)) AS value, p.unit, p.fx_rate,
               concat('derived: ', s.market, '/', s.sector, ' share ', s.reported_value, '%% of ', p.indicator, ' ',
                      p.market, '/', p.sector, ' (', p.reported_value, ' ', p.reported_unit, ')') AS source
        FROM shares s JOIN levels p
          ON p.entity_code = s.entity_code AND p.year = s.year AND p.period = s.period AND p.indicator = s.base
         AND p.market = s.parent_market AND p.sector = s.parent_sector),
      candidates AS (SELECT * FROM prior_levels UNION ALL SELECT * FROM share_levels)
      SELECT c.entity_code, c.entity_name, c.entity_level, c.year, c.period, c.sector, c.market, c.indicator,
             c.value, c.unit, {DERIVED} AS status, CAST(NULL AS STRING) AS reported_value,
             CAST(NULL AS STRING) AS reported_unit, CAST(c.fx_rate AS DECIMAL(12, 6)) AS fx_rate, c.source,
             CAST(NULL AS STRING) AS source_file, CAST(NULL AS BIGINT) AS source_line,
             '%2$s' AS batch_id, current_timestamp() AS ingested_at
      FROM (SELECT *, row_number() OVER (
                PARTITION BY entity_code, year, period, sector, market, indicator ORDER BY source) AS n
            FROM candidates) c
      LEFT ANTI JOIN levels l
        ON l.entity_code = c.entity_code AND l.year = c.year AND l.period = c.period AND l.sector = c.sector
       AND l.market = c.market AND l.indicator = c.indicator
      WHERE c.n = 1
      """;

  private final PipelineContext context;

  Derivations(PipelineContext context) {
    this.context = context;
  }

  /** Brings the derived rows up to date; returns how many there are now. */
  long refresh() {
    String observations = context.tables().name(Tables.OBSERVATIONS);
    FxRatesView.register(context);
    String fxView = FxRatesView.NAME;
    String published =
        BestFigures.view(context.spark(), "pipeline_published", observations, Statuses.PUBLISHED);
    // How many there are is observed as they are checkpointed, not counted by a job of its own.
    Observation counted = new Observation("derived_rows");
    Dataset<Row> derived =
        context
            .tables()
            .query(DomainSql.expand(String.format(DERIVED_SQL, published, context.runId(), fxView)))
            .observe(counted, count(lit(1)).as("rows"))
            .localCheckpoint();
    long rows = ((Number) Outcomes.observed(counted).get("rows")).longValue();
    // Derived rows only ever match derived rows: the key holds the status.
    String derivedRow = DomainSql.expand("t.status = {DERIVED}");
    context
        .tables()
        .merge(Tables.OBSERVATIONS, derived)
        .touchingOnly(derivedRow)
        .updateAllWhenMatched(PipelineTable.anyChanged(List.of("value", "source")))
        .insertAllWhenNotMatched()
        .deleteWhenNotMatchedBySource(derivedRow)
        .execute();
    return rows;
  }
}
