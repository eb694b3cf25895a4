package org.outsourcingstats.common.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;

/**
 * Creates the one SparkSession a pipeline process uses, with Delta Lake and the configured catalog. An already
 * active session (a notebook's, a test suite's) is reused as it is.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The session for {@code config}.
   *
   * @param master the master URL from the command line, or null to keep spark-submit's (local[*] by default)
   */
  public static SparkSession getOrCreate(PipelineConfig config, String master) {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null) {
      return active;
    }
    SparkConf conf = new SparkConf();
    String effectiveMaster = master != null ? master : conf.get("spark.master", "local[*]");
    SparkSession.Builder builder = SparkSession.builder()
        .appName("outsourcing-pipeline")
        .master(effectiveMaster)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", config.warehouse());
    if (effectiveMaster.startsWith("local")) {
      // Local mode serves nobody else: bind to loopback only.
      builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    for (Map.Entry<String, String> setting : config.sparkSettings().entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    switch (config.catalog()) {
      case EMBEDDED_DERBY -> {
        String metastore = config.warehouse() + "/metastore_db";
        System.setProperty("derby.system.home", config.warehouse());
        builder.config("spark.sql.catalogImplementation", "hive")
            .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + metastore + ";create=true")
            .config("spark.hadoop.hive.metastore.warehouse.dir", config.warehouse())
            .config("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
            .config("spark.hadoop.hive.metastore.schema.verification", "false");
      }
      case EXTERNAL_HIVE -> builder.config("spark.sql.catalogImplementation", "hive");
      case IN_MEMORY -> builder.config("spark.sql.catalogImplementation", "in-memory");
    }
    return builder.getOrCreate();
  }
}
