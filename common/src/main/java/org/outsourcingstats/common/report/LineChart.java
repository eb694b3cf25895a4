package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

/**
 * A chart of values over years, rendered as inline SVG that scales to its container ({@code
 * viewBox}, no fixed size): lines of points, shaded bands between a lower and an upper bound, and
 * dashed horizontal reference lines. A null value is a gap, and so is a missing year: lines are
 * never drawn across either. The first line is drawn on top of the others. The value axis starts at
 * zero (or below, for negative values) and ends at a round number above every value, bound and
 * reference line.
 *
 * <p>The root element carries {@code class="chart"} and {@code data-colors}, the colours of the
 * lines it drew, so a renderer can check that the chart actually appeared.
 *
 * <p>Size: One class: axes, ticks, lines, bands and reference lines share one coordinate system and
 * one scale; it has no state beyond one chart.
 *
 * @param title accessible name of the chart (its SVG {@code <title>})
 * @param valueLabel how the value axis writes a tick, e.g. {@code $50 bn}
 */
public record LineChart(
    String title,
    List<Series> series,
    List<Band> bands,
    List<ReferenceLine> references,
    DoubleFunction<String> valueLabel) {
  /** The size of the drawing in SVG user units; it is scaled to the width of its container. */
  public static final int WIDTH = 360;

  public static final int HEIGHT = 220;

  /** The plotting area inside the drawing, leaving room for the axis labels. */
  public static final double PLOT_LEFT = 58;

  public static final double PLOT_RIGHT = 348;
  public static final double PLOT_TOP = 12;
  public static final double PLOT_BOTTOM = 194;

  private static final String GRID = "#e3e3e3";
  private static final String AXIS = "#9a9a9a";
  private static final String LABEL = "#555555";

  /**
   * One year's value; {@code hollow} draws the marker unfilled (a derived value), {@code note} is
   * its tooltip.
   */
  public record Point(int year, Double value, boolean hollow, String note) {
    public static Point of(int year, Double value) {
      return new Point(year, value, false, null);
    }
  }

  /** A line; {@code markers} draws a dot at every value, so a lone value stays visible. */
  public record Series(
      String label, String colour, boolean dashed, boolean markers, List<Point> points) {
    public Series {
      points = List.copyOf(points);
    }
  }

  /** The bounds of one year; a null bound leaves the year out of the band. */
  public record BandPoint(int year, Double lower, Double upper) {}

  /** A shaded area between lower and upper bounds; a lone year is drawn as a bar. */
  public record Band(String label, String colour, List<BandPoint> points) {
    public Band {
      points = List.copyOf(points);
    }
  }

  /**
   * A dashed horizontal line at {@code value}, labelled inside the plot at its left or right end.
   */
  public record ReferenceLine(double value, String label, String colour, boolean labelRight) {}

  public LineChart {
    series = List.copyOf(series);
    bands = List.copyOf(bands);
    references = List.copyOf(references);
  }

  /** A chart of lines alone. */
  public static LineChart lines(
      String title, List<Series> series, DoubleFunction<String> valueLabel) {
    return new LineChart(title, series, List.of(), List.of(), valueLabel);
  }

  /** The colours of the lines that have at least one value, in order. */
  public List<String> drawnColours() {
    Set<String> colours = new LinkedHashSet<>();
    for (Series line : series) {
      if (line.points().stream().anyMatch(p -> p.value() != null)) {
        colours.add(line.colour());
      }
    }
    return List.copyOf(colours);
  }

  public String toSvg() {
    SvgWriter svg =
        new SvgWriter()
            .open(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "class",
                "chart",
                "viewBox",
                "0 0 " + WIDTH + " " + HEIGHT,
                "role",
                "img",
                "aria-label",
                title,
                "data-colors",
                String.join(" ", drawnColours()),
                "font-size",
                10);
    svg.text("title", title);
    List<Integer> years = years();
    List<Double> values = values();
    if (years.isEmpty() || values.isEmpty()) {
      svg.text(
          "text",
          "no data",
          "x",
          WIDTH / 2.0,
          "y",
          HEIGHT / 2.0,
          "text-anchor",
          "middle",
          "fill",
          LABEL);
      return svg.close("svg").toString();
    }
    int first = years.get(0);
    int last = years.get(years.size() - 1);
    Scale x =
        first == last
            ? new Scale(first - 1, last + 1, PLOT_LEFT, PLOT_RIGHT)
            : new Scale(first, last, PLOT_LEFT + 8, PLOT_RIGHT - 8);
    List<Double> ticks = Scale.niceTicks(Math.min(0, min(values)), max(values), 5);
    Scale y = new Scale(ticks.get(0), ticks.get(ticks.size() - 1), PLOT_BOTTOM, PLOT_TOP);

    svg.open("g", "class", "axes");
    for (double tick : ticks) {
      svg.empty(
          "line",
          "x1",
          PLOT_LEFT,
          "x2",
          PLOT_RIGHT,
          "y1",
          y.map(tick),
          "y2",
          y.map(tick),
          "stroke",
          GRID);
      svg.text(
          "text",
          valueLabel.apply(tick),
          "x",
          PLOT_LEFT - 4,
          "y",
          y.map(tick) + 3.5,
          "text-anchor",
          "end",
          "fill",
          LABEL);
    }
    svg.empty(
        "line",
        "x1",
        PLOT_LEFT,
        "x2",
        PLOT_RIGHT,
        "y1",
        PLOT_BOTTOM,
        "y2",
        PLOT_BOTTOM,
        "stroke",
        AXIS);
    for (int year : Scale.yearTicks(first, last)) {
      svg.text(
          "text",
          Integer.toString(year),
          "x",
          x.map(year),
          "y",
          PLOT_BOTTOM + 14,
          "text-anchor",
          "middle",
          "fill",
          LABEL);
    }
    svg.close("g");

    for (ReferenceLine reference : references) {
      double at = y.map(reference.value());
      svg.empty(
          "line",
          "x1",
          PLOT_LEFT,
          "x2",
          PLOT_RIGHT,
          "y1",
          at,
          "y2",
          at,
          "stroke",
          reference.colour(),
          "stroke-dasharray",
          "5 3",
          "stroke-width",
          1);
      svg.text(
          "text",
          reference.label(),
          "x",
          reference.labelRight() ? PLOT_RIGHT - 3 : PLOT_LEFT + 3,
          "y",
          at - 3,
          "text-anchor",
          reference.labelRight() ? "end" : "start",
          "fill",
          reference.colour(),
          "font-size",
          8.5);
    }
    for (Band band : bands) {
      drawBand(svg, band, x, y);
    }
    // The first line is the most important (the whole market, the lower bound, the actuals): drawn
    // last, on top.
    for (int i = series.size() - 1; i >= 0; i--) {
      drawSeries(svg, series.get(i), x, y);
    }
    return svg.close("svg").toString();
  }

  private static void drawBand(SvgWriter svg, Band band, Scale x, Scale y) {
    svg.open("g", "class", "band");
    svg.text("title", band.label());
    for (List<BandPoint> run :
        runs(band.points(), p -> p.lower() != null && p.upper() != null, BandPoint::year)) {
      if (run.size() == 1) {
        BandPoint only = run.get(0);
        double top = y.map(Math.max(only.lower(), only.upper()));
        double bottom = y.map(Math.min(only.lower(), only.upper()));
        svg.empty(
            "rect",
            "x",
            x.map(only.year()) - 5,
            "y",
            top,
            "width",
            10.0,
            "height",
            bottom - top,
            "fill",
            band.colour(),
            "fill-opacity",
            0.22);
        continue;
      }
      StringBuilder points = new StringBuilder();
      run.forEach(p -> append(points, x.map(p.year()), y.map(p.lower())));
      for (int i = run.size() - 1; i >= 0; i--) {
        append(points, x.map(run.get(i).year()), y.map(run.get(i).upper()));
      }
      svg.empty(
          "polygon", "points", points.toString(), "fill", band.colour(), "fill-opacity", 0.22);
    }
    svg.close("g");
  }

  private static void drawSeries(SvgWriter svg, Series line, Scale x, Scale y) {
    svg.open("g", "class", "series", "data-label", line.label());
    for (List<Point> run : runs(line.points(), p -> p.value() != null, Point::year)) {
      if (run.size() > 1) {
        StringBuilder points = new StringBuilder();
        run.forEach(p -> append(points, x.map(p.year()), y.map(p.value())));
        svg.empty(
            "polyline",
            "points",
            points.toString(),
            "fill",
            "none",
            "stroke",
            line.colour(),
            "stroke-width",
            2,
            "stroke-linejoin",
            "round",
            "stroke-dasharray",
            line.dashed() ? "6 4" : null);
      }
    }
    if (line.markers()) {
      for (Point point : line.points()) {
        if (point.value() == null) {
          continue;
        }
        Object[] attributes = {
          "cx",
          x.map(point.year()),
          "cy",
          y.map(point.value()),
          "r",
          3.5,
          "fill",
          point.hollow() ? "#ffffff" : line.colour(),
          "stroke",
          line.colour(),
          "stroke-width",
          2
        };
        if (point.note() == null) {
          svg.empty("circle", attributes);
        } else {
          svg.open("circle", attributes).text("title", point.note()).close("circle");
        }
      }
    }
    svg.close("g");
  }

  /**
   * Maximal runs of points that are present and a year apart: a line is drawn within a run, never
   * across runs.
   */
  static <T> List<List<T>> runs(
      List<T> points,
      java.util.function.Predicate<T> present,
      java.util.function.ToIntFunction<T> year) {
    List<List<T>> runs = new ArrayList<>();
    List<T> current = new ArrayList<>();
    for (T point : points) {
      boolean continues =
          !current.isEmpty()
              && year.applyAsInt(point) == year.applyAsInt(current.get(current.size() - 1)) + 1;
      if (!present.test(point) || (!current.isEmpty() && !continues)) {
        if (!current.isEmpty()) {
          runs.add(current);
        }
        current = new ArrayList<>();
      }
      if (present.test(point)) {
        current.add(point);
      }
    }
    if (!current.isEmpty()) {
      runs.add(current);
    }
    return runs;
  }

  private List<Integer> years() {
    return Stream.concat(
            series.stream().flatMap(s -> s.points().stream().map(Point::year)),
            bands.stream().flatMap(b -> b.points().stream().map(BandPoint::year)))
        .distinct()
        .sorted()
        .toList();
  }

  private List<Double> values() {
    List<Double> values = new ArrayList<>();
    series.forEach(s -> s.points().forEach(p -> addIfPresent(values, p.value())));
    bands.forEach(
        b ->
            b.points()
                .forEach(
                    p -> {
                      addIfPresent(values, p.lower());
                      addIfPresent(values, p.upper());
                    }));
    if (!values.isEmpty()) {
      references.forEach(r -> values.add(r.value()));
    }
    return values;
  }

  private static void addIfPresent(List<Double> values, Double value) {
    if (value != null) {
      values.add(value);
    }
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  private static void append(StringBuilder points, double px, double py) {
    if (points.length() > 0) {
      points.append(' ');
    }
    points.append(SvgWriter.number(px)).append(',').append(SvgWriter.number(py));
  }
}
