package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.SparkJobs;

/**
 * A few rows appended with their file written on the driver, and a small table's rows read on the
 * driver: both as Spark writes and reads them, without a Spark job.
 */
@ExtendWith(SharedSpark.class)
class DriverAppendTest {
  private static final Timestamp STARTED =
      Timestamp.from(Instant.parse("2026-12-07T08:30:01.123456Z"));
  private static final Timestamp FINISHED = Timestamp.from(Instant.parse("2026-12-07T08:31:00Z"));

  private String database;
  private PipelineTables tables;

  @BeforeEach
  void warehouse() {
    tables = SharedSpark.tablesOf("driver", Tables.RUNS);
    database = tables.config().database();
  }

  private static Row run(String job, Timestamp started, Long rowsRead, String error) {
    return Tables.RUNS
        .row()
        .set("run_id", "run-1")
        .set("job", job)
        .set("started_at", started)
        .set("finished_at", FINISHED)
        .set("status", error == null ? "SUCCEEDED" : "FAILED")
        .set("rows_read", rowsRead)
        .set("error", error)
        .build();
  }

  @Test
  void rowsAppendedOnTheDriverAreReadBySparkAsGivenWithoutASparkJob() throws Exception {
    long before = tables.version(Tables.RUNS);

    SparkJobs.Recorded<Void> appended =
        SparkJobs.during(
            () -> {
              tables.append(
                  Tables.RUNS,
                  List.of(
                      run("ingest", STARTED, 227L, null), run("normalize", STARTED, null, "boom")));
              return null;
            });

    assertThat(appended.jobs()).isEmpty();
    assertThat(tables.version(Tables.RUNS)).isEqualTo(before + 1);
    List<Row> read =
        SharedSpark.spark()
            .sql(
                "SELECT job, started_at, finished_at, status, rows_read, rows_accepted, error FROM "
                    + database
                    + ".runs ORDER BY job")
            .collectAsList();
    assertThat(read)
        .extracting(Row::toString)
        .containsExactly(
            "[ingest," + STARTED + "," + FINISHED + ",SUCCEEDED,227,null,null]",
            "[normalize," + STARTED + "," + FINISHED + ",FAILED,null,null,boom]");
    assertThat(read.get(0).getTimestamp(1).getNanos()).isEqualTo(123_456_000);
    TableLog log = tables.log(Tables.RUNS);
    assertThat(log.lastCommit().orElseThrow().operation()).isEqualTo("WRITE");
    assertThat(TableState.of(SharedSpark.spark(), database, "runs").rows()).isEqualTo(2L);
  }

  @Test
  void rowsSparkWroteAreReadOnTheDriverAsSparkReadsThem() throws Exception {
    SparkSession spark = SharedSpark.spark();
    spark
        .createDataFrame(
            List.of(run("growth", STARTED, 5L, null), run("targets", FINISHED, null, "x")),
            Tables.RUNS.schema())
        .write()
        .format("delta")
        .mode("append")
        .insertInto(database + ".runs");

    SparkJobs.Recorded<List<Row>> onDriver =
        SparkJobs.during(() -> tables.rowsOnDriver(Tables.RUNS).orElseThrow());

    assertThat(onDriver.jobs()).isEmpty();
    assertThat(onDriver.value())
        .extracting(Row::toString)
        .containsExactlyInAnyOrderElementsOf(
            spark.table(database + ".runs").collectAsList().stream().map(Row::toString).toList());
    assertThat(onDriver.value()).extracting(row -> row.getAs("job")).contains("growth", "targets");
  }

  @Test
  void aTableWithACheckConstraintIsLeftToSparksWriter() {
    SharedSpark.spark()
        .sql("ALTER TABLE " + database + ".runs ADD CONSTRAINT counted CHECK (rows_read >= 0)");

    assertThatThrownBy(() -> tables.append(Tables.RUNS, List.of(run("ingest", STARTED, -1L, null))))
        .hasMessageContaining("counted");
    tables.append(Tables.RUNS, List.of(run("ingest", STARTED, 1L, null)));

    assertThat(SharedSpark.spark().table(database + ".runs").count()).isEqualTo(1);
  }

  @Test
  void aPartitionedTableIsWrittenAndReadBySpark() throws Exception {
    SparkSession spark = SharedSpark.spark();
    spark.sql("DROP TABLE " + database + ".runs");
    spark.sql(
        "CREATE TABLE "
            + database
            + ".runs ("
            + Tables.RUNS.schema().toDDL()
            + ") USING delta PARTITIONED BY (job)");

    SparkJobs.Recorded<Void> appended =
        SparkJobs.during(
            () -> {
              tables.append(Tables.RUNS, List.of(run("ingest", STARTED, 227L, null)));
              return null;
            });

    // The job's value lives in the file's path, not in the file: the driver neither writes nor
    // reads such a table.
    assertThat(appended.jobs()).isNotEmpty();
    assertThat(tables.rowsOnDriver(Tables.RUNS)).isEmpty();
    assertThat(spark.sql("SELECT job, rows_read FROM " + database + ".runs").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[ingest,227]");
  }
}
