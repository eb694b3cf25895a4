package org.outsourcingstats.jobs.bench;

import org.outsourcingstats.jobs.run.PipelineContext;

/**
 * The trivial job of the benchmark: a session started like the pipeline's and one query that
 * touches no data. A small scheduled run is compared with it, since starting the JVM and Spark is
 * most of such a run.
 */
public final class NoopJob {
  private final PipelineContext context;

  public NoopJob(PipelineContext context) {
    this.context = context;
  }

  /** Runs {@code SELECT 1} as a Spark job and returns its result, 1. */
  public int run() {
    return context.spark().sql("SELECT 1").collectAsList().get(0).getInt(0);
  }
}
