package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.outsourcingstats.common.growth.GrowthMath;
import org.outsourcingstats.common.report.ReportInput.GrowthRow;

/**
 * The growth part of the report: one chart per entity and indicator (full-year levels; a line per
 * sector and market), and the table of published growth rates checked against the levels.
 */
final class GrowthSection {
  /**
   * Periods other than the full year are in the cross-check table but not charted (their years are
   * sparse).
   */
  static final String CHARTED_PERIOD = "FY";

  private GrowthSection() {}

  /** One row of the table of published growth rates against the rates computed from the levels. */
  record CrossCheck(
      String entity,
      String indicator,
      String series,
      String period,
      int year,
      String value,
      String computed,
      String published,
      String check,
      String checkClass,
      String reason) {}

  static List<Panel> panels(List<GrowthRow> rows, Labels labels) {
    return Panel.perGroup(
        rows.stream().filter(r -> CHARTED_PERIOD.equals(r.period())),
        r -> r.entityCode() + "/" + r.indicator(),
        panel -> panel(panel, labels));
  }

  private static Panel panel(List<GrowthRow> rows, Labels labels) {
    GrowthRow first = rows.get(0);
    Map<String, List<GrowthRow>> bySeries = new TreeMap<>();
    for (GrowthRow row : rows) {
      bySeries
          .computeIfAbsent(
              Labels.sectorKey(row.sector()) + "/" + Labels.marketKey(row.market()),
              key -> new ArrayList<>())
          .add(row);
    }
    int firstYear = rows.stream().mapToInt(GrowthRow::year).min().orElseThrow();
    int lastYear = rows.stream().mapToInt(GrowthRow::year).max().orElseThrow();
    List<LineChart.Series> series = new ArrayList<>();
    List<String> notDrawn = new ArrayList<>();
    for (List<GrowthRow> line : bySeries.values()) {
      String label = labels.series(line.get(0).sector(), line.get(0).market());
      if (series.size() == Labels.PALETTE.size()) {
        notDrawn.add(label);
        continue;
      }
      Map<Integer, GrowthRow> byYear =
          line.stream().collect(Collectors.toMap(GrowthRow::year, r -> r));
      List<LineChart.Point> points = new ArrayList<>();
      for (int year = firstYear; year <= lastYear; year++) {
        GrowthRow row = byYear.get(year);
        points.add(
            row == null
                ? LineChart.Point.of(year, null)
                : new LineChart.Point(
                    year, row.value(), "D".equals(row.status()), label + ", " + describe(row)));
      }
      series.add(
          new LineChart.Series(label, Labels.PALETTE.get(series.size()), false, true, points));
    }
    String title = first.entityName() + " · " + Labels.indicator(first.indicator());
    LineChart chart = LineChart.lines(title, series, tick -> Formats.tick(first.unit(), tick));

    List<Panel.Note> notes = new ArrayList<>();
    GrowthRow latest =
        bySeries.values().iterator().next().stream()
            .max(Comparator.comparingInt(GrowthRow::year))
            .orElseThrow();
    notes.add(
        Panel.Note.plain(
            "Latest, "
                + labels.series(latest.sector(), latest.market())
                + ": "
                + describe(latest)));
    List<GrowthRow> checked = rows.stream().filter(r -> r.reportedYoy() != null).toList();
    if (!checked.isEmpty()) {
      long ok = checked.stream().filter(r -> "OK".equals(r.yoyCheck())).count();
      long mismatch =
          checked.stream()
              .filter(r -> GrowthMath.Check.MISMATCH.name().equals(r.yoyCheck()))
              .count();
      notes.add(
          new Panel.Note(
              "Published growth rates: "
                  + checked.size()
                  + " — "
                  + ok
                  + " OK, "
                  + mismatch
                  + " mismatch, "
                  + (checked.size() - ok - mismatch)
                  + " not checkable",
              mismatch > 0 ? "mismatch" : "ok"));
    }
    if (!notDrawn.isEmpty()) {
      notes.add(
          Panel.Note.plain(
              "Not drawn (one colour per line, "
                  + Labels.PALETTE.size()
                  + " at most): "
                  + String.join(", ", notDrawn)));
    }
    return new Panel(
        title,
        Labels.period(CHARTED_PERIOD) + ", " + first.unit(),
        chart.toSvg(),
        Panel.legendOf(series),
        notes);
  }

  /** {@code 2010: $1.8 bn (actual), +28.6% on a year earlier; published +28.6% (NA)}. */
  static String describe(GrowthRow row) {
    StringBuilder text =
        new StringBuilder()
            .append(row.year())
            .append(": ")
            .append(Formats.value(row.unit(), row.value()))
            .append(" (")
            .append(Labels.status(row.status()))
            .append(')');
    if (row.yoy() != null) {
      text.append(", ").append(Formats.signedPercent(row.yoy())).append(" on a year earlier");
    }
    if (row.reportedYoy() != null) {
      text.append("; published ")
          .append(Formats.signedPercent(row.reportedYoy()))
          .append(" (")
          .append(row.yoyCheck())
          .append(')');
    }
    return text.toString();
  }

  static List<CrossCheck> crossChecks(List<GrowthRow> rows, Labels labels) {
    return rows.stream()
        .filter(r -> r.reportedYoy() != null)
        .map(
            r ->
                new CrossCheck(
                    r.entityName(),
                    Labels.indicator(r.indicator()),
                    labels.series(r.sector(), r.market()),
                    Labels.period(r.period()),
                    r.year(),
                    Formats.value(r.unit(), r.value()),
                    Formats.signedPercent(r.yoy()),
                    Formats.signedPercent(r.reportedYoy()),
                    r.yoyCheck(),
                    Labels.checkClass(r.yoyCheck()),
                    r.reason() == null ? "" : r.reason()))
        .toList();
  }
}
