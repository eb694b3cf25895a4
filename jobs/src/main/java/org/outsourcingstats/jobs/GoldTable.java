package org.outsourcingstats.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Gold tables are rebuilt whole, but rewritten only when their contents change, so a rerun commits nothing. */
final class GoldTable {
  private GoldTable() {}

  /** Replaces {@code table}'s contents with {@code fresh} if they differ; returns whether it wrote. */
  static boolean replaceIfChanged(PipelineContext context, String table, Dataset<Row> fresh) {
    Dataset<Row> existing = context.tables().read(table);
    long changed = fresh.exceptAll(existing).union(existing.exceptAll(fresh)).count();
    if (changed > 0) {
      fresh.write().format("delta").mode("overwrite").insertInto(context.tables().name(table));
    }
    return changed > 0;
  }
}
