package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.outsourcingstats.common.report.ReportInput.ConcentrationRow;
import org.outsourcingstats.common.report.ReportInput.GrowthRow;

/**
 * Headline figures: for each entity, the full year for which it published the most figures (the
 * latest of equals), with each figure's growth computed from the levels beside the rate it
 * published, and the largest destination market and sector of that year.
 *
 * <p>A headline figure is a published level (not one the pipeline derived) of all sectors, for the
 * whole market or its offshore or onshore half.
 */
final class Headlines {
  private static final Set<String> HEADLINE_MARKETS = Set.of("ALL", "OFFSHORE", "ONSHORE");

  private Headlines() {}

  /** The headline of one entity and year. */
  record Headline(String entity, int year, List<Figure> figures, List<String> notes) {}

  /** One figure of a headline. */
  record Figure(
      String indicator,
      String market,
      String value,
      String status,
      String computed,
      String published,
      String check,
      String checkClass,
      String reason) {}

  static List<Headline> of(
      List<GrowthRow> growth, List<ConcentrationRow> concentration, Labels labels) {
    Map<String, List<GrowthRow>> byEntity =
        growth.stream()
            .filter(Headlines::isHeadlineFigure)
            .collect(
                Collectors.groupingBy(
                    GrowthRow::entityCode, LinkedHashMap::new, Collectors.toList()));
    List<Headline> headlines = new ArrayList<>();
    for (List<GrowthRow> rows : byEntity.values()) {
      Map<Integer, Long> perYear =
          rows.stream().collect(Collectors.groupingBy(GrowthRow::year, Collectors.counting()));
      int year =
          perYear.entrySet().stream()
              .max(
                  Map.Entry.<Integer, Long>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .orElseThrow()
              .getKey();
      List<Figure> figures =
          rows.stream()
              .filter(r -> r.year() == year)
              .map(
                  r ->
                      new Figure(
                          Labels.indicator(r.indicator()),
                          labels.market(r.market()),
                          Formats.value(r.unit(), r.value()),
                          "A".equals(r.status()) ? "" : Labels.status(r.status()),
                          Formats.signedPercent(r.yoy()),
                          Formats.signedPercent(r.reportedYoy()),
                          r.reportedYoy() == null ? "" : r.yoyCheck(),
                          Labels.checkClass(r.yoyCheck()),
                          r.reportedYoy() == null || r.reason() == null ? "" : r.reason()))
              .toList();
      GrowthRow first = rows.get(0);
      headlines.add(
          new Headline(
              first.entityName(),
              year,
              figures,
              largestMembers(concentration, first.entityCode(), year, labels)));
    }
    return headlines;
  }

  private static boolean isHeadlineFigure(GrowthRow row) {
    return "FY".equals(row.period())
        && !"D".equals(row.status())
        && "ALL".equals(row.sector())
        && HEADLINE_MARKETS.contains(row.market());
  }

  /** {@code Largest destination of offshore executed value: Japan, 80.0% (HHI 6,400–6,800)}. */
  private static List<String> largestMembers(
      List<ConcentrationRow> concentration, String entity, int year, Labels labels) {
    return concentration.stream()
        .filter(
            c ->
                c.scopeCode().equals(entity)
                    && c.year() == year
                    && "FY".equals(c.period())
                    && ("market".equals(c.dimension()) || "sector".equals(c.dimension())))
        .sorted(
            Comparator.comparing(ConcentrationRow::dimension)
                .thenComparing(ConcentrationRow::indicator))
        .map(
            c ->
                ("market".equals(c.dimension()) ? "Largest destination of " : "Largest sector of ")
                    + ConcentrationSection.totalName(c, labels)
                    + ": "
                    + ("market".equals(c.dimension())
                        ? labels.market(c.topMember())
                        : c.topMember())
                    + ", "
                    + Formats.percent(c.topShare())
                    + " (HHI "
                    + ConcentrationSection.hhiRange(c)
                    + ")")
        .toList();
  }
}
