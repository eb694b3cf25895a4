package org.outsourcingstats.common.report;

import java.util.List;
import java.util.Map;

/**
 * Everything the HTML report shows, read from the gold tables. Rows are shown in the order given:
 * the caller orders entities (the nation, provinces, cities) and years.
 *
 * @param title heading of the report
 * @param subtitle one line under it: where the data comes from and when the report was written
 * @param marketNames display names of market codes ({@code JP} → {@code Japan}); unknown codes show
 *     as they are
 * @param sources what the figures were read from, as text that changes when they do (the tables'
 *     versions, the build): written into the page, so that a later run can tell whether it is
 *     current
 */
public record ReportInput(
    String title,
    String subtitle,
    List<GrowthRow> growth,
    List<ConcentrationRow> concentration,
    List<TargetRow> targets,
    Map<String, String> marketNames,
    String sources) {
  public ReportInput {
    growth = List.copyOf(growth);
    concentration = List.copyOf(concentration);
    targets = List.copyOf(targets);
    marketNames = Map.copyOf(marketNames);
  }

  /**
   * One row of the {@code growth} table: a level with its growth against a year earlier and the
   * published rate.
   */
  public record GrowthRow(
      String entityCode,
      String entityName,
      String sector,
      String market,
      String indicator,
      String unit,
      String period,
      int year,
      double value,
      String status,
      Double yoy,
      Double reportedYoy,
      String yoyCheck,
      String reason) {}

  /** One row of the {@code concentration} table. */
  public record ConcentrationRow(
      String scopeCode,
      String scopeName,
      String dimension,
      String indicator,
      String sector,
      String market,
      String period,
      int year,
      int members,
      double otherShare,
      double hhiLower,
      double hhiUpper,
      double cr4,
      String topMember,
      double topShare,
      String band2023,
      String band2010) {}

  /**
   * One row of the {@code targets} table, with the unit of its indicator ({@code USD}, {@code
   * persons}, ...).
   */
  public record TargetRow(
      String entityCode,
      String entityName,
      String indicator,
      String sector,
      String market,
      String unit,
      int targetYear,
      double targetValue,
      Integer baseYear,
      Double baseValue,
      Double requiredCagr,
      Integer latestYear,
      Double latestValue,
      Double actualCagr,
      Boolean onTrack) {}
}
