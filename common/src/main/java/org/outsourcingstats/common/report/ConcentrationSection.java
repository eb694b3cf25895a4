package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.outsourcingstats.common.report.ReportInput.ConcentrationRow;

/**
 * Destination-market and sector concentration over time: one chart per total (scope, dimension,
 * indicator, sector, market, period) of its HHI against the 2023 and 2010 US merger-guideline
 * thresholds. When named shares leave an unnamed remainder the HHI is only known to lie between a
 * lower and an upper bound: the chart shades that range and draws both bounds.
 */
final class ConcentrationSection {
  /** Dimensions charted here; city and firm concentration are in the concentration table only. */
  static final List<String> DIMENSIONS = List.of("market", "sector");

  /**
   * Totals charted at most, the headline ones first (destinations of a whole market, sectors of all
   * or offshore markets), then by entity. Bureaus publish a few dozen; a register of a million
   * generated contracts gives about 1,700, whose charts and rows made a 12 MB page that took
   * seconds to write and would not open on a phone.
   */
  static final int MAX_TOTALS = 60;

  /** Bounds closer than this (HHI points) are drawn as one line. */
  static final double SAME_BOUND = 0.5;

  static final String LOWER_COLOUR = Labels.PALETTE.get(0);
  static final String UPPER_COLOUR = Labels.PALETTE.get(5);
  private static final String GUIDELINES_2023 = "#6b6b6b";
  private static final String GUIDELINES_2010 = "#8a6d3b";

  private ConcentrationSection() {}

  /** One row of the concentration table. */
  record Row(
      String scope,
      String total,
      String period,
      int year,
      int members,
      String otherShare,
      String hhi,
      String cr4,
      String top,
      String band2023,
      String band2010) {}

  /**
   * The totals to chart, each with its rows in year order, and how many more totals the table
   * holds.
   *
   * @param totals at most {@link #MAX_TOTALS}, headline totals first, otherwise in the order of
   *     their first row
   * @param omitted the charted dimensions' totals left out
   */
  record Charted(List<List<ConcentrationRow>> totals, int omitted) {
    Charted {
      totals = List.copyOf(totals);
    }

    /** What the page says when totals were left out; empty when none were. */
    String omittedNote() {
      return omitted == 0
          ? ""
          : String.format(
              Locale.ROOT,
              "%,d further totals (a sector's destinations, a market's "
                  + "sectors, more entities) are not charted here; the table outsourcing.concentration holds every one.",
              omitted);
    }
  }

  static Charted charted(List<ConcentrationRow> rows) {
    List<List<ConcentrationRow>> totals =
        Panel.groups(
                rows.stream().filter(r -> DIMENSIONS.contains(r.dimension())),
                (ConcentrationRow r) ->
                    String.join(
                        "/",
                        r.scopeCode(),
                        r.dimension(),
                        r.indicator(),
                        r.sector(),
                        r.market(),
                        r.period()))
            .stream()
            .sorted(Comparator.comparing(total -> !isHeadline(total.get(0))))
            .toList();
    return new Charted(
        totals.subList(0, Math.min(MAX_TOTALS, totals.size())),
        Math.max(0, totals.size() - MAX_TOTALS));
  }

  static List<Panel> panels(Charted charted, Labels labels) {
    return charted.totals().stream().map(total -> panel(total, labels)).toList();
  }

  /** Destinations of a whole market (every sector), or sectors of all or of offshore markets. */
  private static boolean isHeadline(ConcentrationRow row) {
    return isMarket(row)
        ? "ALL".equals(row.sector())
        : "ALL".equals(row.market()) || "OFFSHORE".equals(row.market());
  }

