package org.outsourcingstats.jobs.tables;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Notes on Delta commits ({@code userMetadata} in a table's history): what made a commit, readable
 * by the next run, which may have to finish or undo what a killed or failed run began.
 */
public final class CommitNotes {
  private static final String KEY = "spark.databricks.delta.commitInfo.userMetadata";

  private CommitNotes() {}

  /**
   * Runs {@code write} with every commit it makes carrying {@code note}; the previous note is
   * restored after.
   */
  public static <T> T with(SparkSession spark, String note, Supplier<T> write) {
    String previous = spark.conf().getOption(KEY).getOrElse(() -> null);
    spark.conf().set(KEY, note);
    try {
      return write.get();
    } finally {
      if (previous == null) {
        spark.conf().unset(KEY);
      } else {
        spark.conf().set(KEY, previous);
      }
    }
  }

  /** As {@link #with(SparkSession, String, Supplier)}, for a write without a result. */
  public static void with(SparkSession spark, String note, Runnable write) {
    with(
        spark,
        note,
        () -> {
          write.run();
          return null;
        });
  }

  /** The notes of {@code table}'s commits that start with {@code prefix}, newest first. */
  public static List<String> startingWith(SparkSession spark, String table, String prefix) {
    return DeltaTable.forName(spark, table)
        .history()
        .select("userMetadata")
        .where(col("userMetadata").startsWith(prefix))
        .as(Encoders.STRING())
        .collectAsList();
  }
}
