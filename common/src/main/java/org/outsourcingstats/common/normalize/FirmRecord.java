package org.outsourcingstats.common.normalize;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One row of a firm register, normalised: revenue in USD (converted at the annual average rate when
 * published in CNY), employees, and whether the firm is in the Fortune Global 500. Keyed by {@code
 * (firmId, year, sector)}.
 */
public record FirmRecord(
    String firmId,
    String firmName,
    String entityCode,
    String entityName,
    int year,
    String sector,
    BigDecimal revenue,
    String reportedRevenue,
    String reportedUnit,
    BigDecimal fxRate,
    Long employees,
    Boolean fortune500)
    implements Serializable {}
