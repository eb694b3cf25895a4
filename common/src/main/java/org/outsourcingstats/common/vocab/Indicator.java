package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/** A published measure such as {@code executed_value}, with the kind of unit it is published in. */
public record Indicator(String code, UnitKind unitKind, boolean additive, String description)
    implements Serializable {
  /** Suffix of the indicator under which a published year-on-year growth rate is stored. */
  public static final String GROWTH_SUFFIX = "_yoy";

  /** Suffix of the indicator under which a published share of the parent total is stored. */
  public static final String SHARE_SUFFIX = "_share";

  @Override
  public String toString() {
    return code;
  }
}
