package org.outsourcingstats.jobs.gold;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.metrics.Concentration;
import org.outsourcingstats.common.metrics.MemberShare;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.common.vocab.Entity;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.vocab.BestFigures;
import org.outsourcingstats.jobs.vocab.DomainSql;

/**
 * Rebuilds the {@code concentration} table (gold): for each total and its named members, HHI
 * bounds, concentration ratios and guideline bands. Members and totals:
 *
 * <ul>
 *   <li>{@code market}: destinations within an entity's OFFSHORE total (per sector);
 *   <li>{@code sector}: ITO, BPO and KPO within an entity's ALL-sector total (per market);
 *   <li>{@code city}: cities within their province's total, and cities and municipalities within
 *       the nation's;
 *   <li>{@code firm}: firms within a city and sector: register revenue (as sales_revenue) and
 *       contract values, each firm over the sum of the firms known (no remainder).
 * </ul>
 *
 * A member's share is its published share, or its level over the total's level. Levels are the best
 * published (A over P over E); derived levels are not used, since they were computed from shares.
 */
public final class ConcentrationJob {
  private static final String CHANGE = "hhi_change";
  private static final StructType COMPUTED = computed();
  private static final RowBuilder ROWS = new RowBuilder(COMPUTED);
  private static final String MEMBERS_SQL =
      """
      WITH best AS (
        SELECT * FROM %1$s),
      levels AS (SELECT * FROM best WHERE {level(indicator)}),
      shares AS (
        SELECT *, {share_base(indicator)} AS base FROM best WHERE {share(indicator)}),
      candidates AS (
        SELECT 'market' AS dimension, m.entity_code AS scope_code, m.entity_name AS scope_name, m.year, m.period,
               m.indicator, m.sector, {OFFSHORE} AS market, m.market AS member, CAST(m.value / p.value AS DOUBLE) AS share,
               1 AS source
        FROM levels m JOIN levels p ON p.entity_code = m.entity_code AND p.year = m.year AND p.period = m.period
          AND p.indicator = m.indicator AND p.sector = m.sector AND p.market = {OFFSHORE}
        WHERE {destination(m.market)} AND p.value > 0
        UNION ALL
        SELECT 'market', entity_code, entity_name, year, period, base, sector, {OFFSHORE}, market,
               CAST(value AS DOUBLE), 0
        FROM shares WHERE {destination(market)}
        UNION ALL
        SELECT 'sector', m.entity_code, m.entity_name, m.year, m.period, m.indicator, {ALL}, m.market, m.sector,
               CAST(m.value / p.value AS DOUBLE), 1
        FROM levels m JOIN levels p ON p.entity_code = m.entity_code AND p.year = m.year AND p.period = m.period
          AND p.indicator = m.indicator AND p.market = m.market AND p.sector = {ALL}
        WHERE m.sector <> {ALL} AND p.value > 0
        UNION ALL
        SELECT 'sector', entity_code, entity_name, year, period, base, {ALL}, market, sector, CAST(value AS DOUBLE), 0
        FROM shares WHERE sector <> {ALL} AND market = {ALL}
        UNION ALL
        SELECT 'city', p.entity_code, p.entity_name, m.year, m.period, m.indicator, m.sector, m.market,
               m.entity_name, CAST(m.value / p.value AS DOUBLE), 1
        FROM levels m JOIN %2$s c ON c.member_code = m.entity_code
        JOIN levels p ON p.entity_code = c.scope_code AND p.year = m.year AND p.period = m.period
          AND p.indicator = m.indicator AND p.sector = m.sector AND p.market = m.market
        WHERE p.value > 0
        UNION ALL
        SELECT 'firm', f.entity_code, first(f.entity_name) OVER (PARTITION BY f.entity_code), f.year, {FY},
               x.indicator, f.sector, {ALL}, f.firm_id,
               CAST(x.value / sum(x.value) OVER (PARTITION BY f.entity_code, f.year, f.sector, x.indicator) AS DOUBLE),
               1
        FROM %3$s f
        LATERAL VIEW stack(3, 'contract_value', f.contract_value, 'executed_value', f.executed_value,
                           'sales_revenue', f.revenue) x
          AS indicator, value
        WHERE x.value IS NOT NULL AND x.value > 0)
      SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY dimension, scope_code, year, period, indicator, sector, market,
                                     member ORDER BY source) AS pick
        FROM candidates)
      WHERE pick = 1 AND share IS NOT NULL
      """;

  private final PipelineContext context;

