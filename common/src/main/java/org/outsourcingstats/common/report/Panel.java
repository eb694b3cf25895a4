package org.outsourcingstats.common.report;

import java.util.List;

/**
 * One small multiple of the report: a title, a chart (or none, when there is nothing to draw), its legend and
 * notes.
 *
 * @param svg the chart's inline SVG, or null
 */
public record Panel(String title, String subtitle, String svg, List<LegendItem> legend, List<Note> notes) {
  public Panel {
    legend = List.copyOf(legend);
    notes = List.copyOf(notes);
  }

  /** A line's name, colour and style in the legend under a chart. */
  public record LegendItem(String label, String colour, boolean dashed) {}

  /** A line of text under a chart; {@code tone} is a CSS class ({@code ok}, {@code mismatch}, or empty). */
  public record Note(String text, String tone) {
    public static Note plain(String text) {
      return new Note(text, "");
    }
  }

  /** Legend entries of a chart's lines, in drawing order, without repeating a label. */
  static List<LegendItem> legendOf(List<LineChart.Series> series) {
    return series.stream().map(s -> new LegendItem(s.label(), s.colour(), s.dashed())).distinct().toList();
  }
}
