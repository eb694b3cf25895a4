package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.SparkJobs;

/**
 * The distinct values of a column from a Delta table's log and files, without a Spark job, and the
 * query the answer falls back to where the files alone could be wrong.
 */
@ExtendWith(SharedSpark.class)
class LoggedValuesTest {
  /** 64 hexadecimal digits, the length of a file checksum: longer than Delta's default prefix. */
  private static final String SHA_A = "a".repeat(63) + "1";

  private static final String SHA_B = "a".repeat(63) + "2";

  private static String database;
  private static PipelineTables tables;

  @BeforeAll
  static void warehouse() {
    SparkSession spark = SharedSpark.spark();
    // The statistics prefix the pipeline's sessions use (reference.conf).
    PipelineConfig.load(null, Map.of())
        .sparkSettings()
        .forEach(
            (key, value) -> {
              if (key.startsWith("spark.databricks.")) {
                spark.conf().set(key, value);
              }
            });
    database = SharedSpark.uniqueName("logged");
    tables = new PipelineTables(spark, SharedSpark.config(database)).ensureCreated();
  }

  private static void insertBatch(String batch, String... checksums) {
    StringBuilder values = new StringBuilder();
    int line = 0;
    for (String checksum : checksums) {
      values
          .append(values.length() == 0 ? "" : ", ")
          .append("('contracts', 'f.csv', ")
          .append(++line)
          .append(", 'text', '")
          .append(checksum)
          .append("', '")
          .append(batch)
          .append("')");
    }
    // One partition, so that one file holds every checksum of the batch.
    SharedSpark.spark()
        .sql(
            "INSERT INTO "
                + database
                + ".raw_rows (shape, source_file, source_line, raw, file_sha256, batch_id) "
                + "SELECT /*+ COALESCE(1) */ * FROM VALUES "
                + values);
  }

  @Test
  void valuesComeFromStatisticsAndFilesWithoutASparkJob() throws Exception {
    insertBatch("b1", SHA_A, SHA_A);
    insertBatch("b2", SHA_A, SHA_B);

    SparkJobs.Recorded<Set<String>> checksums =
        SparkJobs.during(() -> tables.distinctValues(Tables.RAW_ROWS, "file_sha256"));
    SparkJobs.Recorded<Set<String>> batches =
        SparkJobs.during(() -> tables.distinctValues(Tables.RAW_ROWS, "batch_id"));

    assertThat(checksums.value()).containsExactlyInAnyOrder(SHA_A, SHA_B);
    assertThat(batches.value()).containsExactlyInAnyOrder("b1", "b2");
    assertThat(checksums.jobs()).isEmpty();
    assertThat(batches.jobs()).isEmpty();
  }

  @Test
  void rowsDeletedByDeletionVectorsAreQueriedInstead() {
    SparkSession spark = SharedSpark.spark();
    String table = database + ".batches";
    spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.enableDeletionVectors' = true)");
    spark.sql(
        "INSERT INTO "
            + table
            + " SELECT /*+ COALESCE(1) */ * FROM VALUES "
            + "('kept', 1, 1, 0, 0, NULL), ('deleted', 1, 1, 0, 0, NULL)");
    spark.sql("DELETE FROM " + table + " WHERE batch_id = 'deleted'");

    assertThat(tables.distinctValues(Tables.BATCHES, "batch_id")).containsExactly("kept");
  }
}
