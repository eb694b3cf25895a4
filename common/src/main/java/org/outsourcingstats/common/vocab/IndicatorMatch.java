package org.outsourcingstats.common.vocab;

import java.io.Serializable;

/**
 * What an indicator name as published resolves to.
 *
 * @param impliedMarket the market the name implies (离岸执行金额: OFFSHORE), or null
 * @param form whether the name is the level itself, its published growth rate, or its share of a
 *     parent
 */
public record IndicatorMatch(Indicator indicator, String impliedMarket, Form form)
    implements Serializable {
  /** The three forms in which an additive indicator is published. */
  public enum Form {
    LEVEL,
    GROWTH,
    SHARE
  }
}
