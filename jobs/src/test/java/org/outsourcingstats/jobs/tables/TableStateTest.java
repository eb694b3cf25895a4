package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

/** A table's version, row count, last commit and rows, read from its Delta log. */
@ExtendWith(SharedSpark.class)
class TableStateTest {
  private static final String THRESHOLD = "spark.databricks.delta.allFilesInCrc.thresholdNumFiles";
  private final SparkSession spark = SharedSpark.spark();
  private String database;

  @BeforeEach
  void database() {
    database = SharedSpark.uniqueName("ts_");
    spark.sql("CREATE DATABASE " + database);
  }

  @AfterEach
  void defaultThreshold() {
    spark.conf().unset(THRESHOLD);
  }

  private void commitThreeTimes(String table) {
    spark.sql("CREATE TABLE " + database + "." + table + " (id BIGINT, name STRING) USING delta");
    spark.sql("INSERT INTO " + database + "." + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    spark.sql("INSERT INTO " + database + "." + table + " VALUES (4, 'd')");
    spark.sql("DELETE FROM " + database + "." + table + " WHERE id = 2");
  }

  @Test
  void theVersionRowCountAndLastCommitComeFromTheLog() {
    commitThreeTimes("figures");

    TableState state = TableState.of(spark, database, "figures");

    // CREATE is version 0, then two inserts and a delete: 3 rows of 4 are left.
    assertThat(state.version()).isEqualTo(3);
    assertThat(state.rows()).isEqualTo(3L);
    assertThat(state.lastOperation()).isEqualTo("DELETE");
    assertThat(state.lastCommit()).isNotNull();
    assertThat(
            TableState.latestRows(spark, database, "figures")
                .orderBy("id")
                .select("name")
                .collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("a", "c", "d");
  }

  @Test
  void aTableOfMoreFilesThanTheChecksumListsHasNoRowCountButItsRowsAreRead() {
    spark.conf().set(THRESHOLD, "1");
    commitThreeTimes("many");

    TableState state = TableState.of(spark, database, "many");

    assertThat(state.version()).isEqualTo(3);
    assertThat(state.rows()).as("no file list in the checksum").isNull();
    assertThat(TableState.latestRows(spark, database, "many").count()).isEqualTo(3);
  }
}
