package org.outsourcingstats.jobs.catalog;

import java.net.URI;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogDatabase;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;
import scala.collection.immutable.Map$;

/**
 * Metastore entries built from Java: Spark's case classes take every field in their constructors,
 * and their shape is what changes between Spark versions, so it is written in this one place.
 */
final class CatalogEntries {
  private CatalogEntries() {}

  static TableIdentifier tableIdentifier(String database, String table) {
    return new TableIdentifier(table, Option.apply(database));
  }

  static CatalogDatabase database(String name, URI location) {
    return new CatalogDatabase(name, "", location, Map$.MODULE$.empty());
  }

  /**
   * A managed Delta table at {@code location}, without a schema: Delta reads the schema from the
   * table's log, as it does for the tables it registers in a Hive metastore.
   */
  static CatalogTable deltaTable(String database, String table, URI location) {
    return SparkApi.managedTable(tableIdentifier(database, table), location, "delta");
  }
}
