package org.outsourcingstats.common.parse;

import java.util.List;
import java.util.Map;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;

/**
 * Statuses of a figure: {@code A} actual (the default), {@code P} provisional, {@code E} estimate,
 * {@code T} target or plan, and {@code D}, which only the pipeline assigns to values it derives.
 */
public final class Statuses {
  public static final String ACTUAL = "A";
  public static final String PROVISIONAL = "P";
  public static final String ESTIMATE = "E";
  public static final String TARGET = "T";
  public static final String DERIVED = "D";

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("", ACTUAL),
          Map.entry("a", ACTUAL),
          Map.entry("actual", ACTUAL),
          Map.entry("reported", ACTUAL),
          Map.entry("实际", ACTUAL),
          Map.entry("實際", ACTUAL),
          Map.entry("p", PROVISIONAL),
          Map.entry("provisional", PROVISIONAL),
          Map.entry("preliminary", PROVISIONAL),
          Map.entry("初步", PROVISIONAL),
          Map.entry("快报", PROVISIONAL),
          Map.entry("快報", PROVISIONAL),
          Map.entry("e", ESTIMATE),
          Map.entry("estimate", ESTIMATE),
          Map.entry("estimated", ESTIMATE),
          Map.entry("预计", ESTIMATE),
          Map.entry("預計", ESTIMATE),
          Map.entry("估计", ESTIMATE),
          Map.entry("估計", ESTIMATE),
          Map.entry("t", TARGET),
          Map.entry("target", TARGET),
          Map.entry("plan", TARGET),
          Map.entry("planned", TARGET),
          Map.entry("目标", TARGET),
          Map.entry("目標", TARGET),
          Map.entry("规划", TARGET),
          Map.entry("規劃", TARGET),
          Map.entry("计划", TARGET),
          Map.entry("計劃", TARGET));

  private Statuses() {}

  public static String parse(String text) {
    String status = WORDS.get(TextKeys.key(text));
    if (status == null) {
      throw new RowRejection(
          ReasonCode.INVALID_STATUS,
          "status '"
              + text
              + "' is not A (actual), P (provisional), "
              + "E (estimate) or T (target); D is reserved for values the pipeline derives");
    }
    return status;
  }

  /**
   * Statuses of one figure in order of preference when growth and concentration need a single
   * value: actual over provisional over estimate over derived; targets are never preferred.
   */
  public static final List<String> PREFERENCE = List.of(ACTUAL, PROVISIONAL, ESTIMATE, DERIVED);

  /** The statuses of published figures, in order of preference: all but derived and targets. */
  public static final List<String> PUBLISHED = PREFERENCE.subList(0, PREFERENCE.indexOf(DERIVED));
}
