package org.outsourcingstats.jobs.catalog;

import java.net.URI;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.delta.catalog.DeltaCatalog;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Spark's session catalog ({@code spark.sql.catalog.spark_catalog}) for a warehouse that is its own
 * catalog: Delta Lake's catalog over a session-local (in-memory) metastore that it fills from the
 * warehouse folder.
 *
 * <p>When Spark first uses the catalog, every Delta table under {@code
 * <spark.sql.warehouse.dir>/<database>.db/<table>} (and {@code <warehouse>/<table>} for the {@code
 * default} database) is registered by name, its location taken from where the folder is now: a
 * warehouse copied, moved or restored from a backup works at its new place, and no two processes
 * share (or wait for) a metastore. A table another process creates later is found the first time a
 * statement names it. Reading a table reads its last committed Delta snapshot, so readers never
 * wait for a writer.
 *
 * <p>What a metastore would keep beyond the folder (views, functions, comments on databases) lives
 * only as long as the session; a cluster's Hive metastore ({@code pipeline.catalog =
 * external-hive}) keeps them.
 */
public class WarehouseCatalog extends DeltaCatalog {
  private WarehouseFolder folder;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    super.initialize(name, options);
    folder = WarehouseFolder.of(spark());
    folder.registerAll();
  }

  @Override
  public Table loadTable(Identifier ident) {
    registerIfInFolder(ident);
    return super.loadTable(ident);
  }

  @Override
  public Table loadTable(Identifier ident, long version) {
    registerIfInFolder(ident);
    return super.loadTable(ident, version);
  }

  @Override
  public Table loadTable(Identifier ident, String timestamp) {
    registerIfInFolder(ident);
    return super.loadTable(ident, timestamp);
  }

  @Override
  public boolean tableExists(Identifier ident) {
    registerIfInFolder(ident);
    return super.tableExists(ident);
  }

  /**
   * Registers the Delta table at {@code location} as {@code database.table} in the session's
   * metastore: for a table this process created by committing its first version to its folder.
   */
  public static void register(SparkSession spark, String database, String table, URI location) {
    spark
        .sessionState()
        .catalog()
        .createTable(CatalogEntries.deltaTable(database, table, location), true, false);
  }

  /** A table created by another process since this session started is registered on first use. */
  private void registerIfInFolder(Identifier ident) {
    if (folder != null && ident.namespace().length == 1) {
      folder.registerIfPresent(ident.namespace()[0], ident.name());
    }
  }
}
