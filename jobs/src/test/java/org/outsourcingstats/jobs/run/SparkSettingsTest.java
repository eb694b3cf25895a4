package org.outsourcingstats.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.config.PipelineConfig;

/**
 * Which value of a Spark setting a pipeline session gets: the operator's spark-submit settings win
 * over the pipeline's files, the pipeline's command line and its own needs win over both.
 */
class SparkSettingsTest {
  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ZONE = "spark.sql.session.timeZone";

  @TempDir Path folder;

  private PipelineConfig configWithFile(Map<String, String> overrides) throws IOException {
    Path file = folder.resolve("pipeline.conf");
    Files.writeString(
        file,
        "pipeline.spark { \""
            + PARTITIONS
            + "\" = \"4\", \"spark.sql.ansi.enabled\" = \"true\" }\n");
    return PipelineConfig.load(file, overrides);
  }

  private static Map<String, SparkSettings.Setting> byKey(
      PipelineConfig config, String master, SparkConf submitted) {
    return SparkSettings.of(config, master, submitted).stream()
        .collect(java.util.stream.Collectors.toMap(SparkSettings.Setting::key, setting -> setting));
  }

  @Test
  void sparkSubmitSettingsWinOverThePipelinesFileAndDefaults() throws IOException {
    SparkConf submitted =
        new SparkConf(false)
            .set("spark.master", "local[2]")
            .set(PARTITIONS, "123")
            .set(ZONE, "Asia/Shanghai");

    Map<String, SparkSettings.Setting> settings = byKey(configWithFile(Map.of()), null, submitted);

    assertThat(settings.get(PARTITIONS).value()).isEqualTo("123");
    assertThat(settings.get(PARTITIONS).origin()).startsWith("spark-submit");
    assertThat(settings.get(ZONE).value()).isEqualTo("Asia/Shanghai");
    // What spark-submit did not set, the file fills, and the defaults after it.
    assertThat(settings.get("spark.sql.ansi.enabled").value()).isEqualTo("true");
    assertThat(settings.get("spark.sql.ansi.enabled").origin()).contains("configuration file");
    assertThat(settings.get("spark.sql.legacy.timeParserPolicy").origin()).contains("default");
    // A session is given only what spark-submit left unset: its own values stay.
    assertThat(SparkSessions.settings(configWithFile(Map.of()), null, submitted))
        .doesNotContainKeys(PARTITIONS, ZONE)
        .containsEntry("spark.sql.ansi.enabled", "true");
  }

  @Test
  void thePipelinesCommandLineWinsOverSparkSubmit() throws IOException {
    SparkConf submitted = new SparkConf(false).set(PARTITIONS, "123");
    PipelineConfig config = configWithFile(Map.of("pipeline.spark.\"" + PARTITIONS + "\"", "7"));

    SparkSettings.Setting partitions = byKey(config, null, submitted).get(PARTITIONS);

    assertThat(partitions.value()).isEqualTo("7");
    assertThat(partitions.origin()).contains("command line");
  }

  @Test
  void deltaIsAddedToTheExtensionsAlreadySetAndTheWarehouseIsThePipelines() throws IOException {
    SparkConf submitted =
        new SparkConf(false)
            .set("spark.sql.extensions", "com.example.Extension")
            .set("spark.sql.warehouse.dir", "/elsewhere");
    PipelineConfig config = configWithFile(Map.of("pipeline.warehouse", "/data/wh"));

    Map<String, SparkSettings.Setting> settings = byKey(config, "local[1]", submitted);

    assertThat(settings.get("spark.sql.extensions").value())
        .isEqualTo("com.example.Extension,io.delta.sql.DeltaSparkSessionExtension");
    assertThat(settings.get("spark.sql.warehouse.dir").value()).isEqualTo("/data/wh");
    assertThat(settings.get("spark.master").value()).isEqualTo("local[1]");
    assertThat(settings.get("spark.master").origin()).contains("--master");
  }
}
