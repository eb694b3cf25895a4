package org.outsourcingstats.jobs.tables;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.jobs.tables.PipelineTable.Write;

/**
 * The pipeline's tables ({@link PipelineTable}): the columns users query by name. Column comments
 * land in the catalog, so {@code DESCRIBE outsourcing.observations} explains each column.
 *
 * <p>Size: One class on purpose: the whole table contract, every column with its comment, reads in
 * one file as {@code DESCRIBE} shows it.
 */
public final class Tables {
  /**
   * Normalised values: up to 32 integer digits and 6 decimals (micro-dollars; fractions to 1e-6).
   */
  public static final DecimalType VALUE = DataTypes.createDecimalType(38, 6);

  public static final DecimalType FX_RATE = DataTypes.createDecimalType(12, 6);

  /**
   * A registered contract's values as the pipeline reads them: the columns of {@code contracts} but
   * its provenance, and of the {@code contract} column of {@code raw_rows}, where a register's rows
   * are typed as they land.
   */
  public static final StructType CONTRACT_VALUES =
      new StructType(
          new StructField[] {
            field("contract_id", StringType, "the contract's identifier in the register"),
            field("firm_id", StringType, "the contracting firm"),
            field("entity_code", StringType, "GB/T 2260 code of the firm's city"),
            field("entity_name", StringType, "English name of the city"),
            field("entity_level", StringType, "level of the entity"),
            field("signed_date", DataTypes.DateType, "date the contract was signed"),
            field("year", IntegerType, "year of signed_date"),
            field("sector", StringType, "ITO, BPO or KPO"),
            field("market", StringType, "destination (ISO alpha-2, EU) or ONSHORE for CN clients"),
            field("contract_value", VALUE, "contract value, USD"),
            field("executed_value", VALUE, "executed value, USD"),
            field("currency", StringType, "currency as registered: USD or CNY"),
            field("fx_rate", FX_RATE, "CNY per USD used for CNY contracts")
          });

  public static final PipelineTable RAW_ROWS =
      table(
          "raw_rows",
          Write.IMMUTABLE,
          List.of(),
          false,
          field(
              "shape",
              StringType,
              "shape of the source file: observations, yearbook, bulletin, firms, contracts"),
          field("source_file", StringType, "path of the landed file"),
          field(
              "source_line",
              LongType,
              "line of the file where the row starts (1 = header); 0 for a whole file"),
          field("raw", StringType, "the row as text, as decoded from the file"),
          field("header", StringType, "the header line of the file (CSV shapes)"),
          field(
              "fields",
              DataTypes.createMapType(StringType, StringType),
              "the row's values by header as written (small CSV shapes; NULL for contracts and bulletins)"),
          field("parse_error", StringType, "why the row could not be split into fields, or NULL"),
          field("encoding", StringType, "the encoding the file was decoded with"),
          field("file_sha256", StringType, "SHA-256 of the file's bytes; a file is landed once"),
          field("batch_id", StringType, "the batch (one per ingest run) that landed the row"),
          field("ingested_at", TimestampType, "when the row was landed"),
          field(
              "contract",
              CONTRACT_VALUES,
              "a contracts register's row typed as it landed (NULL for other shapes and for rows "
                  + "landed before typed landing); parse_error then holds why it is refused"));

  public static final PipelineTable OBSERVATIONS =
      table(
          "observations",
          Write.MERGED,
          List.of("entity_code", "year", "period", "sector", "market", "indicator", "status"),
          false,
          field(
              "entity_code",
              StringType,
              "GB/T 2260 code: 000000 the nation, XX0000 a province, XXYY00 a city"),
          field("entity_name", StringType, "English name of the entity"),
          field("entity_level", StringType, "country, province or city"),
          field("year", IntegerType, "calendar year of the figure"),
          field(
              "period",
              StringType,
              "FY, H1, H2, Q1-Q4, M01-M12 or YTD-MM (year to date through month MM)"),
          field("sector", StringType, "ITO, BPO, KPO or ALL"),
          field(
              "market",
              StringType,
              "ALL, OFFSHORE, ONSHORE, or a destination (ISO 3166 alpha-2, EU)"),
          field(
              "indicator",
              StringType,
              "indicator code; suffix _yoy: published growth, _share: share of parent"),
          field(
              "value",
              VALUE,
              "normalised value: USD, persons, count, or a fraction for _yoy and _share"),
          field("unit", StringType, "unit of value: USD, persons, count or fraction"),
          field(
              "status",
              StringType,
              "A actual, P provisional, E estimate, T target, D derived by the pipeline"),
          field("reported_value", StringType, "the value as published"),
          field("reported_unit", StringType, "the unit as published"),
          field(
              "fx_rate",
              FX_RATE,
              "CNY per USD used to convert a CNY figure (annual average of its year)"),
          field("source", StringType, "source as published; for D, how the value was derived"),
          field("source_file", StringType, "landed file the figure came from (NULL for D)"),
          field("source_line", LongType, "line in source_file"),
          field("batch_id", StringType, "batch that last wrote the figure"),
          field("ingested_at", TimestampType, "when the batch was landed"));

