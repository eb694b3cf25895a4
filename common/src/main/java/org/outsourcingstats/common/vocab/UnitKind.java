package org.outsourcingstats.common.vocab;

/**
 * What a figure measures, which decides the units it may be published in and the unit it is
 * normalised to.
 */
public enum UnitKind {
  MONEY("USD"),
  PERSONS("persons"),
  COUNT("count"),
  PERCENT("fraction");

  private final String normalizedUnit;

  UnitKind(String normalizedUnit) {
    this.normalizedUnit = normalizedUnit;
  }

  /**
   * The unit of the normalised value: USD for money, persons, count, and fraction for percentages.
   */
  public String normalizedUnit() {
    return normalizedUnit;
  }
}
