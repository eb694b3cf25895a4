package org.outsourcingstats.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.Errors;

/**
 * What the bench jobs read and where they write: the same files DuckDB reads in bench/duckdb.mjs.
 */
final class BenchInputs {
  private BenchInputs() {}

  /**
   * The contracts register of the landing folder, every {@code <landing>/contracts/*.csv}, read
   * with the explicit schema of {@code schemaFile} (a Spark DDL column list): no inference, the
   * header line of each file skipped.
   */
  static Dataset<Row> contracts(SparkSession spark, PipelineConfig config, Path schemaFile) {
    String folder = config.landing() + "/contracts";
    if (!config.landing().contains("://") && !Files.isDirectory(Path.of(folder))) {
      throw Errors.benchInputMissing(
          "contracts register",
          folder,
          "write one with 'scripts/pipeline generate --rows N --landing " + config.landing() + "'");
    }
    StructType schema =
        StructType.fromDDL(text(schemaFile, "schema of the contracts register").strip());
    return spark.read().schema(schema).option("header", "true").csv(folder + "/*.csv");
  }

  /**
   * A reference CSV ({@code conf/reference/<name>}) with every column as text, as the SQL of the
   * lean job expects.
   */
  static Dataset<Row> reference(SparkSession spark, Path folder, String name) {
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw Errors.benchInputMissing(
          "reference file " + name,
          file.toString(),
          "run from the repository root, or point pipeline.reference-dir at a folder holding it");
    }
    // RFC 4180 quoting: the FX sources are quoted text with commas.
    return spark.read().option("header", "true").option("escape", "\"").csv(file.toString());
  }

  /** The text of one of the benchmark's files (bench/*.sql, bench/*.ddl). */
  static String text(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw Errors.benchInputMissing(
          what,
          file.toAbsolutePath().toString(),
          "run from the repository root (scripts/pipeline does), or name the file with its option");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Where a bench job writes its Delta table: {@code <warehouse>/bench/<job>}, outside the
   * pipeline's database.
   */
  static String output(PipelineConfig config, String job) {
    return config.warehouse() + "/bench/" + job;
  }
}
