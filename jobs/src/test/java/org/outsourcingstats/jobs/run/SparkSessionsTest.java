package org.outsourcingstats.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.common.config.PipelineConfig;

/**
 * The settings every session of the pipeline gets, whoever builds it (the pipeline, Spark's SQL
 * shell).
 */
class SparkSessionsTest {
  private static PipelineConfig config(Path warehouse, String... keyValues) {
    Map<String, String> overrides =
        new java.util.HashMap<>(Map.of("pipeline.warehouse", warehouse.toString()));
    for (int i = 0; i < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    return PipelineConfig.load(null, overrides);
  }

  @Test
  void theWarehouseFolderIsTheCatalogAndLocalModeBindsToLoopback(@TempDir Path warehouse) {
    Map<String, String> settings =
        SparkSessions.settings(config(warehouse), null, new SparkConf(false));

    assertThat(settings)
        .containsEntry("spark.master", "local[*]")
        .containsEntry("spark.sql.warehouse.dir", warehouse.toString())
        .containsEntry("spark.sql.catalogImplementation", "in-memory")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.outsourcingstats.jobs.catalog.WarehouseCatalog")
        .containsEntry("spark.driver.bindAddress", "127.0.0.1")
        .containsEntry("spark.sql.shuffle.partitions", "8"); // reference.conf's pipeline.spark
    assertThat(settings.get("spark.hadoop.javax.jdo.option.ConnectionURL"))
        .as("the SQL front ends' Hive metastore is private to their process")
        .startsWith("jdbc:derby:memory:");
  }

  @Test
  void theCommandLineMasterWinsOverSparkSubmitsAndAClusterIsNotBoundToLoopback(
      @TempDir Path warehouse) {
    SparkConf submitted = new SparkConf(false).set("spark.master", "local[3]");

    // spark-submit's master is the session's: the pipeline does not set it again.
    assertThat(SparkSessions.settings(config(warehouse), null, submitted))
        .doesNotContainKey("spark.master");
    assertThat(SparkSessions.settings(config(warehouse), "spark://10.0.0.1:7077", submitted))
        .containsEntry("spark.master", "spark://10.0.0.1:7077")
        .doesNotContainKeys("spark.driver.host", "spark.driver.bindAddress");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded-derby", "in-memory"})
  void theCatalogNamesOfEarlierReleasesMeanTheWarehouseFolder(
      String former, @TempDir Path warehouse) {
    PipelineConfig config = config(warehouse, "pipeline.catalog", former);

    assertThat(config.catalog()).isEqualTo(PipelineConfig.Catalog.WAREHOUSE);
    assertThat(config.formerCatalogName()).isEqualTo(former);
  }

  @Test
  void aClusterMetastoreKeepsDeltasOwnCatalog(@TempDir Path warehouse) {
    Map<String, String> settings =
        SparkSessions.settings(
            config(warehouse, "pipeline.catalog", "external-hive"), null, new SparkConf(false));

    assertThat(settings)
        .containsEntry("spark.sql.catalogImplementation", "hive")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .doesNotContainKey("spark.hadoop.javax.jdo.option.ConnectionURL");
  }
}
