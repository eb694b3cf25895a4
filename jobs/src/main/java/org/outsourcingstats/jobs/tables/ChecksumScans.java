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
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias$;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;
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
    return SparkApi.ofRows(spark, rewrite(spark, spark.sessionState().sqlParser().parsePlan(sql)));
  }

  /**
   * {@link #query} for a query the pipeline wrote itself, which parses unless the pipeline has a
   * bug.
   */
  public static Dataset<Row> pipelineQuery(SparkSession spark, String sql) {
    try {
      return query(spark, sql);
    } catch (ParseException e) {
      throw new IllegalStateException("the pipeline's own query does not parse: " + sql, e);
    }
  }

  /** The parsed plan of a read-only query, its small tables read from their checksums. */
  public static LogicalPlan rewrite(SparkSession spark, LogicalPlan parsed) {
    Set<String> cteNames = new HashSet<>();
    for (UnresolvedWith with :
        JavaConverters.seqAsJavaList(parsed.collectWithSubqueries(on(UnresolvedWith.class)))) {
      for (String name : SparkApi.cteNames(with)) {
        cteNames.add(name.toLowerCase(Locale.ROOT));
      }
    }
    // A common table expression's definition is not a child of its WITH clause: rewritten apart.
    LogicalPlan definitionsRewritten =
        parsed.transformUpWithSubqueries(
            on(UnresolvedWith.class)
                .andThen(
                    with ->
                        (LogicalPlan)
                            SparkApi.mapCteDefinitions(
                                with,
                                definition -> relationsRewritten(spark, definition, cteNames))));
    return relationsRewritten(spark, definitionsRewritten, cteNames);
  }

  private static LogicalPlan relationsRewritten(
      SparkSession spark, LogicalPlan plan, Set<String> cteNames) {
    return plan.transformUpWithSubqueries(
        on(UnresolvedRelation.class)
            .andThen(relation -> fromChecksum(spark, relation, cteNames).orElse(relation)));
  }

  /** A partial function defined on the plans of one kind, returning them as that kind. */
  private static <T extends LogicalPlan> AbstractPartialFunction<LogicalPlan, T> on(Class<T> kind) {
    return new AbstractPartialFunction<>() {
      @Override
      public boolean isDefinedAt(LogicalPlan plan) {
        return kind.isInstance(plan);
      }

      @Override
      public T apply(LogicalPlan plan) {
        return kind.cast(plan);
      }
    };
  }

  /**
   * The rows of the Delta table of the session catalog a relation names, read from its checksum's
   * file list under the table's own name; empty for anything else, which keeps its usual path.
   */
  private static Optional<LogicalPlan> fromChecksum(
      SparkSession spark, UnresolvedRelation relation, Set<String> cteNames) {
    if (relation.isStreaming() || !relation.options().isEmpty()) {
      return Optional.empty();
    }
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
    CatalogTable table;
    try {
      table =
          spark
              .sessionState()
              .catalog()
              .getTableMetadata(new TableIdentifier(name, Option.apply(database)));
    } catch (AnalysisException e) {
      return Optional.empty(); // not a table of the session catalog: Spark says so in its own words
    }
    if (table.provider().isEmpty() || !table.provider().get().equalsIgnoreCase("delta")) {
      return Optional.empty();
    }
    return TableState.rowsFromChecksum(spark, table, MAX_BYTES)
        .map(
            rows ->
                SubqueryAlias$.MODULE$.apply(
                    SparkApi.seq(List.of(CatalogManager.SESSION_CATALOG_NAME(), database, name)),
                    SparkApi.logicalPlan(rows)));
  }
}
