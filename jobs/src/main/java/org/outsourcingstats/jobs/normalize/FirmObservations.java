package org.outsourcingstats.jobs.normalize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.TableMerge;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * {@code firm_observations} has two sources, the firm register and the contracts register, each
 * owning its own columns of a firm's row: a source's MERGE writes its columns and leaves the
 * other's.
 */
final class FirmObservations {
  private FirmObservations() {}

  /**
   * A MERGE into {@code firm_observations} of the columns {@code owned}, updating a row when one of
   * {@code compared} changed; the caller adds clauses and executes.
   */
  static TableMerge merge(
      PipelineContext context, Dataset<Row> rows, List<String> owned, List<String> compared) {
    Map<String, String> set = new LinkedHashMap<>();
    owned.forEach(column -> set.put(column, "s." + column));
    set.put("updated_at", "current_timestamp()");
    Map<String, String> insert = new LinkedHashMap<>(set);
    Tables.FIRM_OBSERVATIONS.key().forEach(column -> insert.put(column, "s." + column));
    return context
        .tables()
        .merge(Tables.FIRM_OBSERVATIONS, rows)
        .updateWhenMatched(PipelineTable.anyChanged(compared), set)
        .insertWhenNotMatched(insert);
  }
}
