package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.files.TahoeBatchFileIndex;
import org.apache.spark.sql.execution.datasources.FileIndex;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.jobs.SharedSpark;

/**
 * Read-only queries read small Delta tables from the file list of their latest checksum, with the
 * rows, names and qualifiers the tables have by name.
 */
@ExtendWith(SharedSpark.class)
class ChecksumScansTest {
  private final SparkSession spark = SharedSpark.spark();
  private String database;

  @BeforeEach
  void tables() {
    database = SharedSpark.uniqueName("cs_");
    spark.sql("CREATE DATABASE " + database);
    spark.sql("USE " + database);
    spark.sql("CREATE TABLE figures (city STRING, value BIGINT) USING delta");
    spark.sql("INSERT INTO figures VALUES ('Dalian', 18), ('Wuxi', 7)");
    spark.sql("INSERT INTO figures VALUES ('Suzhou', 9)");
    spark.sql("CREATE TABLE cities (city STRING, province STRING) USING delta");
    spark.sql("INSERT INTO cities VALUES ('Dalian', 'Liaoning'), ('Wuxi', 'Jiangsu')");
  }

  private Dataset<Row> rewritten(String query) {
    try {
      return ChecksumScans.query(spark, query);
    } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether every table the query reads is read from a given list of files. */
  private static boolean readFromChecksum(Dataset<Row> result) {
    return fileIndexes(result).stream()
        .allMatch(
            index -> index instanceof InMemoryFileIndex || index instanceof TahoeBatchFileIndex);
  }

  /** The file index of each leaf of the query's plan; null for a leaf that reads no files. */
  private static List<FileIndex> fileIndexes(Dataset<Row> result) {
    return scala.collection.JavaConverters.seqAsJavaList(
            result.queryExecution().optimizedPlan().collectLeaves())
        .stream()
        .map(
            leaf ->
                leaf instanceof LogicalRelation relation
                        && relation.relation() instanceof HadoopFsRelation files
                    ? files.location()
                    : null)
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT city, value FROM figures ORDER BY city | Dalian,18;Suzhou,9;Wuxi,7",
        "SELECT f.city, c.province FROM figures f JOIN %s.cities c USING (city) ORDER BY city"
            + " | Dalian,Liaoning;Wuxi,Jiangsu",
        "SELECT %s.figures.city FROM %s.figures ORDER BY 1 | Dalian;Suzhou;Wuxi",
        "SELECT figures.city FROM spark_catalog.%s.figures ORDER BY 1 | Dalian;Suzhou;Wuxi",
        "SELECT count(*) FROM figures WHERE city IN (SELECT city FROM cities) | 2",
        "WITH big AS (SELECT city FROM figures WHERE value > 8), c AS (SELECT * FROM cities)"
            + " SELECT big.city, province FROM big LEFT JOIN c USING (city) ORDER BY 1"
            + " | Dalian,Liaoning;Suzhou,null",
      })
  void aQueryAnswersFromTheChecksumsFileListAsByName(String template, String expected) {
    String query = template.replace("%s", database);

    Dataset<Row> result = rewritten(query);

    assertThat(readFromChecksum(result)).as("read from the checksum's file list").isTrue();
    assertThat(result.collectAsList())
        .extracting(row -> row.mkString(","))
        .containsExactly(expected.split(";"));
    assertThat(result.collectAsList()).isEqualTo(spark.sql(query).collectAsList());
  }

  @Test
  void aPlainTableIsReadAsParquetFromTheListedFilesNotFromItsFolder() {
    spark.sql("UPDATE figures SET value = value + 1 WHERE city = 'Wuxi'");

    Dataset<Row> result = rewritten("SELECT city, value FROM figures ORDER BY city");

    // The update left its replaced file in the folder: a listing of the folder would read it too.
    assertThat(fileIndexes(result)).singleElement().isInstanceOf(InMemoryFileIndex.class);
    assertThat(result.collectAsList())
        .extracting(row -> row.mkString(","))
        .containsExactly("Dalian,18", "Suzhou,9", "Wuxi,8");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE TABLE kept (city STRING, value BIGINT) USING delta PARTITIONED BY (city)",
        "CREATE TABLE kept (city STRING, value BIGINT) USING delta"
            + " TBLPROPERTIES ('delta.enableDeletionVectors' = true)",
        "CREATE TABLE kept (city STRING, value BIGINT) USING delta"
            + " TBLPROPERTIES ('delta.columnMapping.mode' = 'name',"
            + " 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')",
      })
  void aTableTheFilesAloneDoNotDescribeIsReadByDelta(String create) {
    spark.sql(create);
    spark.sql("INSERT INTO kept VALUES ('Dalian', 18), ('Wuxi', 7), ('Suzhou', 9)");
    spark.sql("DELETE FROM kept WHERE city = 'Wuxi'");

    Dataset<Row> result = rewritten("SELECT city, value FROM kept ORDER BY city");

    assertThat(fileIndexes(result)).singleElement().isInstanceOf(TahoeBatchFileIndex.class);
    assertThat(result.collectAsList())
        .extracting(row -> row.mkString(","))
        .containsExactly("Dalian,18", "Suzhou,9");
  }

  @Test
  void eachQuerySeesTheLatestCommit() {
    assertThat(rewritten("SELECT count(*) FROM figures").first().getLong(0)).isEqualTo(3);

    spark.sql("DELETE FROM figures WHERE city = 'Wuxi'");

    assertThat(rewritten("SELECT count(*) FROM figures").first().getLong(0)).isEqualTo(2);
  }

  @Test
  void timeTravelCtesAndTemporaryViewsKeepTheirOwnMeaning() {
    assertThat(rewritten("SELECT count(*) FROM figures VERSION AS OF 1").first().getLong(0))
        .isEqualTo(2);
    assertThat(rewritten("WITH figures AS (SELECT 1 AS x) SELECT x FROM figures").first().getInt(0))
        .isEqualTo(1);
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW cities AS SELECT 'Xiamen' AS city");
    try {
      Dataset<Row> view = rewritten("SELECT city FROM cities");
      assertThat(readFromChecksum(view)).isFalse();
      assertThat(view.collectAsList())
          .extracting(row -> row.getString(0))
          .isEqualTo(List.of("Xiamen"));
    } finally {
      spark.catalog().dropTempView("cities");
    }
  }
}
