package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/**
 * A market: the total ({@code ALL}), its two halves ({@code OFFSHORE}, {@code ONSHORE}), or a
 * destination (ISO 3166 alpha-2 or {@code EU}); destinations partition {@code OFFSHORE}.
 */
public record Market(String code, Kind kind, String nameEn, String nameZh) implements Serializable {
  public static final String ALL = "ALL";
  public static final String OFFSHORE = "OFFSHORE";
  public static final String ONSHORE = "ONSHORE";

  /** What part of the total a market is. */
  public enum Kind {
    TOTAL(ALL),
    OFFSHORE(Market.OFFSHORE),
    ONSHORE(Market.ONSHORE),
    DESTINATION(null);

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The one market of this kind, or null for destinations, of which there are many. */
    public String code() {
      return code;
    }

    /** The market whose total a market of this kind is a part of, or null for the total. */
    public String parentCode() {
      return switch (this) {
        case TOTAL -> null;
        case OFFSHORE, ONSHORE -> ALL;
        case DESTINATION -> Market.OFFSHORE;
      };
    }
  }

  /** The market whose total this market is a part of, or null for {@code ALL}. */
  public String parentCode() {
    return kind.parentCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
