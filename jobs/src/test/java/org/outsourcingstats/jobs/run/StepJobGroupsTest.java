package org.outsourcingstats.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;

/** Spark's UI and event log can say which step, and which batch, ran each job of a run. */
@ExtendWith(SharedSpark.class)
class StepJobGroupsTest {
  private record Job(String group, String description) {}

  @Test
  void everyJobOfAStepRunsInTheStepsGroupAndNormalizeNamesTheBatch(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "a.csv",
                "city,year,indicator,value,unit\nDalian,2010,executed_value,1.8 billion,USD\n"
                    + "Dalian,2009,executed_value,1.4 billion,USD\n",
                StandardCharsets.UTF_8);
    PipelineContext context = fixture.context();
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
    new Pipeline(context).run(List.of(Step.INGEST));
    spark.addSparkListener(listener);
    try {
      new Pipeline(context).run(List.of(Step.NORMALIZE, Step.GROWTH));
      spark.listenerBus().waitUntilEmpty();
    } finally {
      spark.removeSparkListener(listener);
    }

    assertThat(jobs).isNotEmpty();
    assertThat(jobs)
        .extracting(Job::group)
        .containsOnly(Pipeline.SETUP, "normalize", "growth", Pipeline.RECORD);
    String batch = fixture.sql("SELECT batch_id FROM ${db}.batches").first().getString(0);
    assertThat(jobs)
        .filteredOn(job -> job.group().equals("normalize"))
        .extracting(Job::description)
        .contains("normalize batch " + batch);
    assertThat(spark.getLocalProperty("spark.jobGroup.id")).isNull();
  }
}
