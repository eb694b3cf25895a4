package org.outsourcingstats.jobs.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page's charts ({@code <svg class="chart">}) were laid out and what colours their lines
 * are, and whether a screenshot shows those colours there: the test that every chart actually drew.
 */
final class ChartRegions {
  /**
   * Appended to a copy of the page: writes each chart's box and the page height into the DOM for
   * --dump-dom.
   */
  static final String PROBE =
      "<script>document.querySelectorAll('svg.chart').forEach(function (svg) {"
          + "var box = svg.getBoundingClientRect();"
          + "svg.setAttribute('data-box', [box.left + scrollX, box.top + scrollY, box.width, box.height]"
          + ".map(Math.round).join(','));});"
          + "document.body.setAttribute('data-page-height', document.documentElement.scrollHeight);</script>";

  /**
   * A pixel within this distance per channel of a line colour counts as that colour
   * (anti-aliasing).
   */
  static final int TOLERANCE = 12;

  /** A colour drawn by a line or a dot covers at least this many pixels. */
  static final int MIN_PIXELS = 4;

  private static final Pattern SVG = Pattern.compile("<svg\\b[^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
  private static final Pattern PAGE_HEIGHT = Pattern.compile("data-page-height=\"(\\d+)\"");

  private ChartRegions() {}

  /** One chart as laid out: its name, box in CSS pixels, and the colours of its lines. */
  record Chart(String label, int x, int y, int width, int height, List<String> colours) {}

  /** The page with {@link #PROBE} before its closing body tag. */
  static String withProbe(String html) {
    int end = html.lastIndexOf("</body>");
    return html.substring(0, end) + PROBE + html.substring(end);
  }

  /** The charts of a DOM dumped from the page with the probe. */
  static List<Chart> charts(String dom) {
    List<Chart> charts = new ArrayList<>();
    Matcher svg = SVG.matcher(dom);
    while (svg.find()) {
      Map<String, String> attributes = new HashMap<>();
      Matcher attribute = ATTRIBUTE.matcher(svg.group());
      while (attribute.find()) {
        attributes.put(attribute.group(1), attribute.group(2));
      }
      if (!List.of(attributes.getOrDefault("class", "").split(" ")).contains("chart")) {
        continue;
      }
      String[] box = attributes.getOrDefault("data-box", "0,0,0,0").split(",");
      String colours = attributes.getOrDefault("data-colors", "").trim();
      charts.add(
          new Chart(
              attributes.getOrDefault("aria-label", "?"),
              Integer.parseInt(box[0]),
              Integer.parseInt(box[1]),
              Integer.parseInt(box[2]),
              Integer.parseInt(box[3]),
              colours.isEmpty() ? List.of() : List.of(colours.split(" "))));
    }
    return charts;
  }

  static int pageHeight(String dom) {
    Matcher matcher = PAGE_HEIGHT.matcher(dom);
    if (!matcher.find()) {
      throw new IllegalStateException(
          "the probe did not run: no data-page-height in the dumped DOM");
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** The chart's colours that the screenshot shows inside the chart's box. */
  static List<String> seenColours(BufferedImage image, Chart chart) {
    List<String> seen = new ArrayList<>();
    for (String colour : chart.colours()) {
      if (pixels(image, chart, Integer.parseInt(colour.substring(1), 16)) >= MIN_PIXELS) {
        seen.add(colour);
      }
    }
    return seen;
  }

  private static int pixels(BufferedImage image, Chart chart, int rgb) {
    int count = 0;
    for (int y = Math.max(0, chart.y());
        y < Math.min(image.getHeight(), chart.y() + chart.height());
        y++) {
      for (int x = Math.max(0, chart.x());
          x < Math.min(image.getWidth(), chart.x() + chart.width());
          x++) {
        if (close(image.getRGB(x, y), rgb)) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean close(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > TOLERANCE) {
        return false;
      }
    }
    return true;
  }
}