  private static Panel panel(List<ConcentrationRow> rows, Labels labels) {
    ConcentrationRow first = rows.get(0);
    Map<Integer, ConcentrationRow> byYear =
        rows.stream().collect(Collectors.toMap(ConcentrationRow::year, r -> r, (a, b) -> a));
    int firstYear = byYear.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
    int lastYear = byYear.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    boolean bounded = rows.stream().anyMatch(ConcentrationSection::hasRange);
    List<LineChart.Point> lower = new ArrayList<>();
    List<LineChart.Point> upper = new ArrayList<>();
    List<LineChart.BandPoint> range = new ArrayList<>();
    for (int year = firstYear; year <= lastYear; year++) {
      ConcentrationRow row = byYear.get(year);
      lower.add(
          row == null
              ? LineChart.Point.of(year, null)
              : new LineChart.Point(year, row.hhiLower(), false, describe(row, labels)));
      upper.add(LineChart.Point.of(year, row == null ? null : row.hhiUpper()));
      range.add(
          new LineChart.BandPoint(
              year, row == null ? null : row.hhiLower(), row == null ? null : row.hhiUpper()));
    }
    List<LineChart.Series> series = new ArrayList<>();
    series.add(
        new LineChart.Series(
            bounded ? "HHI, lower bound (remainder fragmented)" : "HHI",
            LOWER_COLOUR,
            false,
            true,
            lower));
    List<LineChart.Band> bands = new ArrayList<>();
    if (bounded) {
      series.add(
          new LineChart.Series(
              "HHI, upper bound (remainder one member)", UPPER_COLOUR, true, true, upper));
      bands.add(new LineChart.Band("HHI lies between the bounds", LOWER_COLOUR, range));
    }
    String title =
        first.scopeName()
            + " · "
            + (isMarket(first) ? "destinations" : "sectors")
            + " of "
            + totalName(first, labels)
            + " ("
            + Labels.period(first.period())
            + ")";
    LineChart chart =
        new LineChart(
            title,
            series,
            bands,
            List.of(
                new LineChart.ReferenceLine(1000, "1,000 (2023)", GUIDELINES_2023, false),
                new LineChart.ReferenceLine(1800, "1,800 highly (2023)", GUIDELINES_2023, false),
                new LineChart.ReferenceLine(1500, "1,500 (2010)", GUIDELINES_2010, true),
                new LineChart.ReferenceLine(2500, "2,500 highly (2010)", GUIDELINES_2010, true)),
            Formats::hhi);
    List<Panel.LegendItem> legend = new ArrayList<>(Panel.legendOf(series));
    legend.add(new Panel.LegendItem("2023 guidelines: 1,000 / 1,800", GUIDELINES_2023, true));
    legend.add(new Panel.LegendItem("2010 guidelines: 1,500 / 2,500", GUIDELINES_2010, true));
    ConcentrationRow latest = byYear.get(lastYear);
    return new Panel(
        title,
        "HHI on the 0–10,000 scale",
        chart.toSvg(),
        legend,
        List.of(Panel.Note.plain(describe(latest, labels))));
  }

  /**
   * {@code 2010: HHI 6,400–6,800; 2023 highly, 2010 highly; top Japan 80.0%; 1 named, 20.0%
   * unnamed}.
   */
  static String describe(ConcentrationRow row, Labels labels) {
    return row.year()
        + ": HHI "
        + hhiRange(row)
        + "; bands 2023 "
        + row.band2023()
        + ", 2010 "
        + row.band2010()
        + "; largest "
        + member(row, labels)
        + " "
        + Formats.percent(row.topShare())
        + "; "
        + row.members()
        + " named"
        + (row.otherShare() > 0 ? ", " + Formats.percent(row.otherShare()) + " unnamed" : "");
  }

  /** {@code 6,400–6,800} with a remainder, {@code 4,343} without. */
  static String hhiRange(ConcentrationRow row) {
    return hasRange(row)
        ? Formats.hhi(row.hhiLower()) + "–" + Formats.hhi(row.hhiUpper())
        : Formats.hhi(row.hhiLower());
  }

  /**
   * The total being shared: {@code offshore executed value}, {@code all markets' contract value}.
   */
  static String totalName(ConcentrationRow row, Labels labels) {
    String market =
        "ALL".equals(row.market())
            ? ""
            : labels.market(row.market()).toLowerCase(Locale.ROOT) + " ";
    String sector = "ALL".equals(row.sector()) ? "" : row.sector() + " ";
    return sector + market + Labels.indicator(row.indicator()).toLowerCase(Locale.ROOT);
  }

  static List<Row> rows(Charted charted, Labels labels) {
    return charted.totals().stream()
        .flatMap(List::stream)
        .map(
            r ->
                new Row(
                    r.scopeName(),
                    (isMarket(r) ? "destinations" : "sectors") + " of " + totalName(r, labels),
                    Labels.period(r.period()),
                    r.year(),
                    r.members(),
                    Formats.percent(r.otherShare()),
                    hhiRange(r),
                    Formats.percent(r.cr4()),
                    member(r, labels) + " " + Formats.percent(r.topShare()),
                    r.band2023(),
                    r.band2010()))
        .toList();
  }

  private static boolean hasRange(ConcentrationRow row) {
    return row.hhiUpper() - row.hhiLower() > SAME_BOUND;
  }

  private static boolean isMarket(ConcentrationRow row) {
    return "market".equals(row.dimension());
  }

  private static String member(ConcentrationRow row, Labels labels) {
    return isMarket(row) ? labels.market(row.topMember()) : row.topMember();
  }
}
