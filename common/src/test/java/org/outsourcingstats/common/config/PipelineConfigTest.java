package org.outsourcingstats.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.common.landing.IngestLimits;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.common.quality.ReasonCode;

class PipelineConfigTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "pipeline.no-such-key;'pipeline.no-such-key' is not a setting of the pipeline.",
        "pipeline.lock-wait-secnds;did you mean 'pipeline.lock-wait-seconds'?",
        "pipeline.ingest.max-colums;did you mean 'pipeline.ingest.max-columns'?",
        "spark.sql.shuffle.partitions;did you mean 'pipeline.spark.\"spark.sql.shuffle.partitions\"'?",
        "pipeline.quality-gate.reasons.UNKNOWN_ENTITI.max-quarantined-rows;"
            + "did you mean 'pipeline.quality-gate.reasons.UNKNOWN_ENTITY.max-quarantined-rows'?",
      })
  void anUnknownSettingOnTheCommandLineIsAnErrorNamingTheNearestKnownOne(
      String key, String expected) {
    assertThatThrownBy(() -> PipelineConfig.load(null, Map.of(key, "1")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void eachSettingSaysWhetherItsValueCameFromTheCommandLineTheFileOrTheDefaults(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("a.conf"),
            "pipeline { lock-wait-seconds = 5, growth.tolerance-pp = 0.3 }\n"
                + "pipeline.spark { \"spark.sql.shuffle.partitions\" = \"3\" }\n");

    PipelineConfig config =
        PipelineConfig.load(file, Map.of("pipeline.growth.tolerance-pp", "0.2"));

    assertThat(config.settings())
        .contains(
            new PipelineConfig.Setting(
                "pipeline.growth.tolerance-pp", "0.2", PipelineConfig.Origin.COMMAND_LINE),
            new PipelineConfig.Setting(
                "pipeline.lock-wait-seconds", "5", PipelineConfig.Origin.FILE),
            new PipelineConfig.Setting(
                "pipeline.database", "outsourcing", PipelineConfig.Origin.DEFAULT));
    assertThat(config.sparkSettingOrigin("spark.sql.shuffle.partitions"))
        .isEqualTo(PipelineConfig.Origin.FILE);
    assertThat(config.sparkSettingOrigin("spark.sql.session.timeZone"))
        .isEqualTo(PipelineConfig.Origin.DEFAULT);
  }

  @Test
  void anUnknownPipelineSettingInTheFileIsAnErrorWhileOtherToolsKeysAndSparkSettingsAreKept(
      @TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("a.conf"),
            "pipeline { spark { \"spark.any.thing\" = 1 } }\nakka.loglevel = INFO\n");
    assertThat(PipelineConfig.load(file, Map.of()).sparkSettings())
        .containsEntry("spark.any.thing", "1");

    Path typo =
        Files.writeString(dir.resolve("b.conf"), "pipeline { growth { tolerance-p = 0.2 } }\n");
    assertThatThrownBy(() -> PipelineConfig.load(typo, Map.of()))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("'pipeline.growth.tolerance-p'")
        .hasMessageContaining("did you mean 'pipeline.growth.tolerance-pp'?");
  }

  @Test
  void ingestLimitsHaveDocumentedDefaultsAndAreValidated() {
    assertThat(PipelineConfig.load(null, Map.of()).ingestLimits()).isEqualTo(IngestLimits.DEFAULTS);
    assertThat(
            PipelineConfig.load(null, Map.of("pipeline.ingest.max-file-bytes", "1 MiB"))
                .ingestLimits()
                .maxFileBytes())
        .isEqualTo(1L << 20);
    assertThatThrownBy(() -> PipelineConfig.load(null, Map.of("pipeline.ingest.max-columns", "0")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("max-columns must be positive");
  }

  @Test
  void theQualityGateIsOpenByDefaultAndTakesLimitsPerReasonCode() {
    assertThat(PipelineConfig.load(null, Map.of()).qualityGate().hasLimits()).isFalse();

    QualityGate gate =
        PipelineConfig.load(
                null,
                Map.of(
                    "pipeline.quality-gate.reasons.UNKNOWN_ENTITY.max-quarantined-rows", "0",
                    "pipeline.quality-gate.max-quarantined-fraction", "0.5"))
            .qualityGate();

    assertThat(gate.check(10, Map.of(ReasonCode.INVALID_VALUE, 5L)).passed()).isTrue();
    assertThat(gate.check(10, Map.of(ReasonCode.INVALID_VALUE, 6L)).passed()).isFalse();
    assertThat(gate.check(10, Map.of(ReasonCode.UNKNOWN_ENTITY, 1L)).passed()).isFalse();
  }

  @Test
  void aQualityGateLimitOutOfRangeIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                PipelineConfig.load(
                    null, Map.of("pipeline.quality-gate.max-quarantined-fraction", "5")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("pipeline.quality-gate")
        .hasMessageContaining("between 0.0 and 1.0");
  }
}
