package org.outsourcingstats.jobs.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.catalog.WarehouseCatalog;

/**
 * Creates the one SparkSession a pipeline process uses, with Delta Lake and the configured catalog.
 * An already active session (a notebook's, a test suite's) is reused as it is. {@link #settings}
 * gives the same settings to sessions the pipeline does not build itself (Spark's SQL shell and
 * Thrift server), so that every process sees the same tables by name.
 */
public final class SparkSessions {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /**
   * The session for {@code config}.
   *
   * @param master the master URL from the command line, or null to keep spark-submit's (local[*] by
   *     default)
   */
  public static SparkSession getOrCreate(PipelineConfig config, String master) {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null) {
      return active;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("outsourcing-pipeline");
    settings(config, master, new SparkConf()).forEach(builder::config);
    prepareJvm(config);
    SparkSession spark = builder.getOrCreate();
    // Loads the session catalog now, which registers the warehouse's tables, so that the first
    // statement finds them whichever of Spark's catalog paths it takes.
    spark.sessionState().catalogManager().v2SessionCatalog();
    return spark;
  }

  /**
   * Every Spark setting of a pipeline session, in the order they apply: the master, Delta Lake, the
   * warehouse, loopback binding in local mode, {@code pipeline.spark.*}, then the catalog (the
   * warehouse folder, {@link WarehouseCatalog}, or the cluster's Hive metastore).
   *
   * @param master the master URL from the command line, or null to keep the one of {@code
   *     submitted}
   * @param submitted the settings spark-submit passed on (its {@code spark.master}), read for the
   *     master only
   */
  public static Map<String, String> settings(
      PipelineConfig config, String master, SparkConf submitted) {
    Map<String, String> settings = new LinkedHashMap<>();
    String effectiveMaster = master != null ? master : submitted.get("spark.master", "local[*]");
    settings.put("spark.master", effectiveMaster);
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.warehouse.dir", config.warehouse());
    if (effectiveMaster.startsWith("local")) {
      // Local mode serves nobody else: bind to loopback only.
      settings.put("spark.driver.host", "127.0.0.1");
      settings.put("spark.driver.bindAddress", "127.0.0.1");
    }
    settings.putAll(config.sparkSettings());
    switch (config.catalog()) {
      case WAREHOUSE -> {
        settings.put("spark.sql.catalog.spark_catalog", WarehouseCatalog.class.getName());
        settings.put("spark.sql.catalogImplementation", "in-memory");
        // Spark's SQL shell and Thrift server insist on a Hive metastore: theirs is an in-memory
        // Derby database, private to the process and filled from the folder like the in-memory one.
        settings.put(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:memory:outsourcing_metastore;create=true");
        settings.put("spark.hadoop.hive.metastore.warehouse.dir", config.warehouse());
        settings.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        settings.put("spark.hadoop.hive.metastore.schema.verification", "false");
      }
      case EXTERNAL_HIVE -> {
        settings.put(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        settings.put("spark.sql.catalogImplementation", "hive");
      }
    }
    return Collections.unmodifiableMap(settings);
  }

  /**
   * JVM-wide settings a session of {@code config} needs before it starts: the log of an in-memory
   * Derby metastore (Spark's SQL front ends) in the JVM's temporary folder, not the working one.
   */
  public static void prepareJvm(PipelineConfig config) {
    if (config.catalog() == PipelineConfig.Catalog.WAREHOUSE
        && System.getProperty("derby.stream.error.file") == null) {
      System.setProperty(
          "derby.stream.error.file",
          Path.of(System.getProperty("java.io.tmpdir"), "outsourcing-derby.log").toString());
    }
    if (config.formerCatalogName() != null) {
      LOG.warn(
          "pipeline.catalog = {} is a name of an earlier release: the warehouse folder is now the catalog "
              + "(pipeline.catalog = warehouse); its tables are found where they are, and {}/metastore_db is no "
              + "longer read (delete it when no earlier release uses the warehouse)",
          config.formerCatalogName(),
          config.warehouse());
    }
  }
}
