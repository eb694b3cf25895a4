package org.outsourcingstats.jobs.tables;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.util.FileNames;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;

/**
 * A Delta table's log as of its latest commit, read on the driver: its version and what its commits
 * say of themselves. Delta's {@code DESCRIBE HISTORY} answers the same with a Spark job that lists
 * the log; a commit's own file is one small read.
 */
public final class TableLog {
  /**
   * Operations that change no row of the table: {@code maintain}'s OPTIMIZE and VACUUM, and setting
   * a table property. A table's data version skips them.
   */
  private static final Set<String> NO_DATA_CHANGE =
      Set.of("OPTIMIZE", "VACUUM START", "VACUUM END", "SET TBLPROPERTIES");

  /** How many commits without data change the search for the data version reads, at most. */
  private static final int MAX_NO_DATA_CHANGE_COMMITS = 20;

  private final DeltaLog log;
  private final Snapshot snapshot;

  private TableLog(DeltaLog log) {
    this.log = log;
    this.snapshot = log.update(false, Option.empty(), Option.empty());
  }

  /** The log of table {@code database.table}, brought up to its latest commit. */
  public static TableLog of(SparkSession spark, String database, String table) {
    return of(spark, catalogEntry(spark, database, table));
  }

  /** The log of the Delta table the catalog entry names. */
  static TableLog of(SparkSession spark, CatalogTable table) {
    return new TableLog(DeltaLog.forTable(spark, new Path(table.location())));
  }

  static CatalogTable catalogEntry(SparkSession spark, String database, String table) {
    try {
      return spark
          .sessionState()
          .catalog()
          .getTableMetadata(new TableIdentifier(table, Option.apply(database)));
    } catch (AnalysisException e) {
      throw Errors.tableMissing(database + "." + table);
    }
  }

  /** The latest version. */
  public long version() {
    return snapshot.version();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  DeltaLog log() {
    return log;
  }

  /**
   * The table's files as the latest commit's checksum lists them (Delta keeps the list there up to
   * {@code spark.databricks.delta.allFilesInCrc.thresholdNumFiles} files), with their statistics;
   * empty when it does not.
   */
  Optional<List<AddFile>> listedFiles() {
    Option<List<AddFile>> files = SparkApi.checksumFiles(snapshot);
    return files.isEmpty() ? Optional.empty() : Optional.of(files.get());
  }

  /**
   * What commit {@code version} says of itself; empty when its file is gone (the log is cleaned up
   * after a checkpoint, 30 days by default) or holds no commit information.
   */
  public Optional<CommitInfo> commit(long version) {
    Option<CommitInfo> info =
        DeltaHistoryManager.getCommitInfoOpt(
            log.store(),
            FileNames.unsafeDeltaFile(log.logPath(), version),
            log.newDeltaHadoopConf());
    return info.isEmpty() ? Optional.empty() : Optional.of(info.get());
  }

  /**
   * Whether a data file of the latest version holds its rows' values under the columns' own names
   * and nothing else: no partition columns (their values live in the files' paths), no column
   * mapping (the files' columns have physical names).
   */
  boolean plainLayout() {
    return snapshot.metadata().partitionColumns().isEmpty()
        && "none".equalsIgnoreCase(snapshot.metadata().columnMappingMode().name());
  }

  /** A property of the table ({@code TBLPROPERTIES}) as of its latest version. */
  public Optional<String> property(String key) {
    Option<String> value = snapshot.metadata().configuration().get(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(value.get());
  }

  /** What the latest commit says of itself. */
  public Optional<CommitInfo> lastCommit() {
    return commit(version());
  }

  /**
   * The rows the latest commit wrote, from its metrics ({@code numOutputRows}); 0 when it records
   * none.
   */
  public long lastCommitRows() {
    Optional<CommitInfo> commit = lastCommit();
    if (commit.isEmpty() || commit.get().operationMetrics().isEmpty()) {
      return 0;
    }
    scala.collection.immutable.Map<String, String> metrics = commit.get().operationMetrics().get();
    return Long.parseLong(metrics.getOrElse("numOutputRows", () -> "0"));
  }

  /**
   * The latest version whose commit changed what the table holds: commits that change no row
   * ({@code OPTIMIZE}, {@code VACUUM}, {@code SET TBLPROPERTIES}) are skipped, so that maintaining
   * a table does not make it look changed to the steps that read it. Empty when a commit on the way
   * cannot be read.
   */
  public Optional<DataCommit> dataCommit() {
    long version = version();
    for (int skipped = 0; version >= 0 && skipped <= MAX_NO_DATA_CHANGE_COMMITS; skipped++) {
      Optional<CommitInfo> commit = commit(version);
      if (commit.isEmpty()) {
        return Optional.empty();
      }
      if (!NO_DATA_CHANGE.contains(commit.get().operation())) {
        Option<String> note = commit.get().userMetadata();
        return Optional.of(new DataCommit(version, note.isEmpty() ? null : note.get()));
      }
      version--;
    }
    return Optional.empty();
  }

  /**
   * A commit that changed a table's data: its version and its note ({@code userMetadata}, see
   * {@link CommitNotes}), or null when it has none.
   */
  public record DataCommit(long version, String note) {}
}
