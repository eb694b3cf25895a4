package org.outsourcingstats.common.vocab;

import java.io.Serializable;
import java.math.BigDecimal;

/** The official annual average rate of a year, in CNY per USD, with where the figure comes from. */
public record FxRate(int year, BigDecimal cnyPerUsd, String source) implements Serializable {}
