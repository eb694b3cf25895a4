package org.outsourcingstats.jobs;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/** The Spark jobs the shared session starts while a piece of code runs. */
public final class SparkJobs {
  /** A job, by the job group and description it was started with. */
  public record Job(String group, String description) {}

  /** What the code returned, and the jobs it started. */
  public record Recorded<T>(T value, List<Job> jobs) {
    /** The job group of each job, in the order they started. */
    public List<String> groups() {
      return jobs.stream().map(Job::group).toList();
    }
  }

  private SparkJobs() {}

  public static <T> Recorded<T> during(Callable<T> work) throws Exception {
    SparkContext spark = SharedSpark.spark().sparkContext();
    List<Job> jobs = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            Properties properties = start.properties();
            jobs.add(
                new Job(
                    properties == null ? null : properties.getProperty("spark.jobGroup.id"),
                    properties == null ? null : properties.getProperty("spark.job.description")));
          }
        };
    spark.addSparkListener(listener);
    try {
      T value = work.call();
      spark.listenerBus().waitUntilEmpty();
      return new Recorded<>(value, List.copyOf(jobs));
    } finally {
      spark.removeSparkListener(listener);
    }
  }
}
