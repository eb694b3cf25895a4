package org.outsourcingstats.jobs.normalize;

import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.vocab.FxRatesView;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.units.ValueRange;

/**
 * The contracts register, the large input, validated and aggregated with Spark SQL rather than row by row: each
 * contract is checked (fields, city, date, sector, client market, values, currency, year), stored in the silver
 * {@code contracts} table keyed by {@code contract_id}, and summed into observations (contract_value,
 * executed_value and contracts by entity, year, sector and market, with the OFFSHORE, ONSHORE and ALL totals and the
 * ALL sector) and into firm-level figures. Names are resolved by the same vocabulary code as every other shape
 * ({@link ContractNames}).
 */
public final class ContractRegister {
  static final List<String> COLUMNS = List.of("contract_id", "firm_id", "city", "signed_date", "sector",
      "client_market", "contract_value", "executed_value", "currency");
  private static final String EXTRA = "_extra_field";
  private static final String CORRUPT = "_malformed_row";

  private final PipelineContext context;

  public ContractRegister(PipelineContext context) {
    this.context = context;
  }

  /**
   * Classifies the contract rows of a batch, split by {@link #parse}: the {@code CONTRACTS_SCHEMA} columns,
   * {@code shape}, {@code raw}, and {@code reason_code}/{@code reason} for the rejected, before duplicates are
   * resolved. Lazy, and cheap to compute again: names are resolved row by row ({@link ContractNames}), so nothing
   * needs a pass over the batch before the rows themselves are read.
   */
  public Dataset<Row> classify(Dataset<Row> parsed) {
    ContractNames.register(context.spark(), context.vocabulary());
    FxRatesView.register(context);
    parsed.createOrReplaceTempView("contract_rows");
    return context.spark().sql(String.format(CLASSIFY_SQL, "contract_rows", context.config().currentYear(),
        ValueRange.LIMIT_SQL, PLAIN_NUMBER));
  }

  /** A number in plain or exponent notation: when such a value does not fit the value type, it is out of range. */
  private static final String PLAIN_NUMBER = "^ *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *$";

  private static final String CLASSIFY_SQL = """
      WITH n AS (
        SELECT r.*, contract_entity(r.city) AS e, contract_sector(r.sector) AS sector_code,
               contract_market(r.client_market).code AS market_code
        FROM %1$s r),
      v AS (
        SELECT n.*, e.code AS entity_code, e.name AS entity_name, e.level AS entity_level,
               to_date(signed_date, 'yyyy-MM-dd') AS signed,
               try_cast(contract_value AS DECIMAL(38, 6)) AS cv, try_cast(executed_value AS DECIMAL(38, 6)) AS ev,
               upper(trim(currency)) AS cur
        FROM n),
      f AS (
        SELECT v.*, year(signed) AS signed_year, fx.cny_per_usd
        FROM v LEFT JOIN pipeline_fx_rates fx ON fx.year = year(v.signed)),
      c AS (
        SELECT f.*, CASE
          WHEN parse_error IS NOT NULL THEN parse_error
          WHEN field_error IS NOT NULL THEN concat('FIELD_COUNT: ', field_error)
          WHEN coalesce(trim(contract_id), '') = '' THEN 'MISSING_FIELD: required field contract_id is empty'
          WHEN coalesce(trim(firm_id), '') = '' THEN 'MISSING_FIELD: required field firm_id is empty'
          WHEN entity_code IS NULL THEN concat('UNKNOWN_ENTITY: city "', coalesce(left(city, 60), ''),
               '" is not in conf/reference/entities.csv')
          WHEN signed IS NULL OR NOT signed_date RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN concat(
               'INVALID_DATE: signed_date "', coalesce(left(signed_date, 60), ''), '" is not an ISO date (yyyy-MM-dd)')
          WHEN signed_year > %2$d THEN concat('FUTURE_ACTUAL: a contract signed in ', signed_year,
               ', after the current year %2$d')
          WHEN sector_code IS NULL THEN concat('UNKNOWN_SECTOR: sector "', coalesce(left(sector, 60), ''),
               '" is not ITO, BPO or KPO')
          WHEN market_code IS NULL THEN concat('UNKNOWN_MARKET: client_market "',
               coalesce(left(client_market, 60), ''), '" is not an ISO country code, EU, or CN for onshore clients')
          WHEN (cv IS NULL AND contract_value RLIKE '%4$s') OR abs(cv) >= %3$s THEN concat(
               'VALUE_OUT_OF_RANGE: contract_value "', left(contract_value, 60), '" lies outside the range of a ',
               'figure (below 10^18 once normalised); check the number and its exponent')
          WHEN (ev IS NULL AND executed_value RLIKE '%4$s') OR abs(ev) >= %3$s THEN concat(
               'VALUE_OUT_OF_RANGE: executed_value "', left(executed_value, 60), '" lies outside the range of a ',
               'figure (below 10^18 once normalised); check the number and its exponent')
          WHEN cv IS NULL THEN concat('INVALID_VALUE: contract_value "', coalesce(left(contract_value, 60), ''),
               '" is not a number')
          WHEN ev IS NULL THEN concat('INVALID_VALUE: executed_value "', coalesce(left(executed_value, 60), ''),
               '" is not a number')
          WHEN cv < 0 OR ev < 0 THEN 'NEGATIVE_VALUE: contract and executed values are never negative'
          WHEN cur NOT IN ('USD', 'CNY') OR cur IS NULL THEN concat('UNKNOWN_UNIT: currency "',
               coalesce(left(currency, 60), ''), '" is not USD or CNY')
          WHEN cur = 'CNY' AND cny_per_usd IS NULL THEN concat('NO_FX_RATE: no CNY/USD rate for ', signed_year)
          END AS problem
        FROM f)
      SELECT contract_id, firm_id, entity_code, entity_name, entity_level, signed AS signed_date,
             signed_year AS year, sector_code AS sector, market_code AS market,
             CAST(CASE WHEN cur = 'CNY' THEN cv / cny_per_usd ELSE cv END AS DECIMAL(38, 6)) AS contract_value,
             CAST(CASE WHEN cur = 'CNY' THEN ev / cny_per_usd ELSE ev END AS DECIMAL(38, 6)) AS executed_value,
             cur AS currency, CAST(CASE WHEN cur = 'CNY' THEN cny_per_usd END AS DECIMAL(12, 6)) AS fx_rate,
             source_file, source_line, batch_id, shape, raw,
             substring_index(problem, ':', 1) AS reason_code,
             trim(substring(problem, length(substring_index(problem, ':', 1)) + 2)) AS reason
      FROM c
      """;

