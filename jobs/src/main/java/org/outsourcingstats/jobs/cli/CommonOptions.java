package org.outsourcingstats.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.SparkSessions;
import org.outsourcingstats.jobs.tables.ChecksumScans;
import org.outsourcingstats.jobs.tables.WarehouseLock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every command takes. Command-line values override the {@code --config-file} file, which
 * overrides defaults; Spark settings given to spark-submit win over the pipeline's files (see
 * {@link org.outsourcingstats.jobs.run.SparkSettings}).
 */
public final class CommonOptions {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CommonOptions.class);

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description =
          "The pipeline's HOCON configuration file (e.g. conf/local.conf). Its Spark settings only fill "
              + "what spark-submit's --conf and spark-defaults.conf did not set.")
  Path configFile;

  /** The name of the configuration file's option before {@code --config-file}, for one release. */
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      hidden = true,
      description = "Deprecated: the former name of --config-file.")
  void deprecatedConfigFile(String file) {
    if (file.contains("=")) {
      throw new ParameterException(
          mixee.commandLine(), Errors.sparkSettingAsConfigFile(file).getMessage());
    }
    LOG.warn(
        "--conf FILE is deprecated and will be removed in the next release: name the pipeline's configuration "
            + "file with --config-file (spark-submit's --conf KEY=VALUE sets Spark settings)");
    configFile = Path.of(file);
  }

  @Option(
      names = "--landing",
      paramLabel = "DIR",
      description = "Landing folder of raw files, a sub-folder per shape (DIR/observations/*.csv).")
  String landing;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse of the Delta tables and, locally, the embedded metastore.")
  String warehouse;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master, e.g. local[*] or spark://host:7077.")
  String master;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "text (default) or json: one JSON object a line on standard error, the error a command ends with among "
              + "them, and a run's result (as --result-json writes it) as the last line.")
  void logFormat(LogFormat format) {
    format.apply();
  }

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override any setting, e.g. --set pipeline.growth.tolerance-pp=0.2 (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  PipelineConfig config() {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    if (landing != null) {
      overrides.put("pipeline.landing", landing);
    }
    if (warehouse != null) {
      overrides.put("pipeline.warehouse", warehouse);
    }
    return PipelineConfig.load(configFile, overrides);
  }

  /** What a command does to the tables: only writers of one local warehouse wait for each other. */
  enum Access {
    /**
     * Reads the last committed version of each table, never waiting for a writer nor making one
     * wait.
     */
    READ,
    /** Writes tables: takes the warehouse lock, so that writers of a local warehouse take turns. */
    WRITE
  }

  /**
   * Opens the session; closing it stops Spark unless the session existed before (a notebook's, a
   * test's).
   */
  Session open(Access access) {
    PipelineConfig config = config();
    Path local = config.localWarehouse();
    if (local != null
        && java.nio.file.Files.exists(local)
        && !java.nio.file.Files.isDirectory(local)) {
      throw Errors.warehouseNotAFolder(config.warehouse());
    }
    boolean existing =
        SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    WarehouseLock lock =
        existing || access == Access.READ ? null : lockWarehouse(config, "pipeline");
    SparkSession spark = SparkSessions.getOrCreate(config, master);
    return new Session(new PipelineContext(config, spark), !existing, lock);
  }

  /**
   * Takes the lock of a local warehouse for this writing process, waiting for another writer that
   * holds it; null for a remote warehouse, where Delta's optimistic concurrency resolves writers.
   *
   * @param what what this process is, for the message another process shows while it waits
   */
  private static WarehouseLock lockWarehouse(PipelineConfig config, String what) {
    if (config.localWarehouse() == null) {
      return null;
    }
    String holder =
        what + ", pid " + ProcessHandle.current().pid() + ", since " + java.time.Instant.now();
    return WarehouseLock.acquire(
        config.localWarehouse(),
        holder,
        Duration.ofSeconds(config.lockWaitSeconds()),
        other ->
            LOG.warn(
                "waiting: the warehouse {} is being written by another pipeline process ({}); writers of "
                    + "one warehouse take turns",
                config.localWarehouse(),
                other));
  }

  /** The master URL given on the command line, or null. */
  String master() {
    return master;
  }

  /**
   * A pipeline context bound to the lifetime of one command, with the warehouse lock of its
   * process.
   */
  record Session(PipelineContext context, boolean owned, WarehouseLock lock)
      implements AutoCloseable {
    /**
     * Runs a statement that only reads, with the pipeline's database as the current one, so that
     * unqualified table names resolve; a statement that would write is refused before anything runs
     * ({@link ReadOnlySql}), and one Spark cannot parse or resolve fails with the reason.
     *
     * @param command the command that runs it, for the refusal's message
     */
    public Dataset<Row> query(String query, String command) {
      return run(query, command, false);
    }

    /**
     * Runs a statement, writing ones included when {@code allowWrites}.
     *
     * @param command the command that runs it, for the refusal's message
     */
    public Dataset<Row> run(String query, String command, boolean allowWrites) {
      if (!allowWrites) {
        ReadOnlySql.writingStatement(context.spark(), query)
            .ifPresent(
                kind -> {
                  throw Errors.writeNotAllowed(command, kind, query);
                });
      }
      try {
        SparkSession spark = context.spark();
        // A warehouse without the pipeline's database yet still answers (and, with writes allowed,
        // can create it); unqualified names then resolve in Spark's default database.
        // By the catalog's API: a USE statement would be planned and run as a command first.
        if (spark.catalog().databaseExists(context.config().database())) {
          spark.catalog().setCurrentDatabase(context.config().database());
        }
        if (allowWrites) {
          return spark.sql(query);
        }
        return ChecksumScans.query(spark, query);
      } catch (Exception e) {
        // Spark's AnalysisException is checked in Java's eyes but thrown undeclared.
        throw Errors.queryFailed(query, e);
      }
    }

    @Override
    public void close() {
      if (owned) {
        context.spark().stop();
      }
      if (lock != null) {
        lock.close();
      }
    }
  }
}
