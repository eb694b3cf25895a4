package org.outsourcingstats.common.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One small multiple of the report: a title, a chart (or none, when there is nothing to draw), its
 * legend and notes.
 *
 * @param svg the chart's inline SVG, or null
 */
public record Panel(
    String title, String subtitle, String svg, List<LegendItem> legend, List<Note> notes) {
  public Panel {
    legend = List.copyOf(legend);
    notes = List.copyOf(notes);
  }

  /** A line's name, colour and style in the legend under a chart. */
  public record LegendItem(String label, String colour, boolean dashed) {}

  /**
   * A line of text under a chart; {@code tone} is a CSS class ({@code ok}, {@code mismatch}, or
   * empty).
   */
  public record Note(String text, String tone) {
    public static Note plain(String text) {
      return new Note(text, "");
    }
  }

  /** A panel per group of rows with the same key, groups in the order of their first row. */
  static <T> List<Panel> perGroup(
      Stream<T> rows, Function<T, String> key, Function<List<T>, Panel> panel) {
    return groups(rows, key).stream().map(panel).toList();
  }

  /** The rows grouped by key, groups in the order of their first row. */
  static <T> List<List<T>> groups(Stream<T> rows, Function<T, String> key) {
    return List.copyOf(
        rows.collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList())).values());
  }

  /** Legend entries of a chart's lines, in drawing order, without repeating a label. */
  static List<LegendItem> legendOf(List<LineChart.Series> series) {
    return series.stream()
        .map(s -> new LegendItem(s.label(), s.colour(), s.dashed()))
        .distinct()
        .toList();
  }
}