  /** Splits each raw line by its file's header into the register's columns; flags too few or too many fields. */
  public static Dataset<Row> parse(Dataset<Row> raw) {
    List<String> headers = raw.select("header").distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    Dataset<Row> parsed = null;
    for (String header : headers) {
      Dataset<Row> part = parseWith(raw.where(header == null ? col("header").isNull()
          : col("header").equalTo(header)), header);
      parsed = parsed == null ? part : parsed.unionByName(part);
    }
    return parsed;
  }

  private static Dataset<Row> parseWith(Dataset<Row> rows, String header) {
    List<String> names = header == null ? List.of() : Arrays.stream(header.split(",", -1))
        .map(name -> TextKeys.clean(name).toLowerCase(Locale.ROOT)).toList();
    List<String> missing = COLUMNS.stream().filter(column -> !names.contains(column)).toList();
    List<String> twice = COLUMNS.stream().filter(column -> names.indexOf(column) != names.lastIndexOf(column))
        .toList();
    List<Column> out = new ArrayList<>();
    for (String column : List.of("shape", "source_file", "source_line", "raw", "batch_id")) {
      out.add(col(column));
    }
    // Which of two columns of one name holds the value is anyone's guess: every row of such a file is refused.
    out.add(twice.isEmpty() ? col("parse_error") : coalesce(col("parse_error"), lit(ReasonCode.DUPLICATE_COLUMN.name()
        + ": the file's header names the column(s) " + twice + " more than once; keep one of each"))
        .as("parse_error"));
    if (!missing.isEmpty() || !twice.isEmpty()) {
      COLUMNS.forEach(column -> out.add(lit(null).cast("string").as(column)));
      out.add((missing.isEmpty() ? lit(null).cast("string") : lit("the file's header lacks the column(s) " + missing
          + "; a contracts register has " + COLUMNS)).as("field_error"));
      return rows.select(out.toArray(Column[]::new));
    }
    StructType fields = new StructType();
    for (int i = 0; i < names.size(); i++) {
      fields = fields.add(COLUMNS.contains(names.get(i)) ? names.get(i) : "_ignored_" + i, DataTypes.StringType);
    }
    // A row with more or fewer fields than the header is malformed: from_csv keeps its text in the corrupt-record
    // column. (A spare column to catch extra fields would make every well-formed row malformed, and Spark pays for
    // each malformed row with an exception: four times the parse.) Only a malformed row is parsed again, to say how.
    Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
    Column parsed = from_csv(col("raw"), lit(fields.add(CORRUPT, DataTypes.StringType).toDDL()), options);
    Column spare = from_csv(col("raw"), lit(fields.add(EXTRA, DataTypes.StringType).toDDL()), Map.of());
    Dataset<Row> split = rows.withColumn("_fields", parsed);
    for (String column : COLUMNS) {
      out.add(col("_fields." + column).as(column));
    }
    out.add(when(col("_fields." + CORRUPT).isNull(), lit(null).cast("string"))
        .when(spare.getField(EXTRA).isNotNull(), lit("the row has more fields than the header (" + names.size() + ")"))
        .otherwise(lit("the row has fewer fields than the header (" + names.size() + ")")).as("field_error"));
    return split.select(out.toArray(Column[]::new));
  }

