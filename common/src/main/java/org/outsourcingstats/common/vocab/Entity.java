package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/**
 * A statistical entity: the nation, a province or a city, identified by its GB/T 2260 code.
 *
 * @param modelCitySince the year the entity was designated a model service-outsourcing city, or
 *     null
 */
public record Entity(
    String code,
    String level,
    String parentCode,
    String nameEn,
    String nameZh,
    String nameZhHant,
    Integer modelCitySince)
    implements Serializable {
  public static final String NATION_CODE = "000000";

  @Override
  public String toString() {
    return code + " " + nameEn;
  }
}
