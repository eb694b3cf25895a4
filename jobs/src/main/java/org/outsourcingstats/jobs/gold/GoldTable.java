package org.outsourcingstats.jobs.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gold tables are rebuilt whole, but rewritten only when their contents change, so a rerun commits
 * nothing.
 */
final class GoldTable {
  private static final Logger LOG = LoggerFactory.getLogger(GoldTable.class);

  private GoldTable() {}

  /**
   * The gold step {@code step}: replaces {@code table}'s contents with {@code fresh} if they
   * differ, and says how many rows ({@code rowsAre}, e.g. "row(s)") it computed and whether it
   * wrote.
   */
  static StepResult write(
      PipelineContext context,
      Step step,
      Instant started,
      PipelineTable table,
      Dataset<Row> fresh,
      String rowsAre) {
    Replacement replacement = replace(context, table, fresh);
    long rows = replacement.rows();
    boolean written = replacement.written();
    LOG.info(
        "{}: {} {}, {}",
        step,
        rows,
        rowsAre,
        written ? "table rewritten" : "unchanged, nothing written");
    return StepResult.unvalidated(
        step.id(), started, rows, written ? rows : 0, written ? "rewritten" : "unchanged");
  }

  /** How many rows the fresh contents have, and whether they replaced the table's. */
  record Replacement(long rows, boolean written) {}

  /** Replaces {@code table}'s contents with {@code fresh} if they differ. */
  static Replacement replace(PipelineContext context, PipelineTable table, Dataset<Row> fresh) {
    Dataset<Row> existing = context.tables().read(table);
    Column[] sameTypes =
        Arrays.stream(fresh.schema().fields())
            .map(field -> col("`" + field.name() + "`").cast(field.dataType()).as(field.name()))
            .toArray(Column[]::new);
    Row freshPrint = fingerprint(fresh);
    boolean changed = !freshPrint.equals(fingerprint(existing.select(sameTypes)));
    if (changed) {
      context.tables().overwrite(table, fresh);
    }
    return new Replacement(freshPrint.getLong(0), changed);
  }

  /**
   * The row count and two sums of independent row hashes (64 and 32 bits): equal for equal
   * multisets of rows, whatever their order, and computed by one pass without a shuffle, where
   * comparing the rows themselves ({@code exceptAll} both ways) shuffled both sides twice. Two
   * different tables get the same fingerprint with a probability of about 2^-96 (the hashes are not
   * cryptographic; the rows are the pipeline's own). The sums are decimal so that they cannot
   * overflow.
   */
  private static Row fingerprint(Dataset<Row> rows) {
    // Spark's row hashes skip a null column, so each column's nullness is hashed with it: otherwise
    // (null, x) and (x, null) would hash alike.
    Column[] all =
        Arrays.stream(rows.schema().fields())
            .map(StructField::name)
            .map(name -> col("`" + name + "`"))
            .flatMap(column -> Stream.of(column, column.isNull()))
            .toArray(Column[]::new);
    return rows.agg(
            count(lit(1)),
            coalesce(sum(xxhash64(all).cast("decimal(20,0)")), lit(0)).cast("decimal(38,0)"),
            coalesce(sum(hash(all).cast("decimal(20,0)")), lit(0)).cast("decimal(38,0)"))
        .first();
  }
}
