package org.outsourcingstats.jobs.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;

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
   * The Spark settings a pipeline session is given beyond those spark-submit already set, which win
   * over the pipeline's files ({@link SparkSettings} has the precedence).
   *
   * @param master the master URL from the command line, or null to keep the one of {@code
   *     submitted}
   * @param submitted the settings spark-submit passed on (the driver's {@code new SparkConf()})
   */
  public static Map<String, String> settings(
      PipelineConfig config, String master, SparkConf submitted) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (SparkSettings.Setting setting : SparkSettings.of(config, master, submitted)) {
      if (!setting.submitted()) {
        settings.put(setting.key(), setting.value());
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
