package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run over the quality gate's limits writes every table, then fails naming each limit. */
@ExtendWith(SharedSpark.class)
class QualityGateRunTest {
  private static final String GATE = "pipeline.quality-gate.";

  @Test
  void aRunBeyondAReasonsLimitCompletesItsWritesThenFailsNamingTheLimit(@TempDir Path root)
      throws IOException {
    // Four rows: two good, a city no vocabulary knows, a value that is no number.
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "mixed.csv",
                "city,year,indicator,value,unit,market,status\n"
                    + "Dalian,2009,executed_value,1.4 billion,USD,OFFSHORE,A\n"
                    + "Dalian,2010,executed_value,1.8 billion,USD,OFFSHORE,A\n"
                    + "Atlantis,2010,executed_value,1 billion,USD,OFFSHORE,A\n"
                    + "Dalian,2011,executed_value,lots,USD,OFFSHORE,A\n",
                StandardCharsets.UTF_8);

    Cli.Outcome outcome =
        Cli.execute(
            fixture,
            "run",
            "--set",
            GATE + "reasons.UNKNOWN_ENTITY.max-quarantined-rows=0",
            "--set",
            GATE + "reasons.INVALID_VALUE.max-quarantined-rows=1",
            "--set",
            GATE + "max-quarantined-fraction=0.25");

    assertThat(outcome.exit()).isNotZero();
    assertThat(outcome.err())
        .contains("data-quality gate")
        .contains(
            "1 UNKNOWN_ENTITY rows, more than "
                + GATE
                + "reasons.UNKNOWN_ENTITY.max-quarantined-rows = 0")
        // 2 of 4 = 0.5 beyond 0.25; INVALID_VALUE's one row is within its limit.
        .contains("2 quarantined rows of 4 read (0.5000), more than " + GATE)
        .doesNotContain("INVALID_VALUE rows");
    assertThat(
            fixture
                .sql("SELECT count(*) FROM ${db}.observations WHERE status = 'A'")
                .first()
                .getLong(0))
        .as("the accepted rows were written")
        .isEqualTo(2);
    assertThat(fixture.version("growth")).as("the gold steps ran").isPositive();
  }

  @Test
  void theDefaultGateLetsARunThatQuarantinesExitZero(@TempDir Path root) throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "bad.csv",
                "city,year,indicator,value,unit,market,status\n"
                    + "Atlantis,2010,executed_value,1 billion,USD,OFFSHORE,A\n",
                StandardCharsets.UTF_8);

    assertThat(Cli.execute(fixture, "run").exit()).isZero();
  }
}
