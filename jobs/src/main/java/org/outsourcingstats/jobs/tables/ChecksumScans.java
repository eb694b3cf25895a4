package org.outsourcingstats.jobs.tables;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias$;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * A read-only query whose small Delta tables are read from the file list of their latest checksum.
 *
 * <p>The first query of a Delta table in a process rebuilds the table's file list from its log with
 * Spark jobs (two shuffle stages, and seconds of planning in a fresh JVM); for a table of a few
 * dozen files Delta also writes that list, with each file's statistics, into the checksum of every
 * commit. Each table a query names (not a CTE, a temporary view, a time-travel or a streaming read)
 * whose latest checksum lists its files and which holds at most {@link #MAX_BYTES} is replaced in
 * the parsed plan by Delta's own relation over those files ({@code DeltaLog.createDataFrame}),
 * under the name the table would have had. The rows are those of the table's latest version, as by
 * name; larger tables keep Delta's scan, whose file statistics can skip files.
 */
public final class ChecksumScans {
  /** Tables up to this size are read from their checksum's file list. */
  static final long MAX_BYTES = 256L << 20;

  private ChecksumScans() {}

  /** Runs a read-only query, its small tables read from their checksums. */
  public static Dataset<Row> query(SparkSession spark, String sql) throws ParseException {
    return Dataset.ofRows(spark, rewrite(spark, spark.sessionState().sqlParser().parsePlan(sql)));
  }

  /** The parsed plan of a read-only query, its small tables read from their checksums. */
  public static LogicalPlan rewrite(SparkSession spark, LogicalPlan parsed) {
    Set<String> cteNames = new HashSet<>();
    for (LogicalPlan with :
        JavaConverters.seqAsJavaList(
            parsed.collectWithSubqueries(
                new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
                  @Override
                  public boolean isDefinedAt(LogicalPlan plan) {
                    return plan instanceof UnresolvedWith;
                  }

                  @Override
                  public LogicalPlan apply(LogicalPlan plan) {
                    return plan;
                  }
                }))) {
      for (Tuple2<String, SubqueryAlias> cte :
          JavaConverters.seqAsJavaList(((UnresolvedWith) with).cteRelations())) {
        cteNames.add(cte._1().toLowerCase(Locale.ROOT));
      }
    }
    return parsed.transformUpWithSubqueries(
        new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
          @Override
          public boolean isDefinedAt(LogicalPlan plan) {
            return plan instanceof UnresolvedRelation relation
                && !relation.isStreaming()
                && relation.options().isEmpty()
                && table(spark, relation, cteNames).isPresent();
          }

          @Override
          public LogicalPlan apply(LogicalPlan plan) {
            TableIdentifier table = table(spark, (UnresolvedRelation) plan, cteNames).orElseThrow();
            String database = table.database().get();
            Dataset<Row> rows =
                TableState.rowsFromChecksum(spark, database, table.table(), MAX_BYTES)
                    .orElseThrow();
            return SubqueryAlias$.MODULE$.apply(
                JavaConverters.asScalaBuffer(
                        List.of(CatalogManager.SESSION_CATALOG_NAME(), database, table.table()))
                    .toSeq(),
                rows.logicalPlan());
          }
        });
  }

  /**
   * The Delta table of the session catalog a relation names, when its checksum lists its files;
   * empty for anything else.
   */
  private static Optional<TableIdentifier> table(
      SparkSession spark, UnresolvedRelation relation, Set<String> cteNames) {
    List<String> parts = JavaConverters.seqAsJavaList(relation.multipartIdentifier());
    String database;
    String name;
    switch (parts.size()) {
      case 1 -> {
        if (cteNames.contains(parts.get(0).toLowerCase(Locale.ROOT))
            || spark.sessionState().catalog().isTempView(relation.multipartIdentifier())) {
          return Optional.empty();
        }
        database = spark.sessionState().catalog().getCurrentDatabase();
        name = parts.get(0);
      }
      case 2 -> {
        database = parts.get(0);
        name = parts.get(1);
      }
      case 3 -> {
        if (!parts.get(0).equalsIgnoreCase(CatalogManager.SESSION_CATALOG_NAME())) {
          return Optional.empty();
        }
        database = parts.get(1);
        name = parts.get(2);
      }
      default -> {
        return Optional.empty();
      }
    }
    TableIdentifier identifier = new TableIdentifier(name, Option.apply(database));
    if (!spark.sessionState().catalog().tableExists(identifier)) {
      return Optional.empty();
    }
    CatalogTable metadata;
    try {
      metadata = spark.sessionState().catalog().getTableMetadata(identifier);
    } catch (AnalysisException e) {
      return Optional.empty();
    }
    if (metadata.provider().isEmpty() || !metadata.provider().get().equalsIgnoreCase("delta")) {
      return Optional.empty();
    }
    return TableState.rowsFromChecksum(spark, database, name, MAX_BYTES).isPresent()
        ? Optional.of(identifier)
        : Optional.empty();
  }
}
