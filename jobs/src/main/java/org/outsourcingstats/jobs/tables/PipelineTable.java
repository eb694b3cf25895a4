package org.outsourcingstats.jobs.tables;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table of the warehouse as a value: its name in the pipeline's database, its schema (the
 * columns users query by name, each with its comment), its natural key and how the pipeline writes
 * it. Every MERGE into a table joins on {@link #mergeCondition()}, built from the key, so a key is
 * written down once.
 *
 * @param name the table's name, without the database
 * @param key the columns that identify a row; empty for a table that is only appended to or
 *     rewritten
 * @param write how the pipeline writes the table
 * @param createdOnFirstUse whether the table is created when first written rather than with the
 *     others (it stays empty in a healthy warehouse, and a run that never needs it neither creates
 *     nor reads it)
 * @param properties Delta table properties the table has beyond {@code delta.appendOnly} (set at
 *     creation, and on an existing table at the next run)
 */
public record PipelineTable(
    String name,
    StructType schema,
    List<String> key,
    Write write,
    boolean createdOnFirstUse,
    Map<String, String> properties) {

  /** How the pipeline writes a table. */
  public enum Write {
    /**
     * Rows are only ever added, and Delta enforces it ({@code delta.appendOnly}): the landed raw
     * rows.
     */
    IMMUTABLE,
    /**
     * Rows are added, one commit per write, never merged on a key (a log: runs, batches, held
     * batches).
     */
    APPENDED,
    /**
     * Rows are merged on the key: a later batch revises a row, the older version stays reachable by
     * time travel.
     */
    MERGED,
    /** The rows a step computes replace the table's rows (the gold tables). */
    REWRITTEN
  }

  public PipelineTable {
    key = List.copyOf(key);
    properties = Map.copyOf(properties);
    if (write == Write.MERGED && key.isEmpty()) {
      throw new IllegalArgumentException("merged table " + name + " needs a key");
    }
    for (String column : key) {
      if (!List.of(schema.fieldNames()).contains(column)) {
        throw new IllegalArgumentException(
            "key column " + column + " is not a column of table " + name);
      }
    }
  }

  /**
   * This table without Delta's column statistics ({@code delta.dataSkippingNumIndexedCols = 0}; the
   * row count of each file is still recorded): for a small log read whole, where statistics serve
   * no data skipping and their collection is most of the cost of its one write per run in a fresh
   * process (about 2 s).
   */
  PipelineTable withoutColumnStatistics() {
    return withProperty("delta.dataSkippingNumIndexedCols", "0");
  }

  /**
   * This table with a Delta checkpoint every {@code commits} commits instead of Delta's ten: for a
   * table that gains one small commit on every run, even one with nothing new, whose checkpoint
   * (Spark jobs, about 8 s in a fresh process) would otherwise cost every tenth such run more than
   * the run itself. Readers do not replay the longer log: each commit's checksum lists the files.
   */
  PipelineTable withCheckpointEvery(int commits) {
    return withProperty("delta.checkpointInterval", String.valueOf(commits));
  }

  private PipelineTable withProperty(String property, String value) {
    Map<String, String> more = new java.util.HashMap<>(properties);
    more.put(property, value);
    return new PipelineTable(name, schema, key, write, createdOnFirstUse, more);
  }

  /** Every Delta table property the pipeline sets on the table, {@code delta.appendOnly} first. */
  public Map<String, String> tableProperties() {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("delta.appendOnly", String.valueOf(write == Write.IMMUTABLE));
    all.putAll(properties);
    return all;
  }

  /**
   * A new row of the table, its columns set by name; driver side (a builder for executors: {@link
   * RowBuilder}).
   */
  public RowBuilder.Values row() {
    return new RowBuilder(schema).row();
  }

  /**
   * The schema of the table's columns {@code names}, in that order, with their types and comments.
   */
  public StructType columnsOf(String... names) {
    StructType columns = new StructType();
    for (String name : names) {
      columns = columns.add(schema.apply(name));
    }
    return columns;
  }

  /** The table's column names, in order. */
  public String[] columns() {
    return schema.fieldNames();
  }

  /**
   * The MERGE condition of the target {@code t} and the source {@code s} on the key. Null-safe, so
   * a key column that may be NULL (quarantine's file, line and reason) matches NULL.
   */
  public String mergeCondition() {
    return key.stream()
        .map(column -> "t." + column + " <=> s." + column)
        .collect(Collectors.joining(" AND "));
  }

  /**
   * The condition of a MERGE's update: the target {@code t} and the source {@code s} differ in one
   * of {@code columns}, NULL counting as a value.
   */
  public static String anyChanged(List<String> columns) {
    return columns.stream()
        .map(column -> "NOT (t." + column + " <=> s." + column + ")")
        .collect(Collectors.joining(" OR "));
  }

  @Override
  public String toString() {
    return name;
  }
}
