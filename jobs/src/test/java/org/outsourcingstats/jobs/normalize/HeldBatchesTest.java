package org.outsourcingstats.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.jobs.Cli;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.RunsLog;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * A batch whose normalisation fails is undone and set aside, the other batches go on, and the batch
 * stays aside until it is retried or dropped. The failure is made by the test after the batch's
 * writes are committed, so that undoing them is what is tested.
 */
@ExtendWith(SharedSpark.class)
class HeldBatchesTest {
  private static final String HEADER = "city,year,indicator,value,unit,source\n";
  private static final String CONTRACTS =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,"
          + "executed_value,currency\nC1,F1,Dalian,2010-03-01,ITO,JP,100,60,USD\nC2,F1,Dalian,2010-04-01,ITO,JP,-5,1,USD\n";

  /**
   * Lands three batches: a figure, a bad row, a contract and a bad contract; a figure and a bad
   * row; a good figure.
   */
  private static List<String> landThreeBatches(PipelineFixture fixture) throws IOException {
    for (String name : List.of("a", "b")) {
      fixture.write(
          "observations",
          name + ".csv",
          HEADER + "Dalian,2010,firms,941,家," + name + "\nAtlantis,2010,firms,1,家,bad\n",
          StandardCharsets.UTF_8);
      if (name.equals("a")) {
        fixture.write("contracts", "a.csv", CONTRACTS, StandardCharsets.UTF_8);
      }
      new Pipeline(fixture.context()).run(List.of(Step.INGEST));
    }
    fixture.write(
        "observations", "c.csv", HEADER + "Wuxi,2010,firms,300,家,c\n", StandardCharsets.UTF_8);
    new Pipeline(fixture.context()).run(List.of(Step.INGEST));
    List<String> batches =
        fixture
            .sql("SELECT DISTINCT batch_id FROM ${db}.raw_rows ORDER BY batch_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(batches).hasSize(3);
    return batches;
  }

  /**
   * A normalize step whose {@code poisoned} batches fail after all of their writes are committed.
   */
  private static NormalizeJob failing(PipelineContext context, List<String> poisoned) {
    return new NormalizeJob(context) {
      @Override
      Map<String, Long> normalizeBatch(String batch) {
        Map<String, Long> counts = super.normalizeBatch(batch);
        if (poisoned.contains(batch)) {
          throw new IllegalStateException("injected failure after the batch's commits");
        }
        return counts;
      }
    };
  }

  private static List<String> sources(PipelineFixture fixture) {
    return fixture
        .sql("SELECT source FROM ${db}.observations WHERE source_file IS NOT NULL ORDER BY source")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void failingBatchesAreUndoneAndSetAsideWhileTheOthersGoOnUntilRetriedOrDropped(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture = new PipelineFixture(root).withTablesCreated();
    List<String> batches = landThreeBatches(fixture);
    String retried = batches.get(0);
    String dropped = batches.get(1);

    StepResult result = failing(fixture.context(), List.of(retried, dropped)).run();

    assertThat(result.heldBatches()).containsOnlyKeys(retried, dropped);
    assertThat(result.heldBatches().get(retried))
        .contains("injected failure after the batch's commits");
    assertThat(sources(fixture)).as("the third batch went on").containsExactly("c");
    assertThat(fixture.sql("SELECT * FROM ${db}.quarantine").count())
        .as("the failed batches' rows are undone")
        .isZero();
    assertThat(fixture.sql("SELECT * FROM ${db}.contracts").count()).isZero();
    assertThat(result.rowsRead()).isEqualTo(1);
    assertThat(result.reconciles()).isTrue();
    assertThat(
            fixture
                .sql(
                    "SELECT batch_id, error, released_at FROM ${db}.held_batches ORDER BY batch_id")
                .collectAsList())
        .satisfiesExactly(
            row -> assertThat(row.getString(0)).isEqualTo(retried),
            row -> {
              assertThat(row.getString(0)).isEqualTo(dropped);
              assertThat(row.getString(1)).contains("injected failure");
              assertThat(row.isNullAt(2)).isTrue();
            });

    Cli.Outcome status = Cli.execute(fixture, "status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("Batches set aside")
        .contains(retried)
        .contains(dropped)
        .contains("injected failure");

    StepResult later = new NormalizeJob(fixture.context()).run();
    assertThat(later.rowsRead()).as("a batch set aside is not tried again by later runs").isZero();
    assertThat(later.heldBatches()).isEmpty();

    StepResult released =
        new NormalizeJob(fixture.context(), new BatchRelease(List.of(retried), List.of(dropped)))
            .run();

    assertThat(released.heldBatches()).isEmpty();
    // retried: the figure, the unknown city, the contract and the negative contract (2 accepted, 2
    // quarantined); dropped: its two raw rows, both quarantined
    assertThat(released.rowsRead()).isEqualTo(6);
    assertThat(released.rowsAccepted()).isEqualTo(2);
    assertThat(released.rowsQuarantined()).isEqualTo(4);
    assertThat(released.reconciles()).isTrue();
    assertThat(sources(fixture)).containsExactly("a", "c");
    assertThat(
            fixture
                .sql(
                    "SELECT value FROM ${db}.observations WHERE indicator = 'executed_value' "
                        + "AND market = 'JP' AND sector = 'ITO'")
                .first()
                .getDecimal(0))
        .isEqualByComparingTo("60");
    List<Row> droppedRows =
        fixture
            .sql("SELECT reason FROM ${db}.quarantine WHERE reason_code = 'BATCH_DROPPED'")
            .collectAsList();
    assertThat(droppedRows)
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.getString(0)).contains("injected failure"));
    assertThat(
            fixture
                .sql(
                    "SELECT rows_read, rows_quarantined FROM ${db}.batches WHERE batch_id = '"
                        + dropped
                        + "'")
                .first())
        .isEqualTo(org.apache.spark.sql.RowFactory.create(2L, 2L));
    assertThat(
            fixture
                .sql("SELECT batch_id, release FROM ${db}.held_batches ORDER BY batch_id")
                .collectAsList())
        .extracting(row -> row.getString(1))
        .containsExactly("RETRY", "DROP");

    assertThat(new NormalizeJob(fixture.context()).run().rowsRead()).isZero();
    assertThatThrownBy(
            () ->
                new NormalizeJob(fixture.context(), new BatchRelease(List.of(dropped), List.of()))
                    .run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("is not set aside");
  }

  @Test
  void aStepThatSetsABatchAsideIsRecordedAsPartialWithTheWayOut(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture = new PipelineFixture(root).withTablesCreated();
    PipelineContext context = fixture.context();
    java.time.Instant now = java.time.Instant.now();
    new RunsLog(context)
        .succeeded(
            new StepResult(
                "normalize",
                now,
                now,
                3,
                2,
                1,
                0,
                2,
                "",
                Map.of("B1", "IllegalStateException: boom")))
        .commit();

    Row run = fixture.sql("SELECT status, error FROM ${db}.runs").first();
    assertThat(run.getString(0)).isEqualTo("PARTIAL");
    assertThat(run.getString(1))
        .contains("B1 (IllegalStateException: boom)")
        .contains("scripts/pipeline normalize --retry-batch B1")
        .contains("scripts/pipeline normalize --drop-batch B1");
  }
}
