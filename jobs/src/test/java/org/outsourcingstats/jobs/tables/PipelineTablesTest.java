package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.SparkJobs;

/**
 * Which tables a run creates: every missing one, whatever a process killed while it created them
 * left behind, and whatever the session holds.
 */
@ExtendWith(SharedSpark.class)
class PipelineTablesTest {
  @TempDir Path warehouse;

  private PipelineConfig config(String database) {
    return PipelineConfig.load(
        null, Map.of("pipeline.warehouse", warehouse.toString(), "pipeline.database", database));
  }

  @Test
  void aTableFolderWithoutADeltaCommitIsReplacedByTheTable() throws IOException {
    Path folder = Files.createDirectories(warehouse.resolve("leftover1.db/raw_rows/_delta_log"));
    Files.writeString(folder.resolve(".00000000000000000000.json.tmp"), "{\"commitInfo\"");
    SparkSession spark = SharedSpark.spark();

    new PipelineTables(spark, config("leftover1")).ensureCreated();

    assertThat(spark.table("leftover1.raw_rows").count()).isZero();
    assertThat(spark.table("leftover1.observations").count()).isZero();
  }

  @Test
  void aDeltaTableTheCatalogDoesNotKnowIsRegisteredWithItsRows() {
    SparkSession spark = SharedSpark.spark();
    // What a killed run leaves: the table as ensureCreated creates it, and a commit, but no catalog
    // entry.
    String location = warehouse.resolve("leftover2.db/batches").toString();
    spark.sql(
        "CREATE TABLE delta.`"
            + location
            + "` ("
            + Tables.BATCHES.schema().toDDL()
            + ") USING delta TBLPROPERTIES ('delta.appendOnly' = 'false')");
    spark.sql("INSERT INTO delta.`" + location + "` VALUES ('b1', 3, 2, 1, 0, NULL)");

    new PipelineTables(spark, config("leftover2")).ensureCreated();

    assertThat(spark.table("leftover2.batches").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("b1");
  }

  @Test
  void aTemporaryViewWithATablesNameDoesNotStandInForTheTable() {
    SparkSession spark = SharedSpark.spark();
    spark.sql("SELECT 1 AS id").createOrReplaceTempView("contracts");
    try {
      new PipelineTables(spark, config("shadowed")).ensureCreated();

      assertThat(spark.catalog().tableExists("shadowed.contracts")).isTrue();
      assertThat(spark.table("shadowed.contracts").columns()).contains("contract_id");
    } finally {
      spark.catalog().dropTempView("contracts");
    }
  }

  @Test
  void existingTablesAreLeftAsTheyAre() {
    SparkSession spark = SharedSpark.spark();
    PipelineTables tables = new PipelineTables(spark, config("again")).ensureCreated();
    spark.sql("INSERT INTO again.batches VALUES ('b1', 3, 2, 1, 0, NULL)");

    tables.ensureCreated();

    assertThat(spark.table("again.batches").count()).isEqualTo(1);
    assertThat(tables.version(Tables.BATCHES)).isEqualTo(1);
  }

  /**
   * A table is created by committing its first version on the driver; it has the protocol, table
   * features, properties and schema that {@code CREATE TABLE} gives the same definition.
   */
  @Test
  void creatingTheTablesStartsNoSparkJobAndTheirChecksumsListTheirFiles() throws Exception {
    SparkSession spark = SharedSpark.spark();
    spark.sql(
        "CREATE DATABASE fresh LOCATION "
            + PipelineTables.literal(warehouse.resolve("fresh.db").toString()));
    PipelineTables tables = new PipelineTables(spark, config("fresh"));

    SparkJobs.Recorded<PipelineTables> created = SparkJobs.during(tables::ensureCreated);

    assertThat(created.jobs()).isEmpty();
    assertThat(tables.log(Tables.OBSERVATIONS).listedFiles()).hasValue(List.of());
    spark.sql("INSERT INTO fresh.batches VALUES ('b1', 3, 2, 1, 0, NULL)");
    assertThat(tables.log(Tables.BATCHES).listedFiles())
        .hasValueSatisfying(files -> assertThat(files).hasSize(1));
  }

  @Test
  void aTableCreatedOnTheDriverIsTheTableCreateTableMakes() {
    SparkSession spark = SharedSpark.spark();
    new PipelineTables(spark, config("created")).ensureCreated();
    for (PipelineTable table : List.of(Tables.RUNS, Tables.RAW_ROWS, Tables.OBSERVATIONS)) {
      spark.sql(
          "CREATE TABLE created.by_sql_"
              + table.name()
              + " ("
              + table.schema().toDDL()
              + ") USING delta TBLPROPERTIES ("
              + table.tableProperties().entrySet().stream()
                  .map(p -> "'" + p.getKey() + "' = '" + p.getValue() + "'")
                  .collect(Collectors.joining(", "))
              + ")");

      assertThat(detail("created." + table.name()))
          .isEqualTo(detail("created.by_sql_" + table.name()));
      assertThat(spark.table("created." + table.name()).schema())
          .isEqualTo(spark.table("created.by_sql_" + table.name()).schema());
    }
  }

  private static Row detail(String table) {
    return SharedSpark.spark()
        .sql("DESCRIBE DETAIL " + table)
        .select(
            "format",
            "partitionColumns",
            "numFiles",
            "properties",
            "minReaderVersion",
            "minWriterVersion",
            "tableFeatures")
        .first();
  }
}
