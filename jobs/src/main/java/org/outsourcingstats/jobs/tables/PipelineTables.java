package org.outsourcingstats.jobs.tables;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.functions;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.catalog.WarehouseCatalog;
import scala.collection.Iterator;

/**
 * The pipeline's Delta tables in the catalog: created on first use under {@code
 * <warehouse>/<database>.db}, read and written by name.
 */
public final class PipelineTables {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PipelineTables.class);
  private final SparkSession spark;
  private final PipelineConfig config;

  public PipelineTables(SparkSession spark, PipelineConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Creates the database and every table that does not exist yet, but those {@linkplain
   * PipelineTable#createdOnFirstUse() created on first use}; existing tables are left as they are.
   */
  public PipelineTables ensureCreated() {
    String folder = config.warehouse() + "/" + config.database() + ".db";
    // Spark's catalog by its API, not by statements: on a warehouse that has its tables, a run then
    // plans no query (and runs no Spark job) before its first step.
    spark.sessionState().catalogManager().v2SessionCatalog();
    SessionCatalog catalog = spark.sessionState().catalog();
    if (!catalog.databaseExists(config.database())) {
      spark.sql(
          "CREATE DATABASE IF NOT EXISTS " + config.database() + " LOCATION " + literal(folder));
    }
    requireDatabaseIn(folder);
    // One listing instead of a CREATE TABLE IF NOT EXISTS per table: on an existing Delta table
    // that statement still loads the table's snapshot, about 0.4 s each on every scheduled run.
    // Temporary views, which may share a table's name, are left out.
    Set<String> existing = new HashSet<>();
    Iterator<TableIdentifier> tables = catalog.listTables(config.database(), "*", false).iterator();
    while (tables.hasNext()) {
      existing.add(tables.next().table().toLowerCase(Locale.ROOT));
    }
    for (PipelineTable table : Tables.ALL) {
      if (!existing.contains(table.name().toLowerCase(Locale.ROOT)) && !table.createdOnFirstUse()) {
        create(table);
      }
    }
    for (PipelineTable table : Tables.ALL) {
      if (existing.contains(table.name()) && !table.properties().isEmpty()) {
        alignProperties(table);
      }
    }
    if (existing.contains(Tables.RAW_ROWS.name())) {
      TypedLanding.migrate(this);
    }
    return this;
  }

  /**
   * Fails when the session already knows the database at another folder than this warehouse's: a
   * session reused for a second warehouse (a notebook's, a test's) would otherwise write into the
   * first one. Only the warehouse-folder catalog ties a database to its folder; a cluster's
   * metastore may place it where its operators decided.
   */
  private void requireDatabaseIn(String folder) {
    if (config.catalog() != PipelineConfig.Catalog.WAREHOUSE) {
      return;
    }
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      Path expected = new Path(folder);
      Path known =
          new Path(
              spark.sessionState().catalog().getDatabaseMetadata(config.database()).locationUri());
      Path qualifiedExpected = expected.getFileSystem(hadoop).makeQualified(expected);
      if (!qualifiedExpected.equals(known.getFileSystem(hadoop).makeQualified(known))) {
        throw Errors.databaseElsewhere(config.database(), known.toString(), folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the warehouse folder " + folder, e);
    }
  }

  /** Creates one table of {@link Tables#ALL} if it does not exist yet. */
  public void ensureCreated(PipelineTable table) {
    if (!exists(table)) {
      create(table);
    }
  }

  /** Whether the catalog holds the table. */
  public boolean exists(PipelineTable table) {
    return spark.catalog().tableExists(name(table));
  }

  private void create(PipelineTable table) {
    String location = leftoverTable(table);
    if (location == null && config.catalog() == PipelineConfig.Catalog.WAREHOUSE) {
      // The folder is the catalog: the table's first commit in its folder is the table, and the
      // session's metastore is told of it as of any table found there.
      Path folder = tableFolder(table);
      DriverCreate.create(spark, folder, table);
      WarehouseCatalog.register(spark, config.database(), table.name(), folder.toUri());
      return;
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + name(table)
            + " ("
            + table.schema().toDDL()
            + ") USING delta "
            + (location == null ? "" : "LOCATION " + literal(location) + " ")
            + "TBLPROPERTIES ("
            + propertiesSql(table.tableProperties())
            + ")");
  }

  /**
   * Sets the table properties of the table's definition that an existing table lacks (a warehouse
   * written by an earlier version), in one commit.
   */
  private void alignProperties(PipelineTable table) {
    TableLog log = log(table);
    Map<String, String> missing = new LinkedHashMap<>();
    table.properties().entrySet().stream()
        .filter(
            property -> !log.property(property.getKey()).equals(Optional.of(property.getValue())))
        .forEach(property -> missing.put(property.getKey(), property.getValue()));
    if (!missing.isEmpty()) {
      spark.sql(
          "ALTER TABLE " + name(table) + " SET TBLPROPERTIES (" + propertiesSql(missing) + ")");
    }
  }

  private static String propertiesSql(Map<String, String> properties) {
    return properties.entrySet().stream()
        .map(property -> literal(property.getKey()) + " = " + literal(property.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * The folder of a table the catalog does not know, when a Delta table is already there; else
   * null. A process killed while it created the tables can leave a table's folder behind without
   * its catalog entry: with a Delta commit (the table is registered at that location, keeping
   * whatever it holds), or without one (no data was ever committed there, so the folder is
   * removed). Either way, Delta would otherwise refuse to create the table in a non-empty folder,
   * and no later run could complete.
   */
  private String leftoverTable(PipelineTable table) {
    Path location = tableFolder(table);
    try {
      FileSystem fileSystem = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fileSystem.exists(location)) {
        return null;
      }
      if (DeltaTable.isDeltaTable(spark, location.toString())) {
        LOG.warn(
            "registering table {} at {}: its folder holds a Delta table the catalog does not know (left by an "
                + "interrupted run)",
            name(table),
            location);
        return location.toString();
      }
      LOG.warn(
          "removing {}: the folder of table {} holds no Delta commit (left by an interrupted run)",
          location,
          name(table));
      fileSystem.delete(location, true);
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot inspect the folder of table " + name(table) + " at " + location, e);
    }
  }

  /** Where {@code CREATE TABLE} puts the table: in its database's folder. */
  private Path tableFolder(PipelineTable table) {
    try {
      return new Path(
          new Path(
              spark.sessionState().catalog().getDatabaseMetadata(config.database()).locationUri()),
          table.name());
    } catch (Exception e) {
      // Spark's NoSuchDatabaseException is checked in Java's eyes but thrown undeclared.
      throw Errors.tableMissing(name(table));
    }
  }

  /** The fully qualified name of a table, e.g. {@code outsourcing.observations}. */
  public String name(PipelineTable table) {
    return config.table(table.name());
  }

  public Dataset<Row> read(PipelineTable table) {
    if (!exists(table)) {
      throw Errors.tableMissing(name(table));
    }
    return spark.table(name(table));
  }

  /**
   * The table's rows as of its latest commit, for a read used at once: a small table (see {@link
   * ChecksumScans}) is read from the files its latest checksum lists, which spares the Spark jobs
   * that rebuild its file list from the log on a process's first read; a larger one by name.
   */
  public Dataset<Row> readLatest(PipelineTable table) {
    if (!exists(table)) {
      throw Errors.tableMissing(name(table));
    }
    return TableState.rowsFromChecksum(
            spark,
            TableLog.catalogEntry(spark, config.database(), table.name()),
            ChecksumScans.MAX_BYTES)
        .orElseGet(() -> spark.table(name(table)));
  }

  /**
   * A read-only query of the pipeline's own, its small tables read from the files their latest
   * checksums list ({@link ChecksumScans}): no Spark job rebuilds a table's file list from its log
   * before the query runs.
   */
  public Dataset<Row> query(String sql) {
    return ChecksumScans.pipelineQuery(spark, sql);
  }

  /**
   * Whether the table's latest version holds no row: from its checksum's file list, else by a
   * query.
   */
  public boolean holdsNoRow(PipelineTable table) {
    return log(table).listedFiles().map(List::isEmpty).orElseGet(() -> read(table).isEmpty());
  }

  /**
   * The batches landed in {@code raw_rows} whose normalisation has not completed (they are not in
   * {@code batches}), oldest first.
   */
  public List<String> unnormalizedBatches() {
    Set<String> batches = distinctValues(Tables.RAW_ROWS, "batch_id");
    batches.removeAll(distinctValues(Tables.BATCHES, "batch_id"));
    return batches.stream().sorted().toList();
  }

  /**
   * The distinct non-null values of a string column as of the table's latest commit: from the
   * table's log and files on the driver when it is small ({@link LoggedValues}), else with a query.
   */
  public Set<String> distinctValues(PipelineTable table, String column) {
    if (!exists(table)) {
      throw Errors.tableMissing(name(table));
    }
    return LoggedValues.distinct(log(table), column)
        .orElseGet(
            () ->
                new HashSet<>(
                    readLatest(table)
                        .select(column)
                        .where(functions.col(column).isNotNull())
                        .distinct()
                        .as(Encoders.STRING())
                        .collectAsList()));
  }

  /** Appends rows in one commit; the frame must have the table's columns. */
  public void append(PipelineTable table, Dataset<Row> rows) {
    write(table, rows, "append");
  }

  /**
   * Appends a few rows built on the driver (each with the table's columns in order) in one commit,
   * writing their file on the driver when the table allows it ({@link DriverAppend}): no Spark job.
   */
  public void append(PipelineTable table, List<Row> rows) {
    if (!DriverAppend.append(log(table), table.schema(), rows)) {
      append(table, spark.createDataFrame(rows, table.schema()));
    }
  }

  /**
   * Every row of a small table's latest version, read on the driver without a Spark job; empty when
   * the table is too large or stored in a way the driver does not read ({@link LoggedValues#rows}).
   */
  public Optional<List<Row>> rowsOnDriver(PipelineTable table) {
    return LoggedValues.rows(log(table), table.schema());
  }

  /** Replaces the table's rows with {@code rows} in one commit; the frame must have its columns. */
  public void overwrite(PipelineTable table, Dataset<Row> rows) {
    write(table, rows, "overwrite");
  }

  private void write(PipelineTable table, Dataset<Row> rows, String mode) {
    // By name: insertInto alone would match the frame's columns to the table's by position.
    rows.selectExpr(table.columns()).write().format("delta").mode(mode).insertInto(name(table));
  }

  /**
   * A MERGE of {@code source} (alias {@code s}) into the table (alias {@code t}) on the table's
   * key, to which the caller adds its clauses and then executes.
   */
  public TableMerge merge(PipelineTable table, Dataset<Row> source) {
    return merge(table, source, table.mergeCondition());
  }

  /** A MERGE as {@link #merge(PipelineTable, Dataset)} on a condition that narrows the key's. */
  public TableMerge merge(PipelineTable table, Dataset<Row> source, String condition) {
    return new TableMerge(this, table, source, condition);
  }

  /** Rows the latest commit of a table wrote, from its commit metrics (no scan). */
  public long lastCommitRows(PipelineTable table) {
    return log(table).lastCommitRows();
  }

  /** The latest Delta version of a table. */
  public long version(PipelineTable table) {
    return log(table).version();
  }

  /**
   * Each table's data version ({@link TableLog#dataCommit}), as {@code name@version} separated by
   * spaces: text that changes when one of the tables' rows do. Empty when a table's log cannot say.
   */
  public Optional<String> dataVersions(List<PipelineTable> tables) {
    List<String> versions = new java.util.ArrayList<>();
    for (PipelineTable table : tables) {
      Optional<TableLog.DataCommit> commit = log(table).dataCommit();
      if (commit.isEmpty()) {
        return Optional.empty();
      }
      versions.add(table.name() + "@" + commit.get().version());
    }
    return Optional.of(String.join(" ", versions));
  }

  /** The table's Delta log as of its latest commit, read without a Spark job. */
  public TableLog log(PipelineTable table) {
    return TableLog.of(spark, config.database(), table.name());
  }

  public SparkSession spark() {
    return spark;
  }

  public PipelineConfig config() {
    return config;
  }

  /** A SQL string literal of {@code text}, quoted and escaped. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
