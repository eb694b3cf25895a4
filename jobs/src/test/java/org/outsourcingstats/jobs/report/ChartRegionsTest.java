package org.outsourcingstats.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outsourcingstats.jobs.report.ChartRegions.Chart;

class ChartRegionsTest {
  private static final String DOM =
      "<html><body class=\"x\" data-page-height=\"900\"><main>"
          + "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 360 220\" aria-label=\"A &amp; B\" "
          + "data-colors=\"#0072b2 #e69f00\" data-box=\"10,20,100,50\"><title>A</title></svg>"
          + "<svg width=\"12\" height=\"12\"></svg>"
          + "<svg class=\"chart\" aria-label=\"empty\" data-colors=\"\" data-box=\"10,100,100,50\"></svg>"
          + "</main></body></html>";

  @Test
  void chartsAreReadFromTheProbedDomWithTheirBoxesAndColours() {
    assertThat(ChartRegions.charts(DOM))
        .containsExactly(
            new Chart("A &amp; B", 10, 20, 100, 50, List.of("#0072b2", "#e69f00")),
            new Chart("empty", 10, 100, 100, 50, List.of()));
    assertThat(ChartRegions.pageHeight(DOM)).isEqualTo(900);
    assertThat(ChartRegions.withProbe("<html><body>x</body></html>"))
        .startsWith("<html><body>x<script>")
        .endsWith("</script></body></html>");
  }

  @Test
  void aColourCountsOnlyInsideTheChartsBoxAndOnlyWithEnoughPixels() {
    BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    fill(image, 0xffffff, 0, 0, 200, 200);
    fill(image, 0x0072b2, 20, 30, 10, 2); // a blue line inside the box
    fill(image, 0xe69f00, 150, 150, 10, 10); // orange, but outside the box
    fill(image, 0xe69f00 + 0x000f00, 40, 40, 3, 1); // three near-orange pixels: too few
    Chart chart = new Chart("c", 10, 20, 100, 50, List.of("#0072b2", "#e69f00"));

    assertThat(ChartRegions.seenColours(image, chart)).containsExactly("#0072b2");

    fill(
        image,
        0xe69f00 + 0x000a00,
        40,
        45,
        2,
        2); // anti-aliased but within the tolerance: now enough
    assertThat(ChartRegions.seenColours(image, chart)).containsExactly("#0072b2", "#e69f00");
  }

  private static void fill(BufferedImage image, int rgb, int x, int y, int width, int height) {
    for (int row = y; row < y + height; row++) {
      for (int column = x; column < x + width; column++) {
        image.setRGB(column, row, rgb);
      }
    }
  }
}
