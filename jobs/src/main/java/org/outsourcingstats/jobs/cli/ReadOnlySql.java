package org.outsourcingstats.jobs.cli;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Tells, from the parsed plan and before anything runs, whether a SQL statement only reads. A statement reads when it
 * is a query (every node of its plan a query operator: projection, filter, join, aggregate, sort, limit, set
 * operation, CTE, time travel ...) or one of the commands that only describe ({@code SHOW}, {@code DESCRIBE},
 * {@code EXPLAIN}, {@code USE}). Anything else is taken to write, Delta's statements included ({@code RESTORE},
 * {@code OPTIMIZE}, {@code CLONE}): a list of what may run, not of what may not, so that a statement this list does
 * not know is refused rather than run.
 */
final class ReadOnlySql {
  /** Commands that change nothing: their children are names, not queries. */
  private static final Set<String> DESCRIBING_COMMANDS = Set.of("ShowTables", "ShowTablesExtended",
      "ShowNamespaces", "ShowViews", "ShowColumns", "ShowCreateTable", "ShowTableProperties", "ShowPartitions",
      "ShowFunctions", "ShowCatalogs", "ShowCurrentNamespaceCommand", "DescribeRelation", "DescribeColumn",
      "DescribeNamespace", "DescribeFunction", "DescribeDeltaHistory", "DescribeDeltaDetailCommand", "ExplainCommand",
      "SetCatalogAndNamespace");
  /** The logical operators of a query as Spark's parser writes them. */
  private static final Set<String> QUERY_OPERATORS = Set.of("Project", "Filter", "Join", "LateralJoin", "Aggregate",
      "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail", "Distinct", "Deduplicate", "Union", "Intersect",
      "Except", "SubqueryAlias", "UnresolvedWith", "UnresolvedHaving", "UnresolvedHint", "WithWindowDefinition",
      "Window", "Generate", "Expand", "Pivot", "Unpivot", "Sample", "Repartition", "RepartitionByExpression",
      "OneRowRelation", "UnresolvedRelation", "RelationTimeTravel", "UnresolvedInlineTable",
      "UnresolvedTableValuedFunction", "UnresolvedTVFAliases", "UnresolvedSubqueryColumnAliases", "LocalRelation");

  private ReadOnlySql() {}

  /**
   * The kind of statement ({@code DropTable}, {@code InsertIntoStatement}, ...) when {@code sql} would not only
   * read; empty when it only reads, or when it does not parse (running it then reports Spark's own syntax error, and
   * runs nothing).
   */
  static Optional<String> writingStatement(SparkSession spark, String sql) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (Exception e) { // ParseException is checked in Java's eyes but thrown undeclared.
      return Optional.empty();
    }
    if (DESCRIBING_COMMANDS.contains(plan.getClass().getSimpleName())) {
      return Optional.empty();
    }
    return firstNonQuery(plan);
  }

  private static Optional<String> firstNonQuery(LogicalPlan plan) {
    String kind = plan.getClass().getSimpleName();
    if (!QUERY_OPERATORS.contains(kind)) {
      return Optional.of(kind);
    }
    scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      Optional<String> found = firstNonQuery(children.next());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
