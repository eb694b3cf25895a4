package org.outsourcingstats.jobs.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;

/**
 * The databases and Delta tables a warehouse folder holds, registered in a session's metastore:
 * {@code <warehouse>/<database>.db/<table>/_delta_log} is table {@code <database>.<table>}, and
 * {@code <warehouse>/<table>/_delta_log} is {@code default.<table>}, where Spark itself puts them.
 * Entries are only made (never read back from anywhere), so they always point into the folder as it
 * is now.
 */
final class WarehouseFolder {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WarehouseFolder.class);
  private static final String DATABASE_SUFFIX = ".db";
  private static final String DEFAULT_DATABASE = "default";

  /** What Spark accepts as a database or table name in a session catalog. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final SessionCatalog metastore;
  private final Path root;
  private final FileSystem fileSystem;

  private WarehouseFolder(SessionCatalog metastore, Path root, FileSystem fileSystem) {
    this.metastore = metastore;
    this.root = root;
    this.fileSystem = fileSystem;
  }

  /** The folder of {@code spark.sql.warehouse.dir}, registered in {@code spark}'s metastore. */
  static WarehouseFolder of(SparkSession spark) {
    Path root = new Path(spark.sessionState().conf().warehousePath());
    try {
      return new WarehouseFolder(
          spark.sessionState().catalog(),
          root,
          root.getFileSystem(spark.sessionState().newHadoopConf()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the warehouse folder " + root, e);
    }
  }

  /** Registers every database folder and every Delta table in it. */
  void registerAll() {
    long started = System.nanoTime();
    int tables = 0;
    for (FileStatus entry : list(root)) {
      String name = entry.getPath().getName();
      if (!entry.isDirectory()) {
        continue;
      }
      if (name.endsWith(DATABASE_SUFFIX)) {
        String database = name.substring(0, name.length() - DATABASE_SUFFIX.length());
        if (NAME.matcher(database).matches()) {
          registerDatabase(database);
          for (FileStatus table : list(entry.getPath())) {
            if (table.isDirectory() && registerTable(database, table.getPath())) {
              tables++;
            }
          }
        }
      } else if (registerTable(DEFAULT_DATABASE, entry.getPath())) {
        tables++;
      }
    }
    LOG.debug(
        "registered {} tables of the warehouse {} in {} ms",
        tables,
        root,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Registers {@code <database>.<table>} if the session does not know it yet and its folder holds a
   * Delta table (made by another process since this session started).
   */
  void registerIfPresent(String database, String table) {
    if (!NAME.matcher(database).matches() || !NAME.matcher(table).matches()) {
      return;
    }
    if (metastore.tableExists(CatalogEntries.tableIdentifier(database, table))) {
      return;
    }
    registerTable(database, new Path(databaseFolder(database), table.toLowerCase(Locale.ROOT)));
  }

  private Path databaseFolder(String database) {
    return database.equalsIgnoreCase(DEFAULT_DATABASE)
        ? root
        : new Path(root, database.toLowerCase(Locale.ROOT) + DATABASE_SUFFIX);
  }

  private void registerDatabase(String database) {
    if (!metastore.databaseExists(database)) {
      metastore.createDatabase(
          CatalogEntries.database(database, databaseFolder(database).toUri()), true);
    }
  }

  /**
   * Registers the Delta table in {@code folder}, and its database if needed; false for no table.
   */
  private boolean registerTable(String database, Path folder) {
    String table = folder.getName();
    if (!NAME.matcher(table).matches() || !isDeltaTable(folder)) {
      return false;
    }
    registerDatabase(database);
    metastore.createTable(CatalogEntries.deltaTable(database, table, folder.toUri()), true, false);
    return true;
  }

  private boolean isDeltaTable(Path folder) {
    try {
      return fileSystem.exists(new Path(folder, "_delta_log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the warehouse folder " + folder, e);
    }
  }

  private FileStatus[] list(Path folder) {
    try {
      return fileSystem.listStatus(folder);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the warehouse folder " + folder, e);
    }
  }
}
