package org.outsourcingstats.jobs.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A line at most every interval while a step runs: the step, how long it has run, the active Spark
 * stages with their finished and total tasks, and the rows its finished tasks have read, from
 * Spark's own status tracker and task metrics. Silence during a 90-second normalize told an
 * operator nothing.
 */
final class Progress implements AutoCloseable {
  private final SparkContext spark;
  private final Listener listener = new Listener();
  private final Thread ticker;

  private Progress(SparkContext spark, Duration every, String step, Consumer<String> out) {
    this.spark = spark;
    spark.addSparkListener(listener);
    Instant started = Instant.now();
    this.ticker =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(every.toMillis());
                  String line = line(step, Duration.between(started, Instant.now()));
                  if (line != null) {
                    out.accept(line);
                  }
                }
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              }
            },
            "pipeline-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /**
   * Reports on {@code spark}'s stages every {@code every} to {@code out} until closed, naming
   * {@code step}.
   */
  static Progress start(SparkContext spark, Duration every, String step, Consumer<String> out) {
    return new Progress(spark, every, step, out);
  }

  /** The line of this moment, or null while no stage runs. */
  private String line(String step, Duration running) {
    List<String> stages = new ArrayList<>();
    for (int id : spark.statusTracker().getActiveStageIds()) {
      SparkStageInfo stage = spark.statusTracker().getStageInfo(id).getOrElse(() -> null);
      if (stage != null) {
        stages.add(
            String.format(
                "stage %d %s (%d of %d tasks)",
                id, stage.name(), stage.numCompletedTasks(), stage.numTasks()));
      }
    }
    if (stages.isEmpty()) {
      return null;
    }
    return String.format(
        "%s: running %d s, %,d rows read by finished tasks; %s",
        step, running.toSeconds(), listener.rowsRead.get(), String.join(", ", stages));
  }

  /** Stops the lines: none is written once this returns. */
  @Override
  public void close() {
    ticker.interrupt();
    try {
      ticker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    spark.removeSparkListener(listener);
  }

  private static final class Listener extends SparkListener {
    final AtomicLong rowsRead = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.taskMetrics() != null) {
        rowsRead.addAndGet(taskEnd.taskMetrics().inputMetrics().recordsRead());
      }
    }
  }
}
