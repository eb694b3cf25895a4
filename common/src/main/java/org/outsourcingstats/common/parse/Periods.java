package org.outsourcingstats.common.parse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;

/**
 * Periods of a year as bureaus write them, normalised to {@code FY}, {@code H1}, {@code H2}, {@code
 * Q1}..{@code Q4}, {@code M01}..{@code M12} or {@code YTD-MM} (year to date, through month MM). A
 * year-to-date range that equals a named period is written as that period: 1-3月 is {@code Q1}, 1-6月
 * {@code H1}, 1-12月 {@code FY}.
 */
public final class Periods {
  public static final String FULL_YEAR = "FY";

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("", FULL_YEAR),
          Map.entry("fy", FULL_YEAR),
          Map.entry("全年", FULL_YEAR),
          Map.entry("年度", FULL_YEAR),
          Map.entry("fullyear", FULL_YEAR),
          Map.entry("annual", FULL_YEAR),
          Map.entry("year", FULL_YEAR),
          Map.entry("h1", "H1"),
          Map.entry("上半年", "H1"),
          Map.entry("firsthalf", "H1"),
          Map.entry("h2", "H2"),
          Map.entry("下半年", "H2"),
          Map.entry("secondhalf", "H2"),
          Map.entry("一季度", "Q1"),
          Map.entry("第一季度", "Q1"),
          Map.entry("1季度", "Q1"),
          Map.entry("二季度", "Q2"),
          Map.entry("第二季度", "Q2"),
          Map.entry("2季度", "Q2"),
          Map.entry("三季度", "Q3"),
          Map.entry("第三季度", "Q3"),
          Map.entry("3季度", "Q3"),
          Map.entry("四季度", "Q4"),
          Map.entry("第四季度", "Q4"),
          Map.entry("4季度", "Q4"),
          Map.entry("前三季度", "YTD-09"));
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Pattern QUARTER = Pattern.compile("q([1-4])");
  private static final Pattern MONTH = Pattern.compile("m(\\d{1,2})|(\\d{1,2})月");
  private static final Pattern YTD = Pattern.compile("ytd(\\d{1,2})");
  private static final Pattern NUMERIC_RANGE = Pattern.compile("1[-~〜—–至到]([0-9]{1,2})月?");
  private static final Pattern NAMED_RANGE = Pattern.compile("jan(?:uary)?[-~〜—–]([a-z]+)");

  private Periods() {}

  /** Normalises a period; empty means the full year. */
  public static String parse(String text) {
    String key = TextKeys.key(text);
    String word = WORDS.get(key);
    if (word != null) {
      return word;
    }
    Matcher quarter = QUARTER.matcher(key);
    if (quarter.matches()) {
      return "Q" + quarter.group(1);
    }
    Matcher ytd = YTD.matcher(key);
    if (ytd.matches()) {
      return yearToDate(month(ytd.group(1), text));
    }
    // Ranges keep their separator, which TextKeys would drop: 1-10月, 1~10月, 1至10月, Jan-Oct,
    // January-October.
    String range = TextKeys.clean(text).toLowerCase(Locale.ROOT).replace(" ", "");
    Matcher numeric = NUMERIC_RANGE.matcher(range);
    if (numeric.matches()) {
      return yearToDate(month(numeric.group(1), text));
    }
    Matcher month = MONTH.matcher(key);
    if (month.matches()) {
      return monthPeriod(month(month.group(1) != null ? month.group(1) : month.group(2), text));
    }
    Integer namedMonth = monthName(key);
    if (namedMonth != null) {
      return monthPeriod(namedMonth);
    }
    Matcher named = NAMED_RANGE.matcher(range);
    if (named.matches() && monthName(named.group(1)) != null) {
      return yearToDate(monthName(named.group(1)));
    }
    throw new RowRejection(
        ReasonCode.INVALID_PERIOD,
        "period '"
            + text
            + "' is not FY, H1, H2, Q1-Q4, a month "
            + "(M01-M12, 10月) or a year-to-date range (1-10月, Jan-Oct, YTD-10)");
  }

  private static String monthPeriod(int month) {
    return String.format(Locale.ROOT, "M%02d", month);
  }

  private static String yearToDate(int month) {
    return switch (month) {
      case 3 -> "Q1";
      case 6 -> "H1";
      case 12 -> FULL_YEAR;
      case 1 -> monthPeriod(1);
      default -> String.format(Locale.ROOT, "YTD-%02d", month);
    };
  }

  private static int month(String digits, String text) {
    int month = Integer.parseInt(digits);
    if (month < 1 || month > 12) {
      throw new RowRejection(
          ReasonCode.INVALID_PERIOD, "period '" + text + "' names month " + month);
    }
    return month;
  }

  private static Integer monthName(String key) {
    for (int i = 0; i < MONTHS.size(); i++) {
      String name = MONTHS.get(i);
      if (key.equals(name)
          || key.length() > 3 && key.startsWith(name) && fullMonthName(i).startsWith(key)) {
        return i + 1;
      }
    }
    return null;
  }

  private static String fullMonthName(int index) {
    return java.time.Month.of(index + 1).name().toLowerCase(Locale.ROOT);
  }
}
