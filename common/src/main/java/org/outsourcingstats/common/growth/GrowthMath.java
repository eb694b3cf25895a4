package org.outsourcingstats.common.growth;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Growth arithmetic on levels. Every rate is a fraction (0.286 for 28.6%). A rate that is
 * undefined, because its base is missing or not positive, is reported as {@link Rate#undefined}
 * with the reason, never as a number.
 */
public final class GrowthMath {
  /**
   * Absolute slack when comparing a computed rate with a published one, against floating-point
   * noise only.
   */
  private static final double EPSILON = 1e-9;

  private GrowthMath() {}

  /**
   * A rate, or the reason it is undefined. Exactly one of {@code value} and {@code reason} is
   * non-null.
   */
  public record Rate(Double value, String reason) {
    static Rate of(double value) {
      return new Rate(value, null);
    }

    static Rate undefined(String reason) {
      return new Rate(null, reason);
    }

    public boolean defined() {
      return value != null;
    }
  }

  /** Outcome of comparing a computed year-on-year rate with the published one. */
  public enum Check {
    OK,
    MISMATCH,
    NA
  }

  /** Year-on-year growth {@code value / previous - 1}. */
  public static Rate yoy(BigDecimal value, BigDecimal previous) {
    if (previous == null) {
      return Rate.undefined("no value for the previous year");
    }
    if (previous.signum() <= 0) {
      return Rate.undefined("the previous year's value is not positive");
    }
    return Rate.of(ratio(value, previous) - 1.0);
  }

  /** Log growth {@code ln(value / previous)}; undefined unless both levels are positive. */
  public static Rate logGrowth(BigDecimal value, BigDecimal previous) {
    if (previous == null) {
      return Rate.undefined("no value for the previous year");
    }
    if (previous.signum() <= 0 || value.signum() <= 0) {
      return Rate.undefined("log growth needs two positive values");
    }
    return Rate.of(Math.log(ratio(value, previous)));
  }

  /** Compound annual growth over {@code years} years: {@code (value / base)^(1/years) - 1}. */
  public static Rate cagr(BigDecimal value, BigDecimal base, int years) {
    if (years <= 0) {
      throw new IllegalArgumentException("CAGR needs a positive number of years, got " + years);
    }
    if (base == null) {
      return Rate.undefined("no value " + years + " years earlier");
    }
    if (base.signum() <= 0) {
      return Rate.undefined("the value " + years + " years earlier is not positive");
    }
    if (value.signum() < 0) {
      return Rate.undefined("the value is negative");
    }
    return Rate.of(Math.pow(ratio(value, base), 1.0 / years) - 1.0);
  }

  /**
   * Compares a computed rate with a published one: {@code OK} within {@code tolerance} (a fraction:
   * 0.001 is 0.1 percentage point), {@code MISMATCH} beyond it, {@code NA} when either is missing.
   */
  public static Check check(Double computed, Double reported, double tolerance) {
    if (computed == null || reported == null) {
      return Check.NA;
    }
    return Math.abs(computed - reported) <= tolerance + EPSILON ? Check.OK : Check.MISMATCH;
  }

  private static double ratio(BigDecimal value, BigDecimal base) {
    return value.divide(base, MathContext.DECIMAL64).doubleValue();
  }
}
