package org.outsourcingstats.common.normalize;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One published figure after normalisation, keyed by {@code (entityCode, year, period, sector,
 * market, indicator, status)}. Money is in USD, shares and growth rates are fractions; the text as
 * published is kept alongside.
 *
 * @param fxRate CNY per USD used to convert a CNY figure, or null when none was needed
 */
public record NormalizedObservation(
    String entityCode,
    String entityName,
    String entityLevel,
    int year,
    String period,
    String sector,
    String market,
    String indicator,
    BigDecimal value,
    String unit,
    String status,
    String reportedValue,
    String reportedUnit,
    BigDecimal fxRate,
    String source)
    implements Serializable {}
