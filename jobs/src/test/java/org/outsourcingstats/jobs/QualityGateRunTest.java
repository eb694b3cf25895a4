package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.cli.LogFormat;

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

    Path resultFile = root.resolve("results/run.json");
    Cli.Outcome outcome =
        Cli.execute(
            fixture,
            "run",
            "--result-json",
            resultFile.toString(),
            "--set",
            GATE + "reasons.UNKNOWN_ENTITY.max-quarantined-rows=0",
            "--set",
            GATE + "reasons.INVALID_VALUE.max-quarantined-rows=1",
            "--set",
            GATE + "max-quarantined-fraction=0.25");

    assertThat(outcome.exit()).isEqualTo(3);
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

    JsonNode result = new ObjectMapper().readTree(resultFile.toFile());
    assertThat(result.path("exit_code").asInt()).isEqualTo(outcome.exit());
    assertThat(result.path("error").asText()).contains("data-quality gate");
    assertThat(result.path("steps").findValuesAsText("step"))
        .containsExactly("ingest", "normalize", "growth", "concentration", "targets");
    JsonNode normalize = result.path("steps").get(1);
    assertThat(
            List.of(
                normalize.path("rows_read").asLong(),
                normalize.path("rows_accepted").asLong(),
                normalize.path("rows_quarantined").asLong()))
        .containsExactly(4L, 2L, 2L);
    assertThat(result.path("quarantined_by_reason").toString())
        .isEqualTo("{\"INVALID_VALUE\":1,\"UNKNOWN_ENTITY\":1}");
    assertThat(result.path("quality_gate").path("passed").asBoolean()).isFalse();
    assertThat(result.path("quality_gate").path("breaches")).hasSize(2);
    assertThat(result.path("table_versions").path("observations").asLong())
        .isEqualTo(fixture.version("observations"));
  }

  @Test
  void theRunResultsFieldsAreThoseTheReadmeDocuments(@TempDir Path root) throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "good.csv",
                "city,year,indicator,value,unit,market,status\n"
                    + "Dalian,2010,executed_value,1.8 billion,USD,OFFSHORE,A\n",
                StandardCharsets.UTF_8);
    Path resultFile = root.resolve("run.json");

    assertThat(Cli.execute(fixture, "run", "--result-json", resultFile.toString()).exit()).isZero();

    JsonNode result = new ObjectMapper().readTree(resultFile.toFile());
    assertThat(result.path("exit_code").asInt()).isZero();
    assertThat(result.path("error").isNull()).isTrue();
    assertThat(result.path("quality_gate").path("passed").asBoolean()).isTrue();
    Set<String> fields = new TreeSet<>();
    result.fieldNames().forEachRemaining(fields::add);
    result.path("steps").get(0).fieldNames().forEachRemaining(fields::add);
    result.path("quality_gate").fieldNames().forEachRemaining(fields::add);
    String readme = Files.readString(PipelineFixture.repository().resolve("README.md"));
    String section = readme.substring(readme.indexOf("### The run's result"));
    assertThat(fields).allSatisfy(field -> assertThat(section).contains("`" + field + "`"));
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

  @Test
  void underJsonLogsEveryLineIsAnObjectAndTheResultIsTheLast(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "observations",
                "bad.csv",
                "city,year,indicator,value,unit,market,status\n"
                    + "Atlantis,2010,executed_value,1 billion,USD,OFFSHORE,A\n",
                StandardCharsets.UTF_8);
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli.Outcome outcome;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      outcome =
          Cli.execute(
              fixture, "run", "--log-format", "json", "--set", GATE + "max-quarantined-rows=0");
    } finally {
      LogFormat.TEXT.apply();
      System.setErr(originalErr);
    }

    List<String> lines =
        err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> objects = new ArrayList<>();
    for (String line : lines) {
      objects.add(json.readTree(line));
    }
    assertThat(objects).allMatch(JsonNode::isObject);
    JsonNode result = objects.get(objects.size() - 1);
    assertThat(result.path("schema").asText()).isEqualTo("outsourcing-pipeline/run-result/1");
    assertThat(result.path("exit_code").asInt()).isEqualTo(outcome.exit()).isEqualTo(3);
    assertThat(objects.get(objects.size() - 2).path("message").asText())
        .isEqualTo(result.path("error").asText())
        .contains("data-quality gate");
  }
}
