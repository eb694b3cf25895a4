package org.outsourcingstats.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.outsourcingstats.common.report.LineChart.Band;
import org.outsourcingstats.common.report.LineChart.BandPoint;
import org.outsourcingstats.common.report.LineChart.Point;
import org.outsourcingstats.common.report.LineChart.ReferenceLine;
import org.outsourcingstats.common.report.LineChart.Series;
import org.w3c.dom.Document;

class LineChartTest {
  private static final String BLUE = "#0072b2";

  private static Series line(Point... points) {
    return new Series("line", BLUE, false, true, List.of(points));
  }

  private static String svg(Series... series) {
    return LineChart.lines("chart", List.of(series), Formats::hhi).toSvg();
  }

  private static List<String> all(String svg, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(svg);
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
    }
    return found;
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pointsLandWhereComputedByHand() {
    // Values up to 1.8e9 give ticks of 0.5e9 up to 2e9, so y = 194 - v / 2e9 * 182 (plot from y 194
    // up to y 12); three years spread over x 66..340: 2010 at 66, 2011 at 203, 2012 at 340.
    String svg = svg(line(Point.of(2010, 0.0), Point.of(2011, 1.8e9), Point.of(2012, 0.9e9)));

    assertThat(all(svg, "<polyline points=\"([^\"]*)\""))
        .containsExactly("66,194 203,30.2 340,112.1");
    assertThat(all(svg, "<circle cx=\"([^\"]*\" cy=\"[^\"]*)\""))
        .containsExactly("66\" cy=\"194", "203\" cy=\"30.2", "340\" cy=\"112.1");
    assertThat(svg).contains("data-colors=\"" + BLUE + "\"");
  }

  @Test
  void aNullValueIsAGapThatNoLineCrosses() {
    String svg =
        svg(
            line(
                Point.of(2010, 1.0),
                Point.of(2011, null),
                Point.of(2012, 3.0),
                Point.of(2013, 4.0)));

    assertThat(all(svg, "<polyline")).hasSize(1);
    assertThat(all(svg, "<polyline points=\"([^\"]*)\"").get(0).split(" ")).hasSize(2);
    assertThat(all(svg, "<circle")).hasSize(3);
  }

  @Test
  void aMissingYearIsAGapToo() {
    String svg = svg(line(Point.of(2010, 1.0), Point.of(2012, 3.0)));

    assertThat(svg).doesNotContain("<polyline");
    assertThat(all(svg, "<circle")).hasSize(2);
  }

  @Test
  void aSinglePointIsAMarkerInTheMiddle() {
    String svg = svg(line(Point.of(2010, 5.0)));

    assertThat(svg).doesNotContain("<polyline");
    assertThat(all(svg, "<circle cx=\"([^\"]*)\"")).containsExactly("203");
    assertThat(svg).contains(">2010</text>");
  }

  @Test
  void anEmptyChartSaysSoAndDeclaresNoColour() {
    String svg = svg(line(), line(Point.of(2010, null)));

    assertThat(svg)
        .contains(">no data</text>")
        .contains("data-colors=\"\"")
        .doesNotContain("<circle");
  }

  @Test
  void namesWithMarkupCharactersAreEscapedAndTheSvgStaysWellFormed() throws Exception {
    String name = "AT&T <\"Q1\"> 'ITO'";
    LineChart chart =
        LineChart.lines(
            name,
            List.of(
                new Series(
                    name,
                    BLUE,
                    false,
                    true,
                    List.of(new Point(2010, 1.0, false, name), Point.of(2011, 2.0)))),
            v -> name);

    String svg = chart.toSvg();

    assertThat(svg)
        .doesNotContain("<\"Q1\">")
        .contains("AT&amp;T &lt;&quot;Q1&quot;&gt; &#39;ITO&#39;");
    Document document = parse(svg);
    assertThat(document.getDocumentElement().getAttribute("aria-label")).isEqualTo(name);
    assertThat(document.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(name);
    assertThat(
            document
                .getElementsByTagName("g")
                .item(1)
                .getAttributes()
                .getNamedItem("data-label")
                .getNodeValue())
        .isEqualTo(name);
  }

  @Test
  void derivedPointsAreHollowMarkers() {
    String svg = svg(line(new Point(2010, 1.0, true, null), Point.of(2011, 2.0)));

    assertThat(all(svg, "<circle [^>]*fill=\"([^\"]*)\"")).containsExactly("#ffffff", BLUE);
  }

  @Test
  void boundsAreDrawnAsABandBetweenLowerAndUpper() {
    // Values up to 2,500 give ticks of 500 up to 2,500: y = 194 - v / 2500 * 182.
    // y(1000) = 121.2, y(1500) = 84.8, y(2000) = 48.4, y(2500) = 12.
    Band band =
        new Band(
            "range",
            BLUE,
            List.of(new BandPoint(2010, 1000.0, 2000.0), new BandPoint(2011, 1500.0, 2500.0)));
    String svg = new LineChart("hhi", List.of(), List.of(band), List.of(), Formats::hhi).toSvg();

    assertThat(all(svg, "<polygon points=\"([^\"]*)\""))
        .containsExactly("66,121.2 340,84.8 340,12 66,48.4");
    assertThat(svg).contains("fill-opacity=\"0.22\"");
  }

  @Test
  void aLoneYearOfBoundsIsABarAndAYearWithoutBoundsIsLeftOut() {
    // Values up to 2,000 give ticks of 500 up to 2,000: y = 194 - v / 2000 * 182. One year: x at
    // 203, a bar 10 wide from y(2000) = 12 down to y(1000) = 103.
    Band band = new Band("range", BLUE, List.of(new BandPoint(2010, 1000.0, 2000.0)));
    String svg = new LineChart("hhi", List.of(), List.of(band), List.of(), Formats::hhi).toSvg();

    assertThat(svg).contains("<rect x=\"198\" y=\"12\" width=\"10\" height=\"91\"");

    Band gap =
        new Band(
            "range",
            BLUE,
            List.of(
                new BandPoint(2010, 1000.0, 2000.0),
                new BandPoint(2011, null, null),
                new BandPoint(2012, 1000.0, 2000.0)));
    String gapped = new LineChart("hhi", List.of(), List.of(gap), List.of(), Formats::hhi).toSvg();
    assertThat(gapped).doesNotContain("<polygon");
    assertThat(all(gapped, "<rect")).hasSize(2);
  }

  @Test
  void referenceLinesWidenTheValueAxisAndCarryTheirLabels() {
    String svg =
        new LineChart(
                "hhi",
                List.of(line(Point.of(2010, 500.0), Point.of(2011, 600.0))),
                List.of(),
                List.of(new ReferenceLine(2500, "2,500 highly (2010)", "#8a6d3b", true)),
                Formats::hhi)
            .toSvg();

    // The axis now ends at 2,500: the reference line sits at the top of the plot, y = 12.
    assertThat(svg).contains("y1=\"12\" y2=\"12\" stroke=\"#8a6d3b\" stroke-dasharray=\"5 3\"");
    assertThat(svg).contains(">2,500 highly (2010)</text>").contains(">2,500</text>");
  }

  @Test
  void dashedSeriesWithoutMarkersDrawOnlyTheLine() {
    String svg =
        svg(
            new Series(
                "plan", "#e69f00", true, false, List.of(Point.of(2010, 1.0), Point.of(2011, 2.0))));

    assertThat(svg).contains("stroke-dasharray=\"6 4\"").doesNotContain("<circle");
  }
}
