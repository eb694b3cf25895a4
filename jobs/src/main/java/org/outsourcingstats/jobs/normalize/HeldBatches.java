package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.CommitNotes;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches whose normalisation failed, set aside so that the other batches go on. A batch is
 * normalised as one unit ({@link #asOneUnit}): every commit it makes carries its note, and when it
 * fails the tables it changed are restored to the versions before it, so nothing of a failed batch
 * stays visible. It is then recorded in {@code held_batches} and skipped by later runs until it is
 * released: retried ({@code normalize --retry-batch}), or dropped ({@code normalize --drop-batch}:
 * its rows go to quarantine as {@link ReasonCode#BATCH_DROPPED}, so that nothing landed is lost and
 * every row read is accounted for).
 */
final class HeldBatches {
  private static final Logger LOG = LoggerFactory.getLogger(HeldBatches.class);

  /** The tables a batch writes; the others are written once per step, after every batch. */
  private static final List<PipelineTable> BATCH_TABLES =
      List.of(Tables.OBSERVATIONS, Tables.FIRM_OBSERVATIONS, Tables.CONTRACTS, Tables.QUARANTINE);

  static final String RETRY = "RETRY";
  static final String DROP = "DROP";

  private final PipelineContext context;

  HeldBatches(PipelineContext context) {
    this.context = context;
  }

  /**
   * The note every commit of {@code batch}'s normalisation carries ({@code userMetadata} in the
   * table's history).
   */
  static String note(String batch) {
    return "normalize batch " + batch;
  }

  /** Whether a commit's note says that {@code batch}'s normalisation made it. */
  static boolean madeBy(String note, String batch) {
    return note != null && (note.equals(note(batch)) || note.startsWith(note(batch) + ":"));
  }

  /**
   * The batches set aside and not released, and not normalised since (a drop interrupted after its
   * record).
   */
  List<String> held() {
    if (!context.tables().exists(Tables.HELD_BATCHES)) {
      return List.of();
    }
    Set<String> done = context.tables().distinctValues(Tables.BATCHES, "batch_id");
    return context
        .tables()
        .readLatest(Tables.HELD_BATCHES)
        .where(col("released_at").isNull())
        .select("batch_id")
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .filter(batch -> !done.contains(batch))
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Runs {@code work}, the normalisation of {@code batch}, as one unit: its commits carry the
   * batch's note, and if it fails, every table it changed is restored to the version before its
   * first commit (a table that someone else committed to in between is left as it is: the batch's
   * writes are idempotent, and a retry completes them). When the storage failed ({@link
   * Errors#isEnvironmental}), nothing is restored: writing would fail the same way, and the next
   * run completes the batch.
   */
  <T> T asOneUnit(String batch, Supplier<T> work) {
    try {
      return CommitNotes.with(context.spark(), note(batch), work);
    } catch (Exception | FSError e) {
      // Spark's exceptions are checked in Java's eyes but thrown undeclared. When the storage
      // failed, the batch's writes are idempotent and the next run completes them.
      if (!Errors.isEnvironmental(e)) {
        undo(batch, e);
      }
      throw e;
    }
  }

  private void undo(String batch, Throwable failure) {
    for (PipelineTable table : BATCH_TABLES) {
      try {
        String name = context.tables().name(table);
        List<Row> history =
            context
                .spark()
                .sql("DESCRIBE HISTORY " + name + " LIMIT 1000")
                .select("version", "userMetadata")
                .collectAsList();
        Long before = null;
        for (Row commit : history) { // newest first
          if (!madeBy(commit.getString(1), batch)) {
            before = commit.getLong(0);
            break;
          }
        }
        if (before != null && before != history.get(0).getLong(0)) {
          LOG.warn(
              "normalize: batch {} failed; restoring {} to version {}, before the batch's commits",
              batch,
              name,
              before);
          long version = before;
          CommitNotes.with(
              context.spark(),
              note(batch) + ": undone after a failure",
              () -> context.spark().sql("RESTORE TABLE " + name + " TO VERSION AS OF " + version));
        }
      } catch (Exception undoFailure) {
        failure.addSuppressed(undoFailure);
        LOG.error(
            "normalize: could not restore {} after batch {} failed: {}",
            table,
            batch,
            Errors.cause(undoFailure));
      }
    }
  }

  /** Records the batches that failed, each with the first line of its cause. */
  void hold(Map<String, String> failures) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    failures.forEach(
        (batch, cause) ->
            rows.add(
                Tables.HELD_BATCHES
                    .row()
                    .set("batch_id", batch)
                    .set("held_at", now)
                    .set("run_id", context.runId())
                    .set("error", cause)
                    .build()));
    context.tables().ensureCreated(Tables.HELD_BATCHES);
    context
        .tables()
        .append(
            Tables.HELD_BATCHES,
            context.spark().createDataFrame(rows, Tables.HELD_BATCHES.schema()));
  }

  /** Releases a held batch for normalisation by this step. */
  void retry(String batch) {
    release(batch, RETRY);
  }

  /**
   * The quarantine rows of a held batch being dropped: every raw row of the batch, with the cause
   * it was held for. The caller merges them into {@code quarantine}, records the batch, then {@link
   * #released releases} it.
   */
  Dataset<Row> dropped(String batch) {
    String cause = heldCause(batch);
    return context
        .tables()
        .read(Tables.RAW_ROWS)
        .where(col("batch_id").equalTo(batch))
        .select(
            col("shape"),
            col("source_file"),
            col("source_line"),
            col("raw"),
            lit(ReasonCode.BATCH_DROPPED.name()).as("reason_code"),
            lit("the batch was set aside ("
                    + cause
                    + ") and dropped with normalize --drop-batch; correct the file "
                    + "and land it again")
                .as("reason"),
            col("batch_id"),
            current_timestamp().as("quarantined_at"));
  }

  /** Marks a dropped batch released, once its rows are quarantined and the batch is recorded. */
  void released(String batch) {
    release(batch, DROP);
  }

  private String heldCause(String batch) {
    List<String> held = held();
    if (!held.contains(batch)) {
      throw Errors.batchNotHeld(batch, held);
    }
    List<Row> rows =
        context
            .tables()
            .read(Tables.HELD_BATCHES)
            .where(col("batch_id").equalTo(batch).and(col("released_at").isNull()))
            .orderBy(col("held_at").desc())
            .select("error")
            .limit(1)
            .collectAsList();
    return rows.get(0).getString(0);
  }

  private void release(String batch, String how) {
    if (RETRY.equals(how)) {
      heldCause(batch);
    }
    DeltaTable.forName(context.spark(), context.tables().name(Tables.HELD_BATCHES))
        .update(
            col("batch_id").equalTo(batch).and(col("released_at").isNull()),
            Map.of("released_at", current_timestamp(), "release", lit(how)));
  }
}
