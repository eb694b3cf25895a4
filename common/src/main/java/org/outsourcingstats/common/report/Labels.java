package org.outsourcingstats.common.report;

import java.util.List;
import java.util.Map;

/** Display names and the order of codes in the report. */
final class Labels {
  /**
   * Colour-blind-safe line colours (Okabe-Ito, then two of Paul Tol's); none is grey or black like
   * text.
   */
  static final List<String> PALETTE =
      List.of(
          "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#882255", "#999933");

  private static final List<String> MARKET_ORDER = List.of("ALL", "OFFSHORE", "ONSHORE");
  private static final List<String> SECTOR_ORDER = List.of("ALL", "ITO", "BPO", "KPO");

  private final Map<String, String> marketNames;

  Labels(Map<String, String> marketNames) {
    this.marketNames = marketNames;
  }

  /**
   * {@code executed_value} → {@code Executed value}, {@code fortune500_firms} → {@code Fortune 500
   * firms}.
   */
  static String indicator(String code) {
    String words = code.replace('_', ' ').replaceAll("(?<=[a-z])(?=[0-9])", " ");
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  String market(String code) {
    return marketNames.getOrDefault(code, code);
  }

  /**
   * A series within one entity and indicator: its market, prefixed by the sector unless that is
   * ALL.
   */
  String series(String sector, String market) {
    return "ALL".equals(sector) ? market(market) : sector + " · " + market(market);
  }

  static String status(String status) {
    return switch (status == null ? "" : status) {
      case "A" -> "actual";
      case "P" -> "provisional";
      case "E" -> "estimate";
      case "D" -> "derived";
      case "T" -> "target";
      default -> status == null ? "" : status;
    };
  }

  static String period(String period) {
    return "FY".equals(period) ? "full year" : period;
  }

  /** Sort key of a market: the total and its halves first, then destinations by code. */
  static String marketKey(String code) {
    int index = MARKET_ORDER.indexOf(code);
    return index >= 0 ? "0" + index : "1" + code;
  }

  /** Sort key of a sector: ALL, ITO, BPO, KPO, then others by code. */
  static String sectorKey(String code) {
    int index = SECTOR_ORDER.indexOf(code);
    return index >= 0 ? "0" + index : "1" + code;
  }

  /** The CSS class of a published-growth check, so that mismatches stand out. */
  static String checkClass(String check) {
    return check == null ? "na" : check.toLowerCase(java.util.Locale.ROOT);
  }
}
