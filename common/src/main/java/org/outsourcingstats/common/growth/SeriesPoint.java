package org.outsourcingstats.common.growth;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One year of a series: its level (null when only a growth rate was published) with the level's
 * status, the published year-on-year growth (null when none was published), and the CNY per USD
 * rate the level was converted at (null when it was published in USD).
 */
public record SeriesPoint(
    int year, BigDecimal value, String status, Double reportedYoy, BigDecimal fxRate)
    implements Serializable {

  public SeriesPoint(int year, BigDecimal value, String status, Double reportedYoy) {
    this(year, value, status, reportedYoy, null);
  }

  /**
   * The level in the currency it was published in: CNY when it was converted, else the value
   * itself.
   */
  BigDecimal publishedCurrencyValue() {
    return fxRate == null || value == null ? value : value.multiply(fxRate);
  }
}
