package org.outsourcingstats.jobs.tables;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;

/**
 * A pipeline table created by committing its first version on the driver: the schema and properties
 * {@code CREATE TABLE} would commit, through Delta's own transaction, which sets the protocol the
 * properties need and adds the session's table defaults ({@code
 * spark.databricks.delta.properties.defaults.*}) as {@code CREATE TABLE} does. Without a statement
 * to parse, analyse and run, a fresh warehouse's tables are made in a fraction of the time.
 */
final class DriverCreate {
  private static final String ALL_FILES_IN_CHECKSUM =
      "spark.databricks.delta.allFilesInCrc.enabled";

  private DriverCreate() {}

  /**
   * Commits version 0 of {@code table} in {@code folder}; false when a version is already there
   * (another process made it first).
   */
  static boolean create(SparkSession spark, Path folder, PipelineTable table) {
    OptimisticTransaction transaction = DeltaLog.forTable(spark, folder).startTransaction();
    if (transaction.readVersion() >= 0) {
      return false;
    }
    Metadata metadata =
        new Metadata(
            UUID.randomUUID().toString(),
            null,
            null,
            new Format("parquet", scalaMap(Map.of())),
            table.schema().json(),
            SparkApi.seq(List.of()),
            scalaMap(table.tableProperties()),
            Option.<Object>apply(System.currentTimeMillis()));
    transaction.updateMetadataForNewTable(metadata);
    // The first commit's checksum lists the files of the table (none) without asking the
    // transaction's empty read snapshot for them, which is a Spark job, and in a fresh JVM the
    // first build of Delta's action encoder: about 4.6 s of a fresh warehouse's ten tables. The
    // next commits list their files as every commit does (PipelineTablesTest checks both).
    String was = spark.conf().get(ALL_FILES_IN_CHECKSUM, null);
    spark.conf().set(ALL_FILES_IN_CHECKSUM, "false");
    try {
      transaction.commit(
          SparkApi.seq(List.of()),
          new DeltaOperations.CreateTable(metadata, true, false, Option.empty()));
    } finally {
      if (was == null) {
        spark.conf().unset(ALL_FILES_IN_CHECKSUM);
      } else {
        spark.conf().set(ALL_FILES_IN_CHECKSUM, was);
      }
    }
    return true;
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
    scala.collection.immutable.Map<String, String> result =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      result = result.updated(entry.getKey(), entry.getValue());
    }
    return result;
  }
}