  public ConcentrationJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    Instant started = Instant.now();
    List<Row> scopes = cityScopes();
    return GoldTable.write(
        context,
        Step.CONCENTRATION,
        started,
        Tables.CONCENTRATION,
        new GoldTable.Inputs(
            List.of(Tables.OBSERVATIONS, Tables.FIRM_OBSERVATIONS),
            "city scopes " + fingerprint(scopes)),
        () -> concentration(scopes),
        "row(s)");
  }

  private Dataset<Row> concentration(List<Row> scopes) {
    context
        .spark()
        .createDataFrame(
            scopes,
            new StructType()
                .add("member_code", DataTypes.StringType)
                .add("scope_code", DataTypes.StringType))
        .createOrReplaceTempView("pipeline_city_scopes");
    Dataset<Row> members =
        context
            .tables()
            .query(
                DomainSql.expand(
                    String.format(
                        MEMBERS_SQL,
                        BestFigures.view(
                            context.spark(),
                            "pipeline_concentration_levels",
                            context.tables().name(Tables.OBSERVATIONS),
                            Statuses.PUBLISHED),
                        "pipeline_city_scopes",
                        context.tables().name(Tables.FIRM_OBSERVATIONS))));
    Dataset<Row> groups =
        members
            .groupByKey((MapFunction<Row, String>) ConcentrationJob::groupKey, Encoders.STRING())
            .flatMapGroups(
                (FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> concentration(rows),
                Encoders.row(COMPUTED))
            // Computed once for both sides of the year-on-year join below. A checkpoint is also
            // what Spark's analyzer tells apart in a self-join: over the typed groups themselves,
            // the join's sides resolve to one relation when adaptive execution is off.
            .localCheckpoint();
    groups.createOrReplaceTempView("pipeline_concentration");
    return context
        .tables()
        .query(
            "SELECT c.*, c.hhi_lower - p.hhi_lower AS hhi_change "
                + "FROM pipeline_concentration c LEFT JOIN pipeline_concentration p ON p.dimension = c.dimension "
                + "AND p.scope_code = c.scope_code AND p.period = c.period AND p.indicator = c.indicator "
                + "AND p.sector = c.sector AND p.market = c.market AND p.year = c.year - 1")
        .localCheckpoint();
  }

  /**
   * Which totals each entity is a member of: a city of its province and of the nation; a
   * municipality of the nation.
   */
  private List<Row> cityScopes() {
    List<Row> scopes = new ArrayList<>();
    for (Entity entity : context.vocabulary().entities().values()) {
      if (entity.level().equals("city")) {
        scopes.add(RowFactory.create(entity.code(), entity.parentCode()));
        scopes.add(RowFactory.create(entity.code(), Entity.NATION_CODE));
      } else if (entity.level().equals("province") && entity.modelCitySince() != null) {
        scopes.add(RowFactory.create(entity.code(), Entity.NATION_CODE));
      }
    }
    return scopes;
  }

  /** A text that changes when the city scopes do: a name-based UUID of them, sorted. */
  private static String fingerprint(List<Row> scopes) {
    String all =
        scopes.stream()
            .map(scope -> scope.getString(0) + ">" + scope.getString(1))
            .sorted()
            .collect(Collectors.joining(","));
    return UUID.nameUUIDFromBytes(all.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Every column but {@code hhi_change}, which compares a row with its year before. */
  private static StructType computed() {
    StructType out = new StructType();
    for (StructField field : Tables.CONCENTRATION.schema().fields()) {
      if (!field.name().equals(CHANGE)) {
        out = out.add(field);
      }
    }
    return out;
  }

  private static String groupKey(Row row) {
    return String.join(
        "\u0001",
        row.<String>getAs("dimension"),
        row.getAs("scope_code"),
        String.valueOf(row.<Integer>getAs("year")),
        row.getAs("period"),
        row.getAs("indicator"),
        row.getAs("sector"),
        row.getAs("market"));
  }

  private static Iterator<Row> concentration(Iterator<Row> rows) {
    List<MemberShare> shares = new ArrayList<>();
    Row first = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      first = first == null ? row : first;
      shares.add(new MemberShare(row.getAs("member"), row.<Double>getAs("share")));
    }
    Concentration c = Concentration.of(shares);
    RowBuilder.Values row = ROWS.row();
    for (String column :
        List.of(
            "year",
            "period",
            "scope_code",
            "scope_name",
            "dimension",
            "indicator",
            "sector",
            "market")) {
      row.set(column, first.getAs(column));
    }
    return List.of(
            row.set("n_members", c.members())
                .set("other_share", c.otherShare())
                .set("hhi_lower", c.hhiLower())
                .set("hhi_upper", c.hhiUpper())
                .set("hhi_normalized", c.hhiNormalized())
                .set("cr1", c.cr1())
                .set("cr4", c.cr4())
                .set("cr8", c.cr8())
                .set("top_member", c.topMember())
                .set("top_share", c.topShare())
                .set("band_2023", c.band2023())
                .set("band_2010", c.band2010())
                .build())
        .iterator();
  }
}
