package org.outsourcingstats.jobs.tables;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A MERGE of a source (alias {@code s}) into a pipeline table (alias {@code t}): the clauses of
 * Delta's MERGE, and one rule of its own. Into a table that holds no row, a MERGE can only insert
 * what its not-matched clause inserts, so it is written as that append: one write instead of a
 * MERGE's search for matches, rewrite and bookkeeping (a first load, and every table a fresh
 * warehouse starts with). The same holds when every row the MERGE could match, update or delete
 * satisfies a condition ({@link #touchingOnly}) and no row of the table does.
 *
 * <p>The rule reads the table's file list from its latest checksum on the driver (and, with a
 * condition, asks whether a row satisfies it); when the checksum does not list the files, the MERGE
 * runs. Writers of one warehouse hold its lock, so no other pipeline run adds rows between that
 * look and the append.
 *
 * <p>Clauses apply in the order they are added, as in Delta's builder.
 */
public final class TableMerge {
  private final PipelineTables tables;
  private final PipelineTable table;
  private final Dataset<Row> source;
  private final String condition;
  private final List<UnaryOperator<DeltaMergeBuilder>> clauses = new ArrayList<>();

  /** The rows the not-matched clause inserts, with the table's columns; null without one. */
  private Dataset<Row> inserted;

  /** What every target row this MERGE can touch satisfies; null for any row. */
  private String touched;

  TableMerge(PipelineTables tables, PipelineTable table, Dataset<Row> source, String condition) {
    this.tables = tables;
    this.table = table;
    this.source = source;
    this.condition = condition;
  }

  /** Updates every column of a target row from its source row when {@code when} holds. */
  public TableMerge updateAllWhenMatched(String when) {
    clauses.add(merge -> merge.whenMatched(when).updateAll());
    return this;
  }

  /** Sets {@code set} (column to expression) on a target row that matches when {@code when}. */
  public TableMerge updateWhenMatched(String when, Map<String, String> set) {
    clauses.add(merge -> merge.whenMatched(when).updateExpr(set));
    return this;
  }

  /** Inserts every source row that matches no target row, with all its columns. */
  public TableMerge insertAllWhenNotMatched() {
    return insertWhenNotMatched(null);
  }

  /**
   * Inserts every source row that matches no target row, with {@code values} (column to
   * expression); the columns it does not name are NULL.
   */
  public TableMerge insertWhenNotMatched(Map<String, String> values) {
    if (inserted != null) {
      throw new IllegalStateException("a MERGE into " + table.name() + " inserts in one clause");
    }
    clauses.add(
        merge ->
            values == null
                ? merge.whenNotMatched().insertAll()
                : merge.whenNotMatched().insertExpr(values));
    Dataset<Row> rows = source.as("s");
    inserted =
        values == null
            ? rows.selectExpr(table.columns())
            : rows.selectExpr(
                Arrays.stream(table.columns())
                    .map(
                        column ->
                            values.containsKey(column)
                                ? values.get(column) + " AS " + column
                                : "CAST(NULL AS "
                                    + table.schema().apply(column).dataType().sql()
                                    + ") AS "
                                    + column)
                    .toArray(String[]::new));
    return this;
  }

  /** Deletes a target row that no source row matches when {@code when} holds. */
  public TableMerge deleteWhenNotMatchedBySource(String when) {
    clauses.add(merge -> merge.whenNotMatchedBySource(when).delete());
    return this;
  }

  /** Sets {@code set} on a target row that no source row matches when {@code when} holds. */
  public TableMerge updateWhenNotMatchedBySource(String when, Map<String, String> set) {
    clauses.add(merge -> merge.whenNotMatchedBySource(when).updateExpr(set));
    return this;
  }

  /**
   * Declares that every target row the clauses can match, update or delete satisfies {@code
   * condition} (on {@code t}): when no row of the table does, the MERGE is an append too.
   */
  public TableMerge touchingOnly(String condition) {
    this.touched = condition;
    return this;
  }

  /** Runs the MERGE, or the append it amounts to when no row of the table can be touched by it. */
  public void execute() {
    if (inserted != null && noRowTouchable()) {
      tables.append(table, inserted);
      return;
    }
    DeltaMergeBuilder merge =
        DeltaTable.forName(tables.spark(), tables.name(table))
            .as("t")
            .merge(source.as("s"), condition);
    for (UnaryOperator<DeltaMergeBuilder> clause : clauses) {
      merge = clause.apply(merge);
    }
    merge.execute();
  }

  private boolean noRowTouchable() {
    if (tables.holdsNoRow(table)) {
      return true;
    }
    return touched != null
        && tables
            .query("SELECT 1 FROM " + tables.name(table) + " t WHERE " + touched + " LIMIT 1")
            .isEmpty();
  }
}
