package org.outsourcingstats.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * The warehouse folder is the catalog: Delta tables written into {@code
 * <warehouse>/<database>.db/<table>} by any process, without telling any metastore, are found by
 * name, with every version.
 */
@ExtendWith(SharedSpark.class)
class WarehouseCatalogTest {
  private final SparkSession spark = SharedSpark.spark();
  private String database;
  private Path databaseFolder;

  @BeforeEach
  void newDatabaseFolder() {
    database = SharedSpark.uniqueName("wc_");
    databaseFolder =
        Path.of(spark.sessionState().conf().warehousePath().replaceFirst("^file:", ""))
            .resolve(database + ".db");
  }

  /** A Delta table written by path, as another process would: no catalog hears of it. */
  private void writeByPath(String table, long rows) {
    spark
        .range(rows)
        .toDF("id")
        .write()
        .format("delta")
        .mode("append")
        .save(databaseFolder.resolve(table).toString());
  }

  @Test
  void aSessionStartedAfterTheTablesWereWrittenFindsThemByNameWithEveryVersion() {
    writeByPath("figures", 3);
    writeByPath("figures", 4);

    SparkSession later = spark.newSession();

    assertThat(
            later
                .sql("SHOW TABLES IN " + database)
                .select("tableName")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly("figures");
    assertThat(later.table(database + ".figures").count()).isEqualTo(7);
    assertThat(later.sql("SELECT count(*) FROM " + database + ".figures VERSION AS OF 0").first())
        .extracting(row -> row.getLong(0))
        .isEqualTo(3L);
  }

  @Test
  void aTableWrittenAfterTheSessionStartedIsFoundTheFirstTimeAStatementNamesIt() {
    writeByPath("first", 1);
    SparkSession session = spark.newSession();
    assertThat(session.catalog().tableExists(database + ".first")).isTrue();

    writeByPath("second", 2);

    assertThat(session.sql("SELECT count(*) FROM " + database + ".second").first().getLong(0))
        .isEqualTo(2L);
    assertThat(session.catalog().tableExists(database + ".second")).isTrue();
  }

  @Test
  void aFolderWithoutADeltaLogIsNoTable() throws IOException {
    writeByPath("table", 1);
    Files.createDirectories(databaseFolder.resolve("notes"));
    Files.writeString(databaseFolder.resolve("notes/readme.txt"), "not a table");

    SparkSession later = spark.newSession();

    assertThat(later.catalog().tableExists(database + ".notes")).isFalse();
    assertThat(later.catalog().tableExists(database + ".table")).isTrue();
  }

  @Test
  void aSessionHoldingTheDatabaseInAnotherWarehouseRefusesToWriteThere(@TempDir Path other) {
    writeByPath("runs", 1);
    // A session's first use of the catalog registers the database at its folder in this warehouse.
    assertThat(spark.newSession().catalog().tableExists(database + ".runs")).isTrue();
    PipelineConfig elsewhere =
        PipelineConfig.load(
            null, Map.of("pipeline.warehouse", other.toString(), "pipeline.database", database));

    assertThatThrownBy(() -> new PipelineTables(spark, elsewhere).ensureCreated())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("already holds database " + database)
        .hasMessageContaining(other.toString());
    assertThat(other).isEmptyDirectory();
  }
}
