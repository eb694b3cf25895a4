package org.outsourcingstats.common.growth;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Growth of one series in one year. Rates are fractions; a null rate comes with the reason in
 * {@code reason}.
 */
public record GrowthPoint(
    int year,
    BigDecimal value,
    String status,
    BigDecimal prevValue,
    String prevStatus,
    Double yoy,
    Double logGrowth,
    Double cagr3y,
    Double cagr5y,
    Double reportedYoy,
    GrowthMath.Check yoyCheck,
    String reason)
    implements Serializable {}
