package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/** A service-outsourcing sector: ITO, BPO, KPO, or ALL for the total. */
public record Sector(String code, String nameEn, String nameZh) implements Serializable {
  public static final String ALL = "ALL";

  @Override
  public String toString() {
    return code;
  }
}
