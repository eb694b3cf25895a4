package org.outsourcingstats.common.units;

import java.math.BigDecimal;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;

/**
 * The range of a figure. A normalised value (USD, persons, a count) lies below {@link #LIMIT},
 * 10^18 in magnitude: a quintillion dollars is beyond any real figure of the industry, the value
 * fits a {@code BIGINT} head count, and any sum of up to 10^14 values stays exact in the tables'
 * {@code DECIMAL(38,6)} (32 integer digits). A number as written is refused before any arithmetic
 * touches it when its exponent is out of all proportion ({@code 1e400}, {@code 1e-999999999}), so
 * that no scaling or rounding can run away with the memory or the time.
 */
public final class ValueRange {
  /** Every normalised value lies strictly between {@code -LIMIT} and {@code LIMIT}. */
  public static final BigDecimal LIMIT = BigDecimal.TEN.pow(18);

  /** The same bound as a SQL literal, for checks written in SQL. */
  public static final String LIMIT_SQL = LIMIT.toPlainString();

  /**
   * Largest decimal exponent of a number as written (before its scale word and currency are
   * applied).
   */
  private static final int MAX_WRITTEN_EXPONENT = 40;

  private ValueRange() {}

  /**
   * A number as written, if its decimal exponent is within reach; zero of any scale is plain zero.
   *
   * @throws RowRejection with {@link ReasonCode#VALUE_OUT_OF_RANGE} otherwise
   */
  public static BigDecimal written(BigDecimal number, String text) {
    if (number.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (!withinWrittenRange(number)) {
      throw outOfRange(text);
    }
    return number;
  }

  /** Whether the decimal exponent of {@code number} lies within what {@link #written} accepts. */
  public static boolean withinWrittenRange(BigDecimal number) {
    long exponent = (long) number.precision() - number.scale() - 1;
    return Math.abs(exponent) <= MAX_WRITTEN_EXPONENT;
  }

  /**
   * A normalised value, checked against {@link #LIMIT}.
   *
   * @throws RowRejection with {@link ReasonCode#VALUE_OUT_OF_RANGE} when it lies outside
   */
  public static BigDecimal normalised(BigDecimal value, String text) {
    if (value.abs().compareTo(LIMIT) >= 0) {
      throw outOfRange(text);
    }
    return value;
  }

  /** The rejection of a value out of range, quoting it as written. */
  public static RowRejection outOfRange(String text) {
    return new RowRejection(
        ReasonCode.VALUE_OUT_OF_RANGE,
        "value '"
            + Errors.abbreviate(String.valueOf(text), 60)
            + "' lies outside the "
            + "range of a figure (a magnitude from 1e-40 as written to below 1e18 once normalised); check the number, its "
            + "exponent and its unit");
  }
}
