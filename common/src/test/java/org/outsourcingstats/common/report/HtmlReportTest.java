package org.outsourcingstats.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.outsourcingstats.common.report.ReportInput.ConcentrationRow;
import org.outsourcingstats.common.report.ReportInput.GrowthRow;
import org.outsourcingstats.common.report.ReportInput.TargetRow;

class HtmlReportTest {
  private static final Map<String, String> MARKETS =
      Map.of("ALL", "All markets", "OFFSHORE", "Offshore", "JP", "Japan", "US", "United States");
  private static final Labels LABELS = new Labels(MARKETS);

  /** A level of Dalian's (the seed article's figures), full year, all sectors. */
  private static GrowthRow dalian(
      String indicator,
      String market,
      String unit,
      int year,
      double value,
      String status,
      Double yoy,
      Double reported,
      String check,
      String reason) {
    return new GrowthRow(
        "210200", "Dalian", "ALL", market, indicator, unit, "FY", year, value, status, yoy,
        reported, check, reason);
  }

  private static final List<GrowthRow> DALIAN =
      List.of(
          dalian(
              "employees",
              "ALL",
              "persons",
              2007,
              60_000,
              "A",
              null,
              null,
              "NA",
              "no level a year earlier"),
          dalian(
              "employees",
              "ALL",
              "persons",
              2010,
              100_000,
              "A",
              null,
              null,
              "NA",
              "no level a year earlier"),
          dalian("executed_value", "JP", "USD", 2010, 1.44e9, "D", null, null, "NA", null),
          dalian(
              "executed_value",
              "OFFSHORE",
              "USD",
              2009,
              1.399688958e9,
              "D",
              null,
              null,
              "NA",
              null),
          dalian(
              "executed_value",
              "OFFSHORE",
              "USD",
              2010,
              1.8e9,
              "A",
              0.286,
              0.286,
              "NA",
              "base derived from the published rate"),
          dalian("firms", "ALL", "count", 2010, 941, "A", null, null, "NA", null),
          dalian("firms", "ALL", "count", 2018, 1110, "A", null, null, "NA", null));

  private static ConcentrationRow market(
      String scope,
      String scopeName,
      int year,
      double lower,
      double upper,
      String top,
      double topShare) {
    return new ConcentrationRow(
        scope,
        scopeName,
        "market",
        "executed_value",
        "ALL",
        "OFFSHORE",
        "FY",
        year,
        1,
        upper > lower ? 0.2 : 0,
        lower,
        upper,
        topShare,
        top,
        topShare,
        "highly",
        "highly");
  }

  private static TargetRow plan(Integer baseYear, Double baseValue, Double required) {
    return new TargetRow(
        "210200",
        "Dalian",
        "employees",
        "ALL",
        "ALL",
        "persons",
        2015,
        200_000,
        baseYear,
        baseValue,
        required,
        baseYear,
        baseValue,
        null,
        null);
  }

  private static List<String> charts(String html) {
    Matcher matcher =
        Pattern.compile("<svg [^>]*class=\"chart\"[^>]*aria-label=\"([^\"]*)\"").matcher(html);
    List<String> labels = new ArrayList<>();
    while (matcher.find()) {
      labels.add(matcher.group(1));
    }
    return labels;
  }

  private static ReportInput input(
      List<GrowthRow> growth, List<ConcentrationRow> concentration, List<TargetRow> targets) {
    return new ReportInput(
        "Service outsourcing", "test", growth, concentration, targets, MARKETS, "growth@1");
  }

