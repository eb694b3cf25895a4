package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.outsourcingstats.common.report.ReportInput.GrowthRow;
import org.outsourcingstats.common.report.ReportInput.TargetRow;

/**
 * Plans against actuals: for each plan, the full-year actuals of its series, the path the plan
 * requires from its base (compound growth at {@code required_cagr}) and the target itself.
 */
final class TargetsSection {
  static final String ACTUAL_COLOUR = Labels.PALETTE.get(0);
  static final String PLAN_COLOUR = Labels.PALETTE.get(1);

  private TargetsSection() {}

  /** One row of the plans table. */
  record Row(
      String entity,
      String indicator,
      String series,
      int targetYear,
      String target,
      String base,
      String latest,
      String required,
      String actual,
      String onTrack,
      String onTrackClass) {}

  static List<Panel> panels(List<TargetRow> targets, List<GrowthRow> growth, Labels labels) {
    List<Panel> panels = new ArrayList<>();
    for (TargetRow target : targets) {
      panels.add(panel(target, growth, labels));
    }
    return panels;
  }

  private static Panel panel(TargetRow target, List<GrowthRow> growth, Labels labels) {
    String title =
        target.entityName()
            + " · "
            + Labels.indicator(target.indicator())
            + ": "
            + Formats.value(target.unit(), target.targetValue())
            + " by "
            + target.targetYear();
    String subtitle = labels.series(target.sector(), target.market()) + ", " + target.unit();
    if (target.baseYear() == null) {
      return new Panel(
          title,
          subtitle,
          null,
          List.of(),
          List.of(
              Panel.Note.plain(
                  "No actual figure before "
                      + target.targetYear()
                      + " to measure the plan against.")));
    }
    Map<Integer, GrowthRow> actuals =
        growth.stream()
            .filter(
                g ->
                    g.entityCode().equals(target.entityCode())
                        && g.indicator().equals(target.indicator())
                        && g.sector().equals(target.sector())
                        && g.market().equals(target.market())
                        && GrowthSection.CHARTED_PERIOD.equals(g.period()))
            .collect(Collectors.toMap(GrowthRow::year, g -> g, (a, b) -> a));
    int firstYear =
        Math.min(
            target.baseYear(),
            actuals.keySet().stream().mapToInt(Integer::intValue).min().orElse(target.baseYear()));
    int lastYear =
        Math.max(
            target.targetYear(),
            actuals.keySet().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(target.targetYear()));
    List<LineChart.Point> actual = new ArrayList<>();
    for (int year = firstYear; year <= lastYear; year++) {
      GrowthRow row = actuals.get(year);
      actual.add(
          row == null
              ? LineChart.Point.of(year, null)
              : new LineChart.Point(
                  year,
                  row.value(),
                  "D".equals(row.status()),
                  "Actual " + GrowthSection.describe(row)));
    }
    List<LineChart.Point> path = new ArrayList<>();
    for (int year = target.baseYear(); year <= target.targetYear(); year++) {
      path.add(LineChart.Point.of(year, planned(target, year)));
    }
    List<LineChart.Series> series =
        List.of(
            new LineChart.Series("Actual", ACTUAL_COLOUR, false, true, actual),
            new LineChart.Series(
                "Required path, " + Formats.signedPercent(target.requiredCagr()) + " a year",
                PLAN_COLOUR,
                true,
                false,
                path),
            new LineChart.Series(
                "Target",
                PLAN_COLOUR,
                false,
                true,
                List.of(
                    new LineChart.Point(
                        target.targetYear(),
                        target.targetValue(),
                        false,
                        "Target "
                            + target.targetYear()
                            + ": "
                            + Formats.value(target.unit(), target.targetValue())))));
    LineChart chart = LineChart.lines(title, series, tick -> Formats.tick(target.unit(), tick));
    return new Panel(title, subtitle, chart.toSvg(), Panel.legendOf(series), notes(target));
  }

  /** The level the plan needs in {@code year}: the base grown at the required rate. */
  static double planned(TargetRow target, int year) {
    return target.baseValue() * Math.pow(1 + target.requiredCagr(), year - target.baseYear());
  }

  private static List<Panel.Note> notes(TargetRow target) {
    List<Panel.Note> notes = new ArrayList<>();
    notes.add(
        Panel.Note.plain(
            "From "
                + Formats.value(target.unit(), target.baseValue())
                + " in "
                + target.baseYear()
                + " the plan needs "
                + Formats.signedPercent(target.requiredCagr())
                + " a year."));
    if (target.actualCagr() != null) {
      notes.add(
          Panel.Note.plain(
              "Actual: "
                  + Formats.signedPercent(target.actualCagr())
                  + " a year to "
                  + target.latestYear()
                  + " ("
                  + Formats.value(target.unit(), target.latestValue())
                  + ")."));
    } else {
      notes.add(Panel.Note.plain("No actual figure after " + target.baseYear() + " yet."));
    }
    notes.add(new Panel.Note(onTrack(target.onTrack()), onTrackClass(target.onTrack())));
    return notes;
  }

  static List<Row> rows(List<TargetRow> targets, Labels labels) {
    return targets.stream()
        .map(
            t ->
                new Row(
                    t.entityName(),
                    Labels.indicator(t.indicator()),
                    labels.series(t.sector(), t.market()),
                    t.targetYear(),
                    Formats.value(t.unit(), t.targetValue()),
                    t.baseYear() == null
                        ? "–"
                        : Formats.value(t.unit(), t.baseValue()) + " (" + t.baseYear() + ")",
                    t.latestYear() == null
                        ? "–"
                        : Formats.value(t.unit(), t.latestValue()) + " (" + t.latestYear() + ")",
                    Formats.signedPercent(t.requiredCagr()),
                    Formats.signedPercent(t.actualCagr()),
                    t.onTrack() == null ? "not known yet" : t.onTrack() ? "yes" : "no",
                    onTrackClass(t.onTrack())))
        .toList();
  }

  private static String onTrack(Boolean onTrack) {
    return onTrack == null ? "On track: not known yet" : onTrack ? "On track" : "Behind the plan";
  }

  private static String onTrackClass(Boolean onTrack) {
    return onTrack == null ? "na" : onTrack ? "ok" : "mismatch";
  }
}
