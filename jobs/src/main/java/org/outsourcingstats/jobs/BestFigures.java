package org.outsourcingstats.jobs;

import org.outsourcingstats.common.parse.Statuses;

/**
 * The one figure per key that gold tables use when a figure exists under several statuses: actual over
 * provisional over estimate over derived ({@link Statuses#preferenceSql}). One SQL text for every job.
 */
final class BestFigures {
  private BestFigures() {}

  /** A subquery (with its alias) of {@code table}'s rows of the given statuses, the preferred one per key. */
  static String of(String table, String... statuses) {
    return "(SELECT * FROM (SELECT o.*, row_number() OVER (PARTITION BY entity_code, year, period, sector, market, "
        + "indicator ORDER BY " + Statuses.preferenceSql("status") + ") AS preference FROM " + table
        + " o WHERE status IN ('" + String.join("', '", statuses) + "')) WHERE preference = 1) best_figures";
  }
}