  @Test
  void theHeadlineIsTheYearWithTheMostPublishedFiguresWithGrowthBesideThePublishedRate() {
    List<Headlines.Headline> headlines =
        Headlines.of(
            DALIAN, List.of(market("210200", "Dalian", 2010, 6400, 6800, "JP", 0.8)), LABELS);

    // 2010 has three published figures (employees, offshore executed value, firms); 2007 and 2018
    // one each. Derived levels (2009, the JP share) are not headline figures.
    assertThat(headlines)
        .singleElement()
        .satisfies(
            headline -> {
              assertThat(headline.year()).isEqualTo(2010);
              assertThat(headline.figures())
                  .extracting(Headlines.Figure::indicator, Headlines.Figure::value)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("Employees", "100,000"),
                      org.assertj.core.groups.Tuple.tuple("Executed value", "$1.8 bn"),
                      org.assertj.core.groups.Tuple.tuple("Firms", "941"));
              Headlines.Figure exports = headline.figures().get(1);
              assertThat(exports.market()).isEqualTo("Offshore");
              assertThat(exports.computed()).isEqualTo("+28.6%");
              assertThat(exports.published()).isEqualTo("+28.6%");
              assertThat(exports.check()).isEqualTo("NA");
              assertThat(exports.reason()).isEqualTo("base derived from the published rate");
              assertThat(headline.notes())
                  .containsExactly(
                      "Largest destination of offshore executed value: Japan, 80.0% (HHI 6,400–6,800)");
            });
  }

  @Test
  void tiedYearsHeadlineTheLatest() {
    List<GrowthRow> rows =
        List.of(
            dalian("firms", "ALL", "count", 2007, 1, "A", null, null, "NA", null),
            dalian("firms", "ALL", "count", 2018, 2, "A", null, null, "NA", null));

    assertThat(Headlines.of(rows, List.of(), LABELS))
        .singleElement()
        .satisfies(h -> assertThat(h.year()).isEqualTo(2018));
  }

  @Test
  void growthIsChartedPerEntityAndIndicatorWithALinePerMarketAndSubYearPeriodsLeftOut() {
    List<GrowthRow> rows = new ArrayList<>(DALIAN);
    rows.add(
        new GrowthRow(
            "210200", "Dalian", "ALL", "ALL", "firms", "count", "H1", 2011, 500, "A", null, null,
            "NA", null));

    List<Panel> panels = GrowthSection.panels(rows, LABELS);

    assertThat(panels)
        .extracting(Panel::title)
        .containsExactly("Dalian · Employees", "Dalian · Executed value", "Dalian · Firms");
    Panel exports = panels.get(1);
    // Offshore (the market's half) before the destination Japan, each in its own colour.
    assertThat(exports.legend())
        .extracting(Panel.LegendItem::label, Panel.LegendItem::colour)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Offshore", "#0072b2"),
            org.assertj.core.groups.Tuple.tuple("Japan", "#e69f00"));
    assertThat(exports.svg()).contains("data-colors=\"#0072b2 #e69f00\"");
    assertThat(exports.notes())
        .extracting(Panel.Note::text)
        .contains("Published growth rates: 1 — 0 OK, 0 mismatch, 1 not checkable");
    // Firms 2010 and 2018 with the years between empty: two lone markers, no line across eight
    // missing years.
    assertThat(panels.get(2).svg()).doesNotContain("<polyline").contains("2018");
  }

  @Test
  void moreSeriesThanColoursAreNamedInsteadOfDrawn() {
    List<GrowthRow> rows = new ArrayList<>();
    for (String market :
        List.of("ALL", "OFFSHORE", "ONSHORE", "EU", "HK", "JP", "KR", "SG", "TW", "US")) {
      rows.add(
          new GrowthRow(
              "000000",
              "China",
              "ALL",
              market,
              "executed_value",
              "USD",
              "FY",
              2015,
              1e9,
              "A",
              null,
              null,
              "NA",
              null));
    }

    Panel panel = GrowthSection.panels(rows, LABELS).get(0);

    assertThat(panel.legend()).hasSize(Labels.PALETTE.size());
    assertThat(panel.notes())
        .extracting(Panel.Note::text)
        .last()
        .isEqualTo("Not drawn (one colour per line, 8 at most): TW, United States");
  }

  @Test
  void concentrationShadesTheRangeOnlyWhenTheBoundsDiffer() {
    List<Panel> panels =
        ConcentrationSection.panels(
            ConcentrationSection.charted(
                List.of(
                    market("000000", "China", 2013, 1188.9, 2420.9, "US", 0.2),
                    market("000000", "China", 2014, 1060.5, 2532.5, "US", 0.2),
                    new ConcentrationRow(
                        "110000",
                        "Beijing",
                        "sector",
                        "executed_value",
                        "ALL",
                        "OFFSHORE",
                        "H1",
                        2013,
                        3,
                        0,
                        4342.7,
                        4342.7,
                        1,
                        "ITO",
                        0.6,
                        "highly",
                        "highly"),
                    new ConcentrationRow(
                        "210200",
                        "Dalian",
                        "firm",
                        "sales_revenue",
                        "ITO",
                        "ALL",
                        "FY",
                        2010,
                        5,
                        0,
                        3349.2,
                        3349.2,
                        0.9,
                        "SYN-D01",
                        0.4,
                        "highly",
                        "highly"))),
            LABELS);

    // The firm dimension is not charted; China's two years are one chart.
    assertThat(panels)
        .extracting(Panel::title)
        .containsExactly(
            "China · destinations of offshore executed value (full year)",
            "Beijing · sectors of offshore executed value (H1)");
    assertThat(panels.get(0).svg())
        .contains("<polygon")
        .contains("data-colors=\"#0072b2 #d55e00\"")
        .contains(">1,800 highly (2023)</text>")
        .contains(">2,500 highly (2010)</text>");
    assertThat(panels.get(0).notes().get(0).text())
        .isEqualTo(
            "2014: HHI 1,061–2,533; bands 2023 highly, 2010 highly; largest United States 20.0%; 1 named, 20.0% unnamed");
    assertThat(panels.get(1).svg())
        .doesNotContain("<polygon")
        .doesNotContain("<rect")
        .contains("data-colors=\"#0072b2\"");
  }

  @Test
  void concentrationChartsAtMostSixtyTotalsHeadlineTotalsFirst() {
    // Two totals of one sector's destinations come first in the input; sixty whole-market totals
    // follow, one per scope. The sixty headline totals are charted and tabled, the two sector
    // totals are counted as left out.
    List<ConcentrationRow> rows = new ArrayList<>();
    for (String sector : List.of("ITO", "BPO")) {
      rows.add(
          new ConcentrationRow(
              "210200",
              "Dalian",
              "market",
              "executed_value",
              sector,
              "OFFSHORE",
              "FY",
              2010,
              2,
              0,
              5000,
              5000,
              1,
              "JP",
              0.5,
              "highly",
              "highly"));
    }
    for (int scope = 0; scope < 60; scope++) {
      rows.add(
          market(
              String.format("%06d", 100 + scope), "Scope " + scope, 2010, 5000, 5000, "JP", 0.5));
      rows.add(
          market(
              String.format("%06d", 100 + scope), "Scope " + scope, 2011, 4000, 4000, "JP", 0.4));
    }

    ConcentrationSection.Charted charted = ConcentrationSection.charted(rows);

    assertThat(charted.totals()).hasSize(60);
    assertThat(charted.totals())
        .allSatisfy(
            total -> assertThat(total).extracting(ConcentrationRow::sector).containsOnly("ALL"));
    assertThat(charted.totals().get(0))
        .extracting(ConcentrationRow::scopeName)
        .containsExactly("Scope 0", "Scope 0");
    assertThat(charted.omitted()).isEqualTo(2);
    assertThat(ConcentrationSection.rows(charted, LABELS)).hasSize(120);
    String html = HtmlReport.render(input(List.of(), rows, List.of()));
    assertThat(charts(html)).hasSize(60);
    assertThat(html)
        .contains(
            "2 further totals (a sector&#39;s destinations, a market&#39;s sectors, more entities) "
                + "are not charted here");
  }

  @Test
  void concentrationSaysNothingIsLeftOutWhenEveryTotalIsCharted() {
    ConcentrationSection.Charted charted =
        ConcentrationSection.charted(
            List.of(market("000000", "China", 2013, 1188.9, 2420.9, "US", 0.2)));

    assertThat(charted.omitted()).isZero();
    assertThat(charted.omittedNote()).isEmpty();
  }

  @Test
  void aPlanIsDrawnAsTheRequiredPathFromItsBaseToTheTarget() {
    // 200,000 jobs in 2015 from 100,000 in 2010: (2)^(1/5) - 1 = 0.148698 a year.
    TargetRow plan = plan(2010, 100_000.0, 0.148698355);

    assertThat(TargetsSection.planned(plan, 2010)).isEqualTo(100_000);
    assertThat(TargetsSection.planned(plan, 2015)).isCloseTo(200_000, within(0.1));
    Panel panel = TargetsSection.panels(List.of(plan), DALIAN, LABELS).get(0);
    assertThat(panel.title()).isEqualTo("Dalian · Employees: 200,000 by 2015");
    assertThat(panel.svg())
        .contains("data-colors=\"#0072b2 #e69f00\"")
        .contains("stroke-dasharray=\"6 4\"");
    assertThat(panel.notes())
        .extracting(Panel.Note::text)
        .containsExactly(
            "From 100,000 in 2010 the plan needs +14.87% a year.",
            "No actual figure after 2010 yet.", "On track: not known yet");
  }

  @Test
  void aPlanWithoutABaseHasNoChart() {
    Panel panel = TargetsSection.panels(List.of(plan(null, null, null)), DALIAN, LABELS).get(0);

    assertThat(panel.svg()).isNull();
    assertThat(panel.notes())
        .extracting(Panel.Note::text)
        .containsExactly("No actual figure before 2015 to measure the plan against.");
  }

  @Test
  void thePageIsSelfContainedAndHasAChartPerPanel() {
    String html =
        HtmlReport.render(
            input(
                DALIAN,
                List.of(market("210200", "Dalian", 2010, 6400, 6800, "JP", 0.8)),
                List.of(plan(2010, 100_000.0, 0.148698355), plan(null, null, null))));

    assertThat(charts(html))
        .containsExactly(
            "Dalian · Employees",
            "Dalian · Executed value",
            "Dalian · Firms",
            "Dalian · destinations of offshore executed value (full year)",
            "Dalian · Employees: 200,000 by 2015");
    assertThat(html)
        .contains("<h3>Dalian, 2010</h3>")
        .contains("$1.8 bn")
        .contains("+28.6%")
        .contains("@media print")
        .contains("break-before: page");
    // Nothing is fetched: no scripts, stylesheets, images, fonts or imports; the only URL is the
    // SVG namespace.
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("<img")
        .doesNotContain("@import")
        .doesNotContain("url(")
        .doesNotContain("@font-face");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http:")
        .doesNotContain("https:");
  }

  @Test
  void namesWithMarkupCharactersAreEscapedEverywhere() {
    String name = "A&B <script>alert('x')</script>";
    List<GrowthRow> rows =
        List.of(
            new GrowthRow(
                "999999",
                name,
                "ALL",
                "ALL",
                "firms",
                "count",
                "FY",
                2010,
                1,
                "A",
                0.1,
                0.2,
                "MISMATCH",
                "\"quoted\""));

    String html = HtmlReport.render(input(rows, List.of(), List.of()));

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("alert('x')")
        .contains("A&amp;B &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).contains("class=\"mismatch\">MISMATCH");
  }

  @Test
  void anEmptyWarehouseGivesAPageThatSaysSo() {
    String html = HtmlReport.render(input(List.of(), List.of(), List.of()));

    assertThat(charts(html)).isEmpty();
    assertThat(html).contains("No full-year figures yet").contains("No plans published.");
  }
}
