package org.outsourcingstats.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.catalog.WarehouseCatalog;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * JUnit 5 extension giving every test class of the JVM one SparkSession: {@code local[2]}, two
 * shuffle partitions, no UI, Delta Lake, and the pipeline's own catalog (the warehouse folder) in a
 * temporary folder. It is stopped when the whole suite ends. Use with
 * {@code @ExtendWith(SharedSpark.class)} and {@link #spark()}.
 */
public final class SharedSpark implements BeforeAllCallback {
  private static SparkSession session;
  private static Path root;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedSpark.class, key -> start(), Closer.class);
  }

  /** The shared session; only valid in classes extended with this extension. */
  public static synchronized SparkSession spark() {
    if (session == null) {
      start();
    }
    return session;
  }

  /** A folder private to the suite, for warehouses of tests that create their own databases. */
  public static Path root() {
    spark();
    return root;
  }

  /**
   * A database name no other test uses, {@code prefix} and 12 random hexadecimal digits, for a test
   * that creates its own database in the shared catalog.
   */
  public static String uniqueName(String prefix) {
    return prefix + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * A database of its own ({@link #uniqueName}) in the suite's root folder, holding only {@code
   * tables}: for tests of a few tables, since creating all of them takes seconds.
   */
  public static PipelineTables tablesOf(String prefix, PipelineTable... tables) {
    String database = uniqueName(prefix);
    spark()
        .sql(
            "CREATE DATABASE "
                + database
                + " LOCATION "
                + PipelineTables.literal(root().resolve(database + ".db").toString()));
    PipelineTables created = new PipelineTables(spark(), config(database));
    for (PipelineTable table : tables) {
      created.ensureCreated(table);
    }
    return created;
  }

  /**
   * The pipeline's default configuration for database {@code database} in a warehouse folder of its
   * own under the suite's root folder.
   */
  public static PipelineConfig config(String database) {
    return PipelineConfig.load(
        null,
        Map.of(
            "pipeline.warehouse",
            root().resolve(database).toString(),
            "pipeline.database",
            database));
  }

  private static synchronized Closer start() {
    if (session == null) {
      try {
        root = Files.createTempDirectory("outsourcing-tests");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("outsourcing-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
              .config("spark.sql.constraintPropagation.enabled", "false")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config("spark.sql.catalog.spark_catalog", WarehouseCatalog.class.getName())
              .config("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toString())
              .config("spark.sql.catalogImplementation", "in-memory")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config(
                  "spark.sql.sources.parallelPartitionDiscovery.parallelism",
                  "8") // VACUUM's listing tasks
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return new Closer();
  }

  /** Stops the session when the suite's root context closes. */
  static final class Closer implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      synchronized (SharedSpark.class) {
        if (session != null) {
          session.stop();
          session = null;
        }
      }
    }
  }
}
