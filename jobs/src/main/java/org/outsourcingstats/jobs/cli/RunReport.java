package org.outsourcingstats.jobs.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.outsourcingstats.common.growth.GrowthMath;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.ChecksumScans;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * The summary a run ends with: reconciliation per step, and the gold tables the run rewrote:
 * concentration, plans, and growth against published rates.
 */
final class RunReport {
  private static final List<String> GOLD =
      List.of(Step.GROWTH.id(), Step.CONCENTRATION.id(), Step.TARGETS.id());

  // The summary is read in a terminal: the gold tables' first rows, the command for the rest.
  private static final int CONCENTRATION_ROWS = 25;
  private static final int GROWTH_ROWS = 40;
  private static final String GROWTH_COLUMNS =
      "entity_name, indicator, market, sector, period, year, value, round(yoy * 100, 2) AS yoy_pct, "
          + "round(reported_yoy * 100, 2) AS published_pct, yoy_check, prev_status";
  private static final String CHECKS_FIRST =
      "CASE yoy_check WHEN '"
          + GrowthMath.Check.MISMATCH
          + "' THEN 0 WHEN '"
          + GrowthMath.Check.OK
          + "' THEN 1 ELSE 2 END";
  private static final String GROWTH_ORDER =
      CHECKS_FIRST + ", entity_name, indicator, market, sector, period, year";

  private RunReport() {}

  private static boolean rewrote(List<StepResult> results, Step step) {
    return results.stream()
        .anyMatch(result -> result.job().equals(step.id()) && result.rowsWritten() > 0);
  }

  static void print(PrintStream out, PipelineContext context, List<StepResult> results) {
    out.println("Run " + context.runId());
    for (StepResult step : results) {
      if (step.job().equals(Step.NORMALIZE.id())) {
        out.printf(
            "  %-10s rows read %d = accepted %d + quarantined %d + duplicate %d (%s)%n",
            step.job(),
            step.rowsRead(),
            step.rowsAccepted(),
            step.rowsQuarantined(),
            step.rowsDuplicate(),
            step.reconciles() ? "reconciled" : "NOT RECONCILED");
      } else {
        out.printf(
            "  %-10s rows read %d, rows written %d (%s)%n",
            step.job(), step.rowsRead(), step.rowsWritten(), step.detail());
      }
    }
    // No row count of every table here: `status` prints them, and counting ten tables cost 27 Spark
    // jobs at the end of every run (3 s after a 10 M-row register, 6% of the sample run).
    // A gold table is shown when its step rewrote it: one that did not is as the last run left it.
    List<String> unchanged =
        results.stream()
            .filter(step -> GOLD.contains(step.job()) && step.rowsWritten() == 0)
            .map(StepResult::job)
            .toList();
    if (!unchanged.isEmpty()) {
      out.println(
          "Unchanged: "
              + String.join(", ", unchanged)
              + " ('scripts/pipeline report' or 'sql' shows them).");
    }
    SparkSession spark = context.spark();
    if (rewrote(results, Step.CONCENTRATION)) {
      out.println(
          "Concentration (HHI 0-10,000; bounds differ when named shares leave a remainder):");
      String concentration =
          "SELECT scope_name, dimension, indicator, sector, market, period, year, n_members, "
              + "round(other_share, 3) AS other_share, round(hhi_lower, 1) AS hhi_lower, round(hhi_upper, 1) AS hhi_upper, "
              + "top_member, band_2023, band_2010 FROM "
              + context.tables().name(Tables.CONCENTRATION)
              + " WHERE dimension <> 'city' OR scope_code <> '000000' ORDER BY scope_name, dimension, indicator, year";
      printAtMost(
          out,
          spark,
          CONCENTRATION_ROWS,
          concentration,
          concentration + " LIMIT " + CONCENTRATION_ROWS);
    }
    if (rewrote(results, Step.TARGETS)) {
      out.println("Plans against actuals:");
      ResultPrinter.print(
          query(
              spark,
              "SELECT entity_name, indicator, target_year, target_value, base_year, base_value, "
                  + "round(required_cagr, 4) AS required_cagr, latest_year, round(actual_cagr, 4) AS actual_cagr, on_track "
                  + "FROM "
                  + context.tables().name(Tables.TARGETS)
                  + " ORDER BY entity_name, indicator"),
          ResultPrinter.Format.TABLE,
          out);
    }
    if (rewrote(results, Step.GROWTH)) {
      out.println(
          "Published growth checked against the levels (yoy computed | published | check):");
      String growth = context.tables().name(Tables.GROWTH);
      printAtMost(
          out,
          spark,
          GROWTH_ROWS,
          "SELECT "
              + GROWTH_COLUMNS
              + " FROM "
              + growth
              + " WHERE reported_yoy IS NOT NULL ORDER BY "
              + GROWTH_ORDER,
          // Which rows, when not all fit: first the published rates the levels contradict
          // (MISMATCH, what an analyst must look at), then those they confirm (OK), then those no
          // level could check (NA); within each, every entity has its turn before any has another,
          // its latest years first, so that the nation's long series do not push the cities out of
          // the summary (they pushed Dalian, the seed example, out of an alphabetical first 40).
          // Shown in the order of the whole list.
          "SELECT "
              + GROWTH_COLUMNS
              + " FROM (SELECT *, row_number() OVER (PARTITION BY entity_code, yoy_check "
              + "ORDER BY year DESC, indicator, market, sector, period) AS turn FROM "
              + growth
              + " WHERE reported_yoy IS NOT NULL ORDER BY "
              + CHECKS_FIRST
              + ", turn, entity_code LIMIT "
              + GROWTH_ROWS
              + ") ORDER BY "
              + GROWTH_ORDER);
    }
  }

  /**
   * The rows of one of the summary's queries, read-only: its tables are read from the file lists of
   * their latest checksums ({@link ChecksumScans}), as {@code sql} reads them.
   */
  private static Dataset<Row> query(SparkSession spark, String sql) {
    try {
      return ChecksumScans.query(spark, sql);
    } catch (ParseException e) {
      throw new IllegalStateException(
          "the run's summary has a query Spark cannot parse: " + sql, e);
    }
  }

  /**
   * Prints the rows of {@code chosen}, a query choosing at most {@code limit} of the rows of {@code
   * all}. When rows are left out, the table's last line says how many of how many and the command
   * that lists them all; counting them costs a Spark job, spent only when the limit was reached.
   */
  private static void printAtMost(
      PrintStream out, SparkSession spark, int limit, String all, String chosen) {
    Dataset<Row> shown = query(spark, chosen);
    List<Row> rows = shown.collectAsList();
    long total = rows.size() < limit ? rows.size() : query(spark, all).count();
    ResultPrinter.printFirst(
        shown.columns(), rows, total, "scripts/pipeline sql \"" + all + "\"", out);
  }
}
