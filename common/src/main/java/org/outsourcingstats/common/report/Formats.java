package org.outsourcingstats.common.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the report writes numbers: money in compact US dollars, persons and counts with separators,
 * rates in %.
 */
public final class Formats {
  private Formats() {}

  /** A level in its unit as stored in the tables ({@code USD}, {@code persons}, {@code count}). */
  public static String value(String unit, double value) {
    return "USD".equals(unit) ? money(value) : grouped(value, 0);
  }

  /**
   * An axis tick in a level's unit, short enough for the axis: {@code $50 bn}, {@code 8 m} persons,
   * {@code 40,000}.
   */
  public static String tick(String unit, double value) {
    return "USD".equals(unit) || Math.abs(value) < 1e6
        ? value(unit, value)
        : compact(value / 1e6) + " m";
  }

  /** {@code $1.8 bn}, {@code $95.49 bn} → {@code $95.5 bn}, {@code $4.7 m}, {@code $12,300}. */
  public static String money(double usd) {
    double magnitude = Math.abs(usd);
    String sign = usd < 0 ? "-" : "";
    if (magnitude >= 1e9) {
      return sign + "$" + compact(magnitude / 1e9) + " bn";
    }
    if (magnitude >= 1e6) {
      return sign + "$" + compact(magnitude / 1e6) + " m";
    }
    return sign + "$" + grouped(magnitude, 0);
  }

  /**
   * A growth rate given as a fraction, to at most two decimals of a percent so that published rates
   * such as 33.75% show as published: {@code 0.286} → {@code +28.6%}, {@code 0.3375} → {@code
   * +33.75%}; null → an en dash.
   */
  public static String signedPercent(Double fraction) {
    if (fraction == null) {
      return "–";
    }
    String percent = grouped(fraction * 100, 2);
    percent = percent.endsWith("0") ? percent.substring(0, percent.length() - 1) : percent;
    return (fraction > 0 && !percent.equals("0.0") ? "+" : "") + percent + "%";
  }

  /** A share given as a fraction: {@code 0.8} → {@code 80.0%}; null → an en dash. */
  public static String percent(Double fraction) {
    return fraction == null ? "–" : grouped(fraction * 100, 1) + "%";
  }

  /** An HHI on the 0-10,000 scale: {@code 6,400}. */
  public static String hhi(double hhi) {
    return grouped(hhi, 0);
  }

  /**
   * At most two decimals below 10 and one above, trailing zeros dropped: 1.8, 1.44, 95.5, 175.6,
   * 50.
   */
  private static String compact(double value) {
    int decimals = value < 10 ? 2 : 1;
    return BigDecimal.valueOf(value)
        .setScale(decimals, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String grouped(double value, int decimals) {
    DecimalFormat format =
        new DecimalFormat(
            decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
            DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    String text = format.format(value);
    return text.matches("-0(\\.0+)?") ? text.substring(1) : text;
  }
}
