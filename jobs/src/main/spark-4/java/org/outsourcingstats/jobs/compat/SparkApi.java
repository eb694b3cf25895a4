package org.outsourcingstats.jobs.compat;

import java.net.URI;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Map$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The internal Spark and Delta APIs the pipeline uses whose shape differs between Spark 3.5 ({@code
 * src/main/spark-3}) and Spark 4 (Scala 2.13, Delta 4.x: this file). Spark 4 splits the session
 * and Dataset into an API and a "classic" implementation, and Scala 2.13's {@code Seq} is the
 * immutable one.
 */
public final class SparkApi {
  private SparkApi() {}

  /** The rows of a resolved or unresolved logical plan. */
  public static Dataset<Row> ofRows(SparkSession spark, LogicalPlan plan) {
    return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(
        (org.apache.spark.sql.classic.SparkSession) spark, plan);
  }

  /** The logical plan of a Dataset. */
  public static LogicalPlan logicalPlan(Dataset<?> rows) {
    return ((org.apache.spark.sql.classic.Dataset<?>) rows).logicalPlan();
  }

  /**
   * The metastore entry of a managed table at {@code location}, without a schema (its provider reads
   * it from the table itself). Spark 4.2 adds a serde name to the storage format, and the
   * collation and another optional list to the table.
   */
  public static CatalogTable managedTable(
      TableIdentifier identifier, URI location, String provider) {
    CatalogStorageFormat storage =
        new CatalogStorageFormat(
            Option.apply(location),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            false,
            Map$.MODULE$.empty(),
            Option.empty());
    return new CatalogTable(
        identifier,
        CatalogTableType.MANAGED(),
        storage,
        new StructType(),
        Option.apply(provider),
        scala.collection.immutable.List$.MODULE$.<String>empty(),
        Option.empty(),
        "",
        System.currentTimeMillis(),
        -1L,
        "",
        Map$.MODULE$.empty(),
        Option.empty(),
        Option.empty(),
        Option.empty(),
        Option.empty(),
        scala.collection.immutable.List$.MODULE$.<String>empty(),
        false,
        true,
        Map$.MODULE$.empty(),
        Option.empty(),
        Option.empty());
  }

  /** The files a snapshot's checksum lists, when it lists them. */
  public static Option<List<AddFile>> checksumFiles(Snapshot snapshot) {
    if (snapshot.checksumOpt().isEmpty() || snapshot.checksumOpt().get().allFiles().isEmpty()) {
      return Option.empty();
    }
    return Option.apply(CollectionConverters.asJava(snapshot.checksumOpt().get().allFiles().get()));
  }

  /** The rows of a snapshot's {@code files}, read as Delta reads them. */
  public static Dataset<Row> rowsOf(DeltaLog log, Snapshot snapshot, List<AddFile> files) {
    return log.createDataFrame(
        snapshot, CollectionConverters.asScala(files).toSeq(), false, Option.empty());
  }

  /** A Scala sequence of a Java list. */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toSeq();
  }

  /** The {@code WITH} clause with each common table expression's definition rewritten. */
  public static UnresolvedWith mapCteDefinitions(
      UnresolvedWith with, java.util.function.UnaryOperator<LogicalPlan> rewrite) {
    List<scala.Tuple3<String, SubqueryAlias, Option<Object>>> definitions =
        new java.util.ArrayList<>();
    for (scala.Tuple3<String, SubqueryAlias, Option<Object>> cte :
        CollectionConverters.asJava(with.cteRelations())) {
      SubqueryAlias alias = cte._2();
      definitions.add(
          new scala.Tuple3<>(
              cte._1(),
              new SubqueryAlias(alias.identifier(), rewrite.apply(alias.child())),
              cte._3()));
    }
    return new UnresolvedWith(with.child(), seq(definitions), with.allowRecursion());
  }

  /** The names of a {@code WITH} clause's common table expressions. */
  public static List<String> cteNames(UnresolvedWith with) {
    return CollectionConverters.asJava(with.cteRelations()).stream().map(cte -> cte._1()).toList();
  }

  /**
   * Commits a new, unpartitioned data file of a table (its path relative to the table's folder) as
   * an append; returns the version committed.
   */
  public static long commitAppend(
      OptimisticTransaction transaction,
      String path,
      long size,
      long modificationTime,
      String stats) {
    AddFile file =
        new AddFile(
            path,
            Map$.MODULE$.empty(),
            size,
            modificationTime,
            true,
            stats,
            null,
            null,
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty());
    return transaction.commit(
        seq(List.<Action>of(file)),
        new DeltaOperations.Write(
            SaveMode.Append,
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            Option.empty()));
  }
}
