package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/**
 * A market: the total ({@code ALL}), its two halves ({@code OFFSHORE}, {@code ONSHORE}), or a destination (ISO 3166
 * alpha-2 or {@code EU}); destinations partition {@code OFFSHORE}.
 */
public record Market(String code, Kind kind, String nameEn, String nameZh) implements Serializable {
  public static final String ALL = "ALL";
  public static final String OFFSHORE = "OFFSHORE";
  public static final String ONSHORE = "ONSHORE";

  /** What part of the total a market is. */
  public enum Kind { TOTAL, OFFSHORE, ONSHORE, DESTINATION }

  /** The market whose total this market is a part of, or null for {@code ALL}. */
  public String parentCode() {
    return switch (kind) {
      case TOTAL -> null;
      case OFFSHORE, ONSHORE -> ALL;
      case DESTINATION -> OFFSHORE;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
