package org.outsourcingstats.common.growth;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One year of a series: its level (null when only a growth rate was published) with the level's status, and the
 * published year-on-year growth (null when none was published).
 */
public record SeriesPoint(int year, BigDecimal value, String status, Double reportedYoy) implements Serializable {}