  public static final PipelineTable QUARANTINE =
      table(
          "quarantine",
          Write.MERGED,
          List.of("batch_id", "source_file", "source_line", "reason_code", "reason"),
          false,
          field("shape", StringType, "shape of the source file"),
          field("source_file", StringType, "landed file of the row"),
          field("source_line", LongType, "line of the row in the file; 0 for a whole file"),
          field("raw", StringType, "the row as text"),
          field("reason_code", StringType, "why the row was not accepted (README lists the codes)"),
          field("reason", StringType, "what was wrong with the row and how to fix it"),
          field("batch_id", StringType, "batch that landed the row"),
          field("quarantined_at", TimestampType, "when the row was quarantined"));

  public static final PipelineTable GROWTH =
      table(
          "growth",
          Write.REWRITTEN,
          List.of(),
          false,
          field("entity_code", StringType, "GB/T 2260 code"),
          field("entity_name", StringType, "English name of the entity"),
          field("sector", StringType, "ITO, BPO, KPO or ALL"),
          field("market", StringType, "ALL, OFFSHORE, ONSHORE or a destination"),
          field("indicator", StringType, "indicator code"),
          field("unit", StringType, "unit of value"),
          field("period", StringType, "period compared with the same period of earlier years"),
          field("year", IntegerType, "year"),
          field("value", VALUE, "level in the year (best status: A over P over E over D)"),
          field("status", StringType, "status of value"),
          field("prev_value", VALUE, "level of the same period a year earlier"),
          field("prev_status", StringType, "status of prev_value"),
          field("yoy", DoubleType, "year-on-year growth, fraction (0.286 = 28.6%)"),
          field("log_growth", DoubleType, "ln(value / prev_value)"),
          field("cagr_3y", DoubleType, "compound annual growth over 3 years, fraction"),
          field("cagr_5y", DoubleType, "compound annual growth over 5 years, fraction"),
          field("reported_yoy", DoubleType, "published year-on-year growth, fraction"),
          field("yoy_check", StringType, "OK, MISMATCH (beyond tolerance) or NA"),
          field("reason", StringType, "why yoy is NULL or the check not applicable"));

  /** The natural key of {@code firm_observations}. */
  public static final PipelineTable FIRM_OBSERVATIONS =
      table(
          "firm_observations",
          Write.MERGED,
          List.of("firm_id", "year", "sector"),
          false,
          field("firm_id", StringType, "the firm's identifier in the register"),
          field("firm_name", StringType, "the firm's name as registered"),
          field("entity_code", StringType, "GB/T 2260 code of the firm's city"),
          field("entity_name", StringType, "English name of the city"),
          field("year", IntegerType, "year"),
          field("sector", StringType, "ITO, BPO, KPO or ALL"),
          field("revenue", VALUE, "revenue in USD from the firm register"),
          field("reported_revenue", StringType, "revenue as registered"),
          field("reported_unit", StringType, "unit of the revenue as registered"),
          field("fx_rate", FX_RATE, "CNY per USD used to convert the revenue"),
          field("employees", LongType, "employees from the firm register"),
          field(
              "fortune500", DataTypes.BooleanType, "whether the firm is in the Fortune Global 500"),
          field("contracts", LongType, "contracts signed in the year (contracts register)"),
          field("contract_value", VALUE, "value of those contracts, USD"),
          field("executed_value", VALUE, "executed value of those contracts, USD"),
          field(
              "source_file",
              StringType,
              "register file of the firm row (NULL when only contracts are known)"),
          field("source_line", LongType, "line in source_file"),
          field("batch_id", StringType, "batch that last wrote the row"),
          field("updated_at", TimestampType, "when the row was last written"));

  public static final PipelineTable CONTRACTS =
      table(
          "contracts",
          Write.MERGED,
          List.of("contract_id"),
          false,
          concat(
              CONTRACT_VALUES.fields(),
              field("source_file", StringType, "register file of the contract"),
              field("source_line", LongType, "line in source_file"),
              field("batch_id", StringType, "batch that last wrote the contract")));

