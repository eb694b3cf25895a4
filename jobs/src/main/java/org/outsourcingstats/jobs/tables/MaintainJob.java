package org.outsourcingstats.jobs.tables;

import java.time.Instant;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIMIZE (compacts small files) and VACUUM (removes files no version within the retention needs)
 * on every table. Retention below Delta's safety window (7 days) would break time travel to older
 * vintages and readers of older snapshots, so it needs an explicit flag.
 */
public final class MaintainJob {
  /** Delta's default {@code delta.deletedFileRetentionDuration}: 7 days. */
  public static final int SAFE_RETENTION_HOURS = 168;

  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

  private final PipelineContext context;
  private final int retentionHours;
  private final boolean allowUnsafeRetention;

  public MaintainJob(PipelineContext context, int retentionHours, boolean allowUnsafeRetention) {
    checkRetention(retentionHours, allowUnsafeRetention);
    this.context = context;
    this.retentionHours = retentionHours;
    this.allowUnsafeRetention = allowUnsafeRetention;
  }

  /**
   * Refuses a retention below the safety window unless explicitly allowed; callable before Spark
   * starts.
   */
  public static void checkRetention(int retentionHours, boolean allowUnsafeRetention) {
    Errors.checkArgument(
        retentionHours >= 0, "retention must not be negative, got %d hours", retentionHours);
    if (retentionHours < SAFE_RETENTION_HOURS && !allowUnsafeRetention) {
      throw Errors.unsafeRetention(retentionHours, SAFE_RETENTION_HOURS);
    }
  }

  public StepResult run() {
    Instant started = Instant.now();
    context.tables().ensureCreated();
    if (allowUnsafeRetention) {
      context.spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    }
    long compacted = 0;
    long vacuumed = 0;
    for (PipelineTable table : Tables.ALL) {
      if (!context.tables().exists(table)) {
        continue; // a table created on first use, not used yet
      }
      String name = context.tables().name(table);
      Row optimize = context.spark().sql("OPTIMIZE " + name).first();
      Row metrics = optimize.getStruct(optimize.fieldIndex("metrics"));
      long removed = metrics.getLong(metrics.fieldIndex("numFilesRemoved"));
      compacted += removed;
      long deleted =
          context.spark().sql("VACUUM " + name + " RETAIN " + retentionHours + " HOURS").count();
      vacuumed += deleted;
      LOG.info(
          "maintain: {}: {} small file(s) compacted; vacuum (retain {} h) done",
          name,
          removed,
          retentionHours);
    }
    return StepResult.unvalidated(
        "maintain",
        started,
        Tables.ALL.size(),
        compacted,
        compacted + " file(s) compacted, retention " + retentionHours + " h");
  }
}
