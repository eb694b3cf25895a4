package org.outsourcingstats.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.SparkJobs;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * A gold step whose input tables are at the data versions its table was last computed from reads
 * nothing and writes nothing; a new input version, or another setting, computes again.
 */
@ExtendWith(SharedSpark.class)
class GoldInputsTest {
  private static final List<Step> GOLD = List.of(Step.GROWTH, Step.CONCENTRATION, Step.TARGETS);
  private static final String HEADER = "city,year,indicator,value,unit,market,status\n";
  private static final String CONCENTRATION_ROWS =
      "SELECT * FROM ${db}.concentration ORDER BY scope_code, dimension, indicator, year, period";

  private PipelineFixture fixture;

  /** Every test starts from the warehouse a run over one file of Dalian's figures leaves. */
  @BeforeEach
  void startAfterARun(@TempDir Path root) throws IOException {
    fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "dalian.csv",
                HEADER
                    + "Dalian,2009,executed_value,1.4 billion,USD,OFFSHORE,A\n"
                    + "Dalian,2010,executed_value,1.8 billion,USD,OFFSHORE,A\n"
                    + "Dalian,2010,executed_value,80%,%,JP,A\n"
                    + "Dalian,2015,executed_value,15.2 billion,USD,OFFSHORE,T\n",
                StandardCharsets.UTF_8)
            .afterRun();
  }

  private record Run(List<StepResult> results, List<String> jobGroups) {}

  /** Runs {@code steps}, with the job group of every Spark job they started. */
  private static Run run(PipelineContext context, List<Step> steps) throws Exception {
    SparkJobs.Recorded<List<StepResult>> run =
        SparkJobs.during(() -> new Pipeline(context).run(steps));
    return new Run(run.value(), run.groups());
  }

  private Map<String, Long> goldVersions() {
    return Map.of(
        "growth", fixture.version("growth"),
        "concentration", fixture.version("concentration"),
        "targets", fixture.version("targets"));
  }

  @Test
  void goldStepsOverUnchangedInputsRunNoSparkJobAndCommitNothing() throws Exception {
    Map<String, Long> before = goldVersions();

    Run again = run(fixture.context(), GOLD);

    assertThat(again.results())
        .allSatisfy(
            result -> {
              assertThat(result.detail()).isEqualTo("inputs unchanged");
              assertThat(result.rowsRead()).isZero();
              assertThat(result.rowsWritten()).isZero();
            });
    assertThat(again.jobGroups()).doesNotContain("growth", "concentration", "targets");
    assertThat(goldVersions()).isEqualTo(before);
  }

  @Test
  void maintainingInputsAndGoldTablesIsNoChange() throws Exception {
    for (String table : List.of("observations", "firm_observations", "growth", "targets")) {
      fixture.sql("OPTIMIZE ${db}." + table).collect();
    }
    Map<String, Long> optimized = goldVersions();

    Run again = run(fixture.context(), GOLD);

    assertThat(again.results()).extracting(StepResult::detail).containsOnly("inputs unchanged");
    assertThat(goldVersions()).isEqualTo(optimized);
  }

  /**
   * A cluster may turn adaptive query execution off; the gold steps then plan their joins without
   * it and compute the same rows. Dalian's 2010 offshore revenue is 80% Japan's: one named member
   * with a fifth left unnamed, so HHI is 80² = 6,400 treating the rest as fragmented and 6,400 +
   * 20² = 6,800 treating it as one member.
   */
  @Test
  void goldStepsComputeTheSameWithoutAdaptiveQueryExecution() throws Exception {
    List<Row> withAdaptive = fixture.sql(CONCENTRATION_ROWS).collectAsList();
    fixture.sql("DELETE FROM ${db}.concentration").collect();
    fixture.sql("DELETE FROM ${db}.growth").collect();
    String adaptive = "spark.sql.adaptive.enabled";
    SharedSpark.spark().conf().set(adaptive, false);
    try {
      assertThat(fixture.run())
          .filteredOn(result -> GOLD.stream().anyMatch(step -> step.id().equals(result.job())))
          .extracting(StepResult::detail)
          .containsExactly("rewritten", "rewritten", "inputs unchanged");
    } finally {
      SharedSpark.spark().conf().unset(adaptive);
    }
    List<Row> without = fixture.sql(CONCENTRATION_ROWS).collectAsList();
    assertThat(without).isEqualTo(withAdaptive);
    Row dalian =
        fixture
            .sql(
                "SELECT cr1, top_member, hhi_lower, hhi_upper FROM ${db}.concentration "
                    + "WHERE scope_code = '210200' AND dimension = 'market' AND year = 2010")
            .first();
    assertThat(dalian.getDouble(0)).isCloseTo(0.8, within(1e-9));
    assertThat(dalian.getString(1)).isEqualTo("JP");
    assertThat(dalian.getDouble(2)).isCloseTo(6_400, within(1e-6));
    assertThat(dalian.getDouble(3)).isCloseTo(6_800, within(1e-6));
  }

  @Test
  void aNewInputVersionOrAnotherSettingComputesAgain() throws Exception {
    // 2011 adds a growth row (1.8 -> 2.2: +22.2%) and moves the plan's latest actual to 2011;
    // concentration is computed again but stays as it was (2011 has no shares of a total).
    fixture.write(
        "observations",
        "dalian-2011.csv",
        HEADER + "Dalian,2011,executed_value,2.2 billion,USD,OFFSHORE,A\n",
        StandardCharsets.UTF_8);
    List<StepResult> withNewYear = fixture.run();
    assertThat(withNewYear.subList(2, 5))
        .extracting(StepResult::detail)
        .containsExactly("rewritten", "unchanged", "rewritten");
    long observations = fixture.version("observations");
    assertThat(
            fixture
                .sql("DESCRIBE HISTORY ${db}.growth LIMIT 1")
                .select("userMetadata")
                .first()
                .getString(0))
        .startsWith("gold inputs observations@" + observations + ";");

    // The run computed concentration from the new observations and found its rows unchanged:
    // recorded, so that it is not computed again. The tolerance decides yoy_check: another one
    // computes growth again (its rows stay equal here, so nothing is written), and the other
    // steps, which do not read it, stay skipped.
    Run otherTolerance = run(fixture.context(Map.of("pipeline.growth.tolerance-pp", "0.5")), GOLD);
    assertThat(otherTolerance.results())
        .extracting(StepResult::detail)
        .containsExactly("unchanged", "inputs unchanged", "inputs unchanged");
    assertThat(otherTolerance.jobGroups()).contains("growth").doesNotContain("targets");
    assertThat(fixture.sql("SELECT * FROM ${db}.growth WHERE year = 2011").count()).isPositive();
  }
}