  /**
   * Which sums a batch's contracts may have changed: after a first load (the table held no contract) every sum;
   * otherwise every sum of {@link #years}: the years of the batch's contracts and the years its revised contracts
   * were signed in before (a revision may move a contract to another year, city, sector or market, which changes
   * the sums it leaves as well as those it joins).
   */
  record Merged(boolean firstLoad, List<Integer> years) {
    Merged {
      years = List.copyOf(years);
    }

    /** A SQL condition on {@code alias.year} that holds for every row whose sums may have changed. */
    String yearCondition(String alias) {
      return firstLoad ? "true" : years.isEmpty() ? "false"
          : alias + ".year IN (" + years.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
  }

  private static final String YEARS_NOTE = "normalize batch %s: sums of years %s";

  /** Inserts new contracts and revises changed ones in the silver {@code contracts} table. */
  public Merged merge(String batchId, Dataset<Row> accepted) {
    String[] columns = Tables.CONTRACTS.schema().fieldNames();
    Dataset<Row> rows = accepted.selectExpr(columns);
    String table = context.tables().name(Tables.CONTRACTS);
    if (context.tables().read(Tables.CONTRACTS).isEmpty()) {
      context.tables().append(Tables.CONTRACTS, rows);
      return new Merged(true, List.of());
    }
    // The batch is read once, to local disk (Delta copies a MERGE source that is not a plain table scan anyway), so
    // that its range of ids and its years are known before the MERGE: the MERGE then skips the table's files whose
    // contract_id statistics lie outside the range, and the sums skip the files of other years. Registers number
    // contracts in order and are filed by year, so a new file rarely shares a data file with older ones. (10 M
    // contracts and a file of 333,333 new ones: the MERGE's search for matches took 0.4 s instead of 8.3 s, the sums
    // 1.2 s instead of 2.8 s.)
    Dataset<Row> batch = rows.persist(StorageLevel.DISK_ONLY());
    try {
      Row range = batch.agg(min("contract_id"), max("contract_id"), collect_set("year")).first();
      if (range.isNullAt(0)) {
        return new Merged(false, List.of());
      }
      Column id = col("t.contract_id");
      Column matches = id.equalTo(col("s.contract_id")).and(id.between(lit(range.getString(0)),
          lit(range.getString(1))));
      // The years the batch's contracts were signed in before, from the table, and noted in the MERGE's commit: a run
      // that stops between the MERGE and the sums finds them there when it normalises the batch again, since the
      // table no longer has them.
      SortedSet<Integer> years = new TreeSet<>(range.<Integer>getList(2));
      years.addAll(context.tables().read(Tables.CONTRACTS).as("t").join(batch.as("s"), matches, "left_semi")
          .select("year").distinct().as(Encoders.INT()).collectAsList());
      years.addAll(recordedYears(table, batchId));
      String changed = Arrays.stream(columns).filter(c -> !c.equals("batch_id") && !c.equals("source_line"))
          .map(c -> "NOT (t." + c + " <=> s." + c + ")").collect(Collectors.joining(" OR "));
      withCommitNote(String.format(YEARS_NOTE, batchId, years), () -> DeltaTable.forName(context.spark(), table)
          .as("t")
          .merge(batch.as("s"), matches)
          .whenMatched(changed).updateAll()
          .whenNotMatched().insertAll()
          .execute());
      return new Merged(false, List.copyOf(years));
    } finally {
      batch.unpersist();
    }
  }

