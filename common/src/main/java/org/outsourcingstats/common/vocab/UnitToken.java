package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/** A unit word as bureaus write it ({@code 美元}, {@code USD}, {@code 人}, {@code 家}, {@code %}). */
public record UnitToken(String token, UnitKind kind, String currency) implements Serializable {
  public static final String USD = "USD";
  public static final String CNY = "CNY";
}
