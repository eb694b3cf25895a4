package org.outsourcingstats.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.SparkJobs;

/** Spark's UI and event log can say which step, and which batch, ran each job of a run. */
@ExtendWith(SharedSpark.class)
class StepJobGroupsTest {
  private static PipelineFixture twoFigures(Path root) throws java.io.IOException {
    return new PipelineFixture(root)
        .withTablesCreated()
        .write(
            "observations",
            "a.csv",
            "city,year,indicator,value,unit\nDalian,2010,executed_value,1.8 billion,USD\n"
                + "Dalian,2009,executed_value,1.4 billion,USD\n",
            StandardCharsets.UTF_8);
  }

  @Test
  void everyJobOfAStepRunsInTheStepsGroupAndNormalizeNamesTheBatch(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture = twoFigures(root);
    PipelineContext context = fixture.context();
    SparkContext spark = SharedSpark.spark().sparkContext();
    new Pipeline(context).run(List.of(Step.INGEST));
    List<SparkJobs.Job> jobs =
        SparkJobs.during(() -> new Pipeline(context).run(List.of(Step.NORMALIZE, Step.GROWTH)))
            .jobs();

    assertThat(jobs).isNotEmpty();
    assertThat(jobs)
        .extracting(SparkJobs.Job::group)
        .isSubsetOf(Pipeline.SETUP, "normalize", "growth", Pipeline.RECORD)
        .contains("normalize", "growth");
    String batch = fixture.sql("SELECT batch_id FROM ${db}.batches").first().getString(0);
    assertThat(jobs)
        .filteredOn(job -> job.group().equals("normalize"))
        .extracting(SparkJobs.Job::description)
        .contains("normalize batch " + batch);
    assertThat(spark.getLocalProperty("spark.jobGroup.id")).isNull();
  }

  @Test
  void aRunWithNothingNewStartsNoSparkJob(@TempDir Path root) throws Exception {
    PipelineFixture fixture = twoFigures(root);
    fixture.run();
    long runsBefore = fixture.sql("SELECT * FROM ${db}.runs").count();

    List<String> groups =
        SparkJobs.during(() -> new Pipeline(fixture.context()).run(List.of(Step.values())))
            .groups();

    // Which files are landed and which batches wait is read from the logs and files on the
    // driver; the gold steps see their inputs unchanged; the runs rows are written on the driver.
    assertThat(groups).isEmpty();
    assertThat(fixture.sql("SELECT * FROM ${db}.runs").count())
        .isEqualTo(runsBefore + Step.values().length);
  }
}