  /** The years an earlier attempt at normalising {@code batchId} noted in the commit of its MERGE. */
  private List<Integer> recordedYears(String table, String batchId) {
    String prefix = String.format(YEARS_NOTE, batchId, "");
    List<Integer> years = new ArrayList<>();
    for (Row row : DeltaTable.forName(context.spark(), table).history().select("userMetadata")
        .where(col("userMetadata").startsWith(prefix)).collectAsList()) {
      String list = row.getString(0).substring(prefix.length()).replaceAll("[\\[\\] ]", "");
      Arrays.stream(list.split(",")).filter(year -> !year.isEmpty()).map(Integer::valueOf).forEach(years::add);
    }
    return years;
  }

  private void withCommitNote(String note, Runnable write) {
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    String previous = context.spark().conf().getOption(key).getOrElse(() -> null);
    context.spark().conf().set(key, note);
    try {
      write.run();
    } finally {
      if (previous == null) {
        context.spark().conf().unset(key);
      } else {
        context.spark().conf().set(key, previous);
      }
    }
  }

  /**
   * Observations summed from the whole {@code contracts} table for every entity of the years the batch touched:
   * contract_value, executed_value and contracts by sector (and ALL) and market (destination or ONSHORE, OFFSHORE
   * for destinations, and ALL).
   */
  Dataset<Row> observations(Merged merged) {
    return context.spark().sql(String.format(AGGREGATE_SQL, touchedContracts(merged), context.runId(), SUM_SOURCE));
  }

  /** A SQL condition that holds for the rows of {@code observations} (alias {@code alias}) summed from contracts. */
  static String isContractSum(String alias) {
    return alias + ".source_file IS NULL AND " + alias + ".status = 'A' AND " + alias + ".source LIKE '" + SUM_SOURCE
        + "%'";
  }

  private static final String SUM_SOURCE = "contracts register: sum of ";
  private static final String AGGREGATE_SQL = """
      WITH base AS (
        SELECT entity_code, first(entity_name) AS entity_name, first(entity_level) AS entity_level, year, sector,
               market, sum(contract_value) AS cv, sum(executed_value) AS ev, count(*) AS n
        FROM %1$s
        GROUP BY entity_code, year, sector, market),
      rolled AS (
        SELECT entity_code, first(entity_name) AS entity_name, first(entity_level) AS entity_level, year,
               sector_level AS sector, market_level AS market, sum(cv) AS cv, sum(ev) AS ev, sum(n) AS n
        FROM base
        LATERAL VIEW explode(array(sector, 'ALL')) s AS sector_level
        LATERAL VIEW explode(CASE WHEN market = 'ONSHORE' THEN array('ONSHORE', 'ALL')
                                  ELSE array(market, 'OFFSHORE', 'ALL') END) m AS market_level
        GROUP BY entity_code, year, sector_level, market_level)
      SELECT entity_code, entity_name, entity_level, year, 'FY' AS period, sector, market, indicator,
             CAST(value AS DECIMAL(38, 6)) AS value, unit, 'A' AS status,
             CAST(value AS STRING) AS reported_value, concat(unit, ' (sum of ', n, ' contracts)') AS reported_unit,
             CAST(NULL AS DECIMAL(12, 6)) AS fx_rate, concat('%3$s', n, ' contracts') AS source,
             CAST(NULL AS STRING) AS source_file, CAST(NULL AS BIGINT) AS source_line, '%2$s' AS batch_id,
             current_timestamp() AS ingested_at
      FROM rolled
      LATERAL VIEW stack(3, 'contract_value', cv, 'USD', 'executed_value', ev, 'USD',
                         'contracts', CAST(n AS DECIMAL(38, 6)), 'count') x AS indicator, value, unit
      """;

  /** Contract figures by firm, year and sector for every firm of the years the batch touched. */
  Dataset<Row> firmFigures(Merged merged) {
    return context.spark().sql("SELECT firm_id, first(entity_code) AS entity_code, first(entity_name) AS entity_name, "
        + "year, sector, count(*) AS contracts, CAST(sum(contract_value) AS DECIMAL(38, 6)) AS contract_value, "
        + "CAST(sum(executed_value) AS DECIMAL(38, 6)) AS executed_value, '" + context.runId() + "' AS batch_id "
        + "FROM " + touchedContracts(merged) + " GROUP BY firm_id, year, sector");
  }

  /**
   * The FROM clause of the contracts ({@code c}) whose sums the batch may have changed: every contract of the years
   * in {@code merged}, all of them after a first load. Read from the table rather than the batch, so that the sums
   * count the contracts of earlier batches too, and so that a retried batch whose contracts are already merged
   * finds them.
   */
  private String touchedContracts(Merged merged) {
    return context.tables().name(Tables.CONTRACTS) + " c WHERE " + merged.yearCondition("c");
  }
}
