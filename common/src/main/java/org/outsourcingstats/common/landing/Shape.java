package org.outsourcingstats.common.landing;

import java.util.Locale;
import java.util.Optional;

/** The shapes of raw files, each landing in the sub-folder of its name. */
public enum Shape {
  /** Long CSV, one published figure a row. */
  OBSERVATIONS,
  /**
   * Wide CSV as yearbooks print it: one row per entity and year, one column per indicator, unit in
   * the header.
   */
  YEARBOOK,
  /** JSON Lines: flat figures, or an entity/year header with a nested list of figures. */
  BULLETIN,
  /** CSV firm register. */
  FIRMS,
  /** CSV register of contracts, the large input: aggregated, not stored figure by figure. */
  CONTRACTS;

  /** The landing sub-folder and the value of {@code raw_rows.shape}. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Shape> fromFolder(String folder) {
    for (Shape shape : values()) {
      if (shape.folder().equals(folder)) {
        return Optional.of(shape);
      }
    }
    return Optional.empty();
  }
}
