package org.outsourcingstats.jobs.run;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.vocab.Vocabulary;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * What every step of one invocation shares: settings, the one SparkSession, the tables,
 * vocabularies, run id.
 */
public final class PipelineContext {
  /**
   * Run ids (and so batch ids) sort in the order the runs started: normalize takes pending batches
   * oldest first by id, and a later batch revises an earlier one. To the millisecond, because two
   * runs with nothing to read can start within one second.
   */
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final PipelineConfig config;
  private final SparkSession spark;
  private final PipelineTables tables;
  private final String runId;
  private Vocabulary vocabulary;

  public PipelineContext(PipelineConfig config, SparkSession spark) {
    this.config = config;
    this.spark = spark;
    this.tables = new PipelineTables(spark, config);
    this.runId =
        RUN_ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public PipelineConfig config() {
    return config;
  }

  public SparkSession spark() {
    return spark;
  }

  public PipelineTables tables() {
    return tables;
  }

  /** Sortable by time: batches landed by later runs sort after earlier ones. */
  public String runId() {
    return runId;
  }

  /** The reference vocabularies, loaded on first use. */
  public synchronized Vocabulary vocabulary() {
    if (vocabulary == null) {
      vocabulary =
          config.referenceDir() == null
              ? Vocabulary.bundled()
              : Vocabulary.load(Path.of(config.referenceDir()));
    }
    return vocabulary;
  }
}
