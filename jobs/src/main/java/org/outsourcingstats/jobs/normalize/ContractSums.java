package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.PipelineTables;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.DomainSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contracts register summed into {@code observations} (contract_value, executed_value and
 * contracts by entity, year, sector and market, with the OFFSHORE, ONSHORE and ALL totals and the
 * ALL sector) and into {@code firm_observations} (by firm, year and sector), from the whole {@code
 * contracts} table for the years a batch touched ({@link ContractYears}).
 */
final class ContractSums {
  private static final Logger LOG = LoggerFactory.getLogger(ContractSums.class);
  private static final String SUM_SOURCE = "contracts register: sum of ";
  private static final List<String> FIGURES =
      List.of("contracts", "contract_value", "executed_value");
  private static final List<String> OWNED =
      List.of(
          "entity_code",
          "entity_name",
          "contracts",
          "contract_value",
          "executed_value",
          "batch_id");

  private final PipelineContext context;

  ContractSums(PipelineContext context) {
    this.context = context;
  }

  /** Writes the sums of the years {@code touched}: to observations, then to the firms' rows. */
  void write(String batch, ContractYears touched) {
    mergeObservations(observations(touched), touched, batch);
    mergeFirms(firmFigures(touched), touched);
  }

  /**
   * A SQL condition that holds for the rows of {@code observations} (alias {@code alias}) summed
   * from contracts.
   */
  private static String isContractSum(String alias) {
    return DomainSql.expand(
        alias
            + ".source_file IS NULL AND "
            + alias
            + ".status = {ACTUAL} AND "
            + alias
            + ".source LIKE "
            + PipelineTables.literal(SUM_SOURCE + "%"));
  }

  private Dataset<Row> observations(ContractYears touched) {
    return context
        .tables()
        .query(
            DomainSql.expand(
                String.format(
                    AGGREGATE_SQL, touchedContracts(touched), context.runId(), SUM_SOURCE)));
  }

  private static final String AGGREGATE_SQL =
      """
      WITH base AS (
        SELECT entity_code, first(entity_name) AS entity_name, first(entity_level) AS entity_level, year, sector,
               market, sum(contract_value) AS cv, sum(executed_value) AS ev, count(*) AS n
        FROM %1$s
        GROUP BY entity_code, year, sector, market),
      rolled AS (
        SELECT entity_code, first(entity_name) AS entity_name, first(entity_level) AS entity_level, year,
               sector_level AS sector, market_level AS market, sum(cv) AS cv, sum(ev) AS ev, sum(n) AS n
        FROM base
        LATERAL VIEW explode(array(sector, {ALL})) s AS sector_level
        LATERAL VIEW explode({rolled_up_markets(market)}) m AS market_level
        GROUP BY entity_code, year, sector_level, market_level)
      SELECT entity_code, entity_name, entity_level, year, {FY} AS period, sector, market, indicator,
             CAST(value AS DECIMAL(38, 6)) AS value, unit, {ACTUAL} AS status,
             CAST(value AS STRING) AS reported_value, concat(unit, ' (sum of ', n, ' contracts)') AS reported_unit,
             CAST(NULL AS DECIMAL(12, 6)) AS fx_rate, concat('%3$s', n, ' contracts') AS source,
             CAST(NULL AS STRING) AS source_file, CAST(NULL AS BIGINT) AS source_line, '%2$s' AS batch_id,
             current_timestamp() AS ingested_at
      FROM rolled
      LATERAL VIEW stack(3, 'contract_value', cv, 'USD', 'executed_value', ev, 'USD',
                         'contracts', CAST(n AS DECIMAL(38, 6)), 'count') x AS indicator, value, unit
      """;

  /**
   * Merges the register's sums into {@code observations}. A figure a bureau published for the same
   * key takes precedence: the sum does not replace it (the two are different statistical bases),
   * and how many sums were withheld is logged. A sum replaces only an earlier sum, and an earlier
   * sum of the years the batch touched that no contract adds up to any more (its contracts were
   * revised into another city, year, sector or market) is deleted.
   */
  private void mergeObservations(Dataset<Row> sums, ContractYears touched, String batch) {
    Dataset<Row> local = sums.localCheckpoint();
    long withheld = 0;
    if (!context.tables().holdsNoRow(Tables.OBSERVATIONS)) {
      Dataset<Row> published =
          context.tables().readLatest(Tables.OBSERVATIONS).where(col("source_file").isNotNull());
      withheld =
          local
              .as("s")
              .join(published.as("t"), expr(Tables.OBSERVATIONS.mergeCondition()), "left_semi")
              .count();
    }
    if (withheld > 0) {
      LOG.warn(
          "normalize: batch {}: {} contract-register sum(s) not written: a published figure holds the same key "
              + "(the published figure is kept)",
          batch,
          withheld);
    }
    context
        .tables()
        .merge(Tables.OBSERVATIONS, local.selectExpr(Tables.OBSERVATIONS.columns()))
        .updateAllWhenMatched(
            DomainSql.expand(
                "t.source_file IS NULL AND t.status = {ACTUAL} AND NOT (t.value <=> s.value)"))
        .insertAllWhenNotMatched()
        .deleteWhenNotMatchedBySource(isContractSum("t") + " AND " + touched.condition("t"))
        .execute();
  }

  /** Contract figures by firm, year and sector for every firm of the years the batch touched. */
  private Dataset<Row> firmFigures(ContractYears touched) {
    return context
        .tables()
        .query(
            "SELECT firm_id, first(entity_code) AS entity_code, first(entity_name) AS entity_name, "
                + "year, sector, count(*) AS contracts, CAST(sum(contract_value) AS DECIMAL(38, 6)) AS contract_value, "
                + "CAST(sum(executed_value) AS DECIMAL(38, 6)) AS executed_value, '"
                + context.runId()
                + "' AS batch_id "
                + "FROM "
                + touchedContracts(touched)
                + " GROUP BY firm_id, year, sector");
  }

  /**
   * Merges the firms' contract figures of the years the batch touched; a firm's earlier figures of
   * those years that no contract adds up to any more are cleared (the whole row when the firm
   * register has nothing in it).
   */
  private void mergeFirms(Dataset<Row> figures, ContractYears touched) {
    String stale = touched.condition("t") + " AND t.contracts IS NOT NULL";
    Map<String, String> cleared = new LinkedHashMap<>();
    FIGURES.forEach(column -> cleared.put(column, "NULL"));
    cleared.put("updated_at", "current_timestamp()");
    FirmObservations.merge(context, figures, OWNED, FIGURES)
        .deleteWhenNotMatchedBySource(stale + " AND t.source_file IS NULL")
        .updateWhenNotMatchedBySource(stale, cleared)
        .execute();
  }

  /**
   * The FROM clause of the contracts ({@code c}) whose sums the batch may have changed: every
   * contract of the years touched, all of them after a first load. Read from the table rather than
   * the batch, so that the sums count the contracts of earlier batches too, and so that a retried
   * batch whose contracts are already merged finds them.
   */
  private String touchedContracts(ContractYears touched) {
    return context.tables().name(Tables.CONTRACTS) + " c WHERE " + touched.condition("c");
  }
}
