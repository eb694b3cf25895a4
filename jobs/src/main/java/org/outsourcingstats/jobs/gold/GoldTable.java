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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.outsourcingstats.jobs.run.BuildInfo;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.CommitNotes;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.PipelineTables;
import org.outsourcingstats.jobs.tables.TableLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gold tables are rebuilt whole, but rewritten only when their contents change, so a rerun commits
 * nothing; and not even computed when the tables they are computed from have not changed since they
 * were last computed.
 *
 * <p>What a table was computed from (the data version of every input table, the step's own settings
 * and the application's build: its <em>inputs note</em>) is recorded with it: in the commit that
 * rewrites it ({@link CommitNotes}), or, when a computation from new inputs left its rows as they
 * were, in the table property {@value #COMPUTED_FROM} together with the table version it vouches
 * for. A step whose inputs note is the one recorded for the table's latest data version reads
 * nothing else and writes nothing. Versions that change no row ({@code maintain}'s OPTIMIZE and
 * VACUUM, setting a property) do not count as changes, on either side.
 */
final class GoldTable {
  private static final Logger LOG = LoggerFactory.getLogger(GoldTable.class);

  /** The table property recording the inputs note of a computation that changed no row. */
  static final String COMPUTED_FROM = "pipeline.computed-from";

  private static final String AT_VERSION = " | at version ";

  private GoldTable() {}

  /**
   * What a gold table is computed from: the tables it reads, and whatever else decides its rows (a
   * setting, reference data) written as text that changes when they do.
   */
  record Inputs(List<PipelineTable> tables, String settings) {
    /**
     * The note of a write computed from the inputs as they are now; empty when an input's data
     * version cannot be read from its log (the step then always computes).
     */
    Optional<String> note(PipelineContext context) {
      return context
          .tables()
          .dataVersions(tables)
          .map(
              versions ->
                  "gold inputs " + versions + "; " + settings + "; build " + BuildInfo.id());
    }
  }

  /**
   * The gold step {@code step}: unless {@code table} was last written from {@code inputs} as they
   * are now, replaces its contents with {@code fresh} if they differ, and says how many rows
   * ({@code rowsAre}, e.g. "row(s)") it computed and whether it wrote.
   */
  static StepResult write(
      PipelineContext context,
      Step step,
      Instant started,
      PipelineTable table,
      Inputs inputs,
      Supplier<Dataset<Row>> fresh,
      String rowsAre) {
    Optional<String> note = inputs.note(context);
    TableLog log = context.tables().log(table);
    Optional<TableLog.DataCommit> last = log.dataCommit();
    if (note.isPresent() && last.isPresent() && note.equals(computedFrom(log, last.get()))) {
      LOG.info(
          "{}: inputs unchanged since version {} of {}, nothing computed",
          step,
          last.get().version(),
          table.name());
      return StepResult.unvalidated(step.id(), started, 0, 0, "inputs unchanged");
    }
    Replacement replacement =
        note.isPresent()
            ? CommitNotes.with(
                context.spark(), note.get(), () -> replace(context, table, fresh.get()))
            : replace(context, table, fresh.get());
    if (!replacement.written() && note.isPresent() && last.isPresent()) {
      // One small metadata commit, so that the next run does not compute the same rows again.
      context
          .spark()
          .sql(
              "ALTER TABLE "
                  + context.tables().name(table)
                  + " SET TBLPROPERTIES ("
                  + PipelineTables.literal(COMPUTED_FROM)
                  + " = "
                  + PipelineTables.literal(note.get() + AT_VERSION + last.get().version())
                  + ")");
    }
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

  /**
   * The inputs note recorded for the table's data version {@code last}: the property's when it
   * vouches for that version, else the note of the commit that wrote it; empty when neither does.
   */
  private static Optional<String> computedFrom(TableLog log, TableLog.DataCommit last) {
    Optional<String> property = log.property(COMPUTED_FROM);
    if (property.isPresent() && property.get().endsWith(AT_VERSION + last.version())) {
      String value = property.get();
      return Optional.of(
          value.substring(0, value.length() - (AT_VERSION + last.version()).length()));
    }
    return Optional.ofNullable(last.note());
  }

  /** How many rows the fresh contents have, and whether they replaced the table's. */
  record Replacement(long rows, boolean written) {}

  /** Replaces {@code table}'s contents with {@code fresh} if they differ. */
  static Replacement replace(PipelineContext context, PipelineTable table, Dataset<Row> fresh) {
    Row freshPrint = fingerprint(fresh);
    if (context.tables().holdsNoRow(table)) {
      // A table just created, or emptied: nothing to compare with, nothing to replace.
      boolean any = freshPrint.getLong(0) > 0;
      if (any) {
        context.tables().append(table, fresh);
      }
      return new Replacement(freshPrint.getLong(0), any);
    }
    Column[] sameTypes =
        Arrays.stream(fresh.schema().fields())
            .map(field -> col("`" + field.name() + "`").cast(field.dataType()).as(field.name()))
            .toArray(Column[]::new);
    Dataset<Row> existing = context.tables().readLatest(table);
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