  public static final PipelineTable CONCENTRATION =
      table(
          "concentration",
          Write.REWRITTEN,
          List.of(),
          false,
          field("year", IntegerType, "year"),
          field("period", StringType, "period"),
          field("scope_code", StringType, "GB/T 2260 code of the entity whose total is shared"),
          field("scope_name", StringType, "English name of the scope"),
          field("dimension", StringType, "city, sector, market or firm: what the members are"),
          field("indicator", StringType, "indicator whose total is shared"),
          field("sector", StringType, "sector of the total (ALL for the sector dimension)"),
          field("market", StringType, "market of the total (OFFSHORE for the market dimension)"),
          field("n_members", IntegerType, "named members"),
          field("other_share", DoubleType, "unnamed remainder, fraction"),
          field("hhi_lower", DoubleType, "HHI (0-10,000) with the remainder fragmented"),
          field(
              "hhi_upper",
              DoubleType,
              "HHI with the remainder one member; equals hhi_lower without a remainder"),
          field("hhi_normalized", DoubleType, "(H - 1/N) / (1 - 1/N); NULL with a remainder"),
          field("cr1", DoubleType, "share of the largest named member"),
          field("cr4", DoubleType, "share of the four largest named members"),
          field("cr8", DoubleType, "share of the eight largest named members"),
          field("top_member", StringType, "the largest named member"),
          field("top_share", DoubleType, "its share"),
          field(
              "band_2023",
              StringType,
              "2023 Merger Guidelines band (lower..upper when the bounds differ)"),
          field("band_2010", StringType, "2010 Horizontal Merger Guidelines band"),
          field("hhi_change", DoubleType, "hhi_lower minus the previous year's hhi_lower"));

  public static final PipelineTable TARGETS =
      table(
          "targets",
          Write.REWRITTEN,
          List.of(),
          false,
          field("entity_code", StringType, "GB/T 2260 code"),
          field("entity_name", StringType, "English name"),
          field("indicator", StringType, "indicator of the plan"),
          field("sector", StringType, "sector"),
          field("market", StringType, "market"),
          field("target_year", IntegerType, "year the plan aims at"),
          field("target_value", VALUE, "planned level"),
          field("base_year", IntegerType, "latest actual before the target year"),
          field("base_value", VALUE, "its level"),
          field(
              "required_cagr", DoubleType, "annual growth the plan needs from the base, fraction"),
          field("latest_year", IntegerType, "latest actual"),
          field("latest_value", VALUE, "its level"),
          field(
              "actual_cagr",
              DoubleType,
              "annual growth from the base to the latest actual; NULL until one is later"),
          field(
              "on_track",
              DataTypes.BooleanType,
              "target met (latest at or after the target year) or actual_cagr >= required_cagr; NULL if unknown"));

  public static final PipelineTable RUNS =
      table(
              "runs",
              Write.APPENDED,
              List.of(),
              false,
              field("run_id", StringType, "one invocation of the pipeline; its steps share it"),
              field("job", StringType, "ingest, normalize, growth"),
              field("started_at", TimestampType, "start of the job"),
              field("finished_at", TimestampType, "end of the job"),
              field(
                  "status",
                  StringType,
                  "SUCCEEDED, PARTIAL (normalize set a batch aside; see error) or FAILED"),
              field("rows_read", LongType, "rows the job read"),
              field("rows_accepted", LongType, "rows accepted (normalize)"),
              field("rows_quarantined", LongType, "rows quarantined"),
              field("rows_duplicate", LongType, "exact duplicates dropped"),
              field("rows_written", LongType, "rows written to the job's output tables"),
              field("error", StringType, "the error of a failed job"))
          .withoutColumnStatistics()
          .withCheckpointEvery(100);

  public static final PipelineTable BATCHES =
      table(
          "batches",
          Write.APPENDED,
          List.of(),
          false,
          field("batch_id", StringType, "a landed batch that has been normalised"),
          field("rows_read", LongType, "raw rows of the batch"),
          field("rows_accepted", LongType, "rows accepted into observations"),
          field("rows_quarantined", LongType, "rows quarantined"),
          field("rows_duplicate", LongType, "exact duplicates dropped"),
          field("normalized_at", TimestampType, "when normalisation of the batch completed"));

  public static final PipelineTable HELD_BATCHES =
      table(
          "held_batches",
          Write.APPENDED,
          List.of(),
          true,
          field(
              "batch_id",
              StringType,
              "a landed batch whose normalisation failed and was set aside"),
          field("held_at", TimestampType, "when it was set aside"),
          field("run_id", StringType, "the run that set it aside"),
          field("error", StringType, "why its normalisation failed (first line of the cause)"),
          field("released_at", TimestampType, "when it was released; NULL while it is set aside"),
          field(
              "release",
              StringType,
              "RETRY (normalize --retry-batch) or DROP (normalize --drop-batch)"));

  /** Every table in creation order. */
  public static final List<PipelineTable> ALL =
      List.of(
          RAW_ROWS,
          OBSERVATIONS,
          QUARANTINE,
          GROWTH,
          RUNS,
          BATCHES,
          HELD_BATCHES,
          FIRM_OBSERVATIONS,
          CONTRACTS,
          CONCENTRATION,
          TARGETS);

  private Tables() {}

  private static PipelineTable table(
      String name,
      Write write,
      List<String> key,
      boolean createdOnFirstUse,
      StructField... fields) {
    return new PipelineTable(name, new StructType(fields), key, write, createdOnFirstUse, Map.of());
  }

  private static StructField[] concat(StructField[] first, StructField... more) {
    StructField[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static StructField field(String name, DataType type, String comment) {
    return new StructField(name, type, true, Metadata.empty()).withComment(comment);
  }
}
