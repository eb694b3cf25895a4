package org.outsourcingstats.jobs.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.catalog.WarehouseCatalog;
import scala.Tuple2;

/**
 * The Spark settings of a pipeline session, each with where its value comes from. Precedence,
 * highest first:
 *
 * <ol>
 *   <li>what the pipeline needs of its session: Delta Lake's extension (added to the extensions
 *       already set), the warehouse, the catalog that {@code pipeline.catalog} selects, and the
 *       master of the pipeline's {@code --master};
 *   <li>{@code pipeline.spark."spark.x"} given on the pipeline's command line ({@code --set});
 *   <li>Spark settings given to spark-submit: its {@code --conf}, {@code --properties-file}, {@code
 *       spark-defaults.conf}, a platform's cluster configuration: what the operator set;
 *   <li>{@code pipeline.spark."spark.x"} of the configuration file, then of {@code reference.conf},
 *       and loopback binding in local mode: these only fill what was not set above.
 * </ol>
 */
public final class SparkSettings {
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  private SparkSettings() {}

  /** One effective Spark setting. */
  public record Setting(String key, String value, String origin) {
    /** Whether spark-submit (or the cluster) set the value the session gets. */
    boolean submitted() {
      return origin.equals(SUBMITTED);
    }
  }

  static final String SUBMITTED = "spark-submit (--conf, spark-defaults.conf or the cluster)";
  static final String REQUIRED = "pipeline (required)";
  static final String LOCAL_MODE = "pipeline (local mode)";
  static final String MASTER_OPTION = "command line (--master)";

  /**
   * The effective settings, sorted by key.
   *
   * @param master the master URL of the pipeline's {@code --master}, or null
   * @param submitted what spark-submit passed on (the driver's {@code new SparkConf()})
   */
  public static List<Setting> of(PipelineConfig config, String master, SparkConf submitted) {
    Map<String, Setting> settings = new TreeMap<>();
    String effectiveMaster = master != null ? master : submitted.get("spark.master", "local[*]");
    // Lowest precedence first: each put replaces what a lower level set.
    if (effectiveMaster.startsWith("local")) {
      // Local mode serves nobody else: bind to loopback only.
      put(settings, "spark.driver.host", "127.0.0.1", LOCAL_MODE);
      put(settings, "spark.driver.bindAddress", "127.0.0.1", LOCAL_MODE);
    }
    fromPipeline(settings, config, false);
    for (Tuple2<String, String> setting : submitted.getAll()) {
      put(settings, setting._1(), setting._2(), SUBMITTED);
    }
    fromPipeline(settings, config, true);
    put(
        settings,
        "spark.master",
        effectiveMaster,
        master != null
            ? MASTER_OPTION
            : submitted.contains("spark.master") ? SUBMITTED : "pipeline (default)");
    Setting extensions = settings.get("spark.sql.extensions");
    if (extensions == null) {
      put(settings, "spark.sql.extensions", DELTA_EXTENSION, REQUIRED);
    } else if (!List.of(extensions.value().split("\\s*,\\s*")).contains(DELTA_EXTENSION)) {
      put(
          settings,
          "spark.sql.extensions",
          extensions.value() + "," + DELTA_EXTENSION,
          extensions.origin() + " + " + REQUIRED);
    }
    put(settings, "spark.sql.warehouse.dir", config.warehouse(), REQUIRED);
    switch (config.catalog()) {
      case WAREHOUSE -> {
        put(
            settings,
            "spark.sql.catalog.spark_catalog",
            WarehouseCatalog.class.getName(),
            REQUIRED);
        put(settings, "spark.sql.catalogImplementation", "in-memory", REQUIRED);
        // Spark's SQL shell and Thrift server insist on a Hive metastore: theirs is an in-memory
        // Derby database, private to the process and filled from the folder like the in-memory one.
        put(
            settings,
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:memory:outsourcing_metastore;create=true",
            REQUIRED);
        put(settings, "spark.hadoop.hive.metastore.warehouse.dir", config.warehouse(), REQUIRED);
        put(settings, "spark.hadoop.datanucleus.schema.autoCreateAll", "true", REQUIRED);
        put(settings, "spark.hadoop.hive.metastore.schema.verification", "false", REQUIRED);
      }
      case EXTERNAL_HIVE -> {
        put(
            settings,
            "spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            REQUIRED);
        put(settings, "spark.sql.catalogImplementation", "hive", REQUIRED);
      }
    }
    return List.copyOf(settings.values());
  }

  /** The {@code pipeline.spark} settings from the command line, or those from anywhere else. */
  private static void fromPipeline(
      Map<String, Setting> settings, PipelineConfig config, boolean commandLine) {
    config
        .sparkSettings()
        .forEach(
            (key, value) -> {
              PipelineConfig.Origin origin = config.sparkSettingOrigin(key);
              if ((origin == PipelineConfig.Origin.COMMAND_LINE) == commandLine) {
                put(settings, key, value, "pipeline.spark, " + origin.description());
              }
            });
  }

  private static void put(Map<String, Setting> settings, String key, String value, String origin) {
    settings.put(key, new Setting(key, value, origin));
  }
}
