package org.outsourcingstats.jobs.vocab;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.jobs.tables.ChecksumScans;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * The one figure per key that gold tables use when a figure exists under several statuses: actual
 * over provisional over estimate over derived ({@link Statuses#PREFERENCE}). One SQL text for every
 * job.
 */
public final class BestFigures {
  private BestFigures() {}

  /**
   * A subquery (with its alias) of {@code table}'s rows of the given statuses, the preferred one
   * per key.
   */
  static String of(String table, List<String> statuses) {
    return "(SELECT * FROM (SELECT o.*, row_number() OVER (PARTITION BY entity_code, year, period, sector, market, "
        + "indicator ORDER BY "
        + DomainSql.statusPreference("status")
        + ") AS preference FROM "
        + table
        + " o WHERE status IN ("
        + String.join(", ", statuses.stream().map(PipelineTables::literal).toList())
        + ")) WHERE preference = 1) best_figures";
  }

  /**
   * The same rows computed once, now, and registered as the temporary view {@code view}, whose name
   * is returned. For queries that refer to the best figures more than once: Spark inlines a
   * subquery at every reference, so each would read the table and rank its rows again (seven times
   * in the concentration query).
   */
  public static String view(SparkSession spark, String view, String table, List<String> statuses) {
    ChecksumScans.pipelineQuery(spark, "SELECT * FROM " + of(table, statuses))
        .localCheckpoint()
        .createOrReplaceTempView(view);
    return view;
  }
}
