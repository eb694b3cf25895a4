package org.outsourcingstats.jobs.cli;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Tells, from the parsed plan and before anything runs, whether a SQL statement only reads. A
 * statement reads when it is a query (every node of its plan a query operator: projection, filter,
 * join, aggregate, sort, limit, set operation, CTE, time travel ...) or one of the commands that
 * only describe ({@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}, {@code USE}). Anything else is
 * taken to write, Delta's statements included ({@code RESTORE}, {@code OPTIMIZE}, {@code CLONE}): a
 * list of what may run, not of what may not, so that a statement this list does not know is refused
 * rather than run. A query that calls Java through {@code reflect} or {@code java_method} is
 * refused as well: such a call can change files.
 */
final class ReadOnlySql {
  /** Commands that change nothing: their children are names, not queries. */
  private static final Set<String> DESCRIBING_COMMANDS =
      Set.of(
          "ShowTables",
          "ShowTablesExtended",
          "ShowNamespaces",
          "ShowViews",
          "ShowColumns",
          "ShowCreateTable",
          "ShowTableProperties",
          "ShowPartitions",
          "ShowFunctions",
          "ShowCatalogs",
          "ShowCurrentNamespaceCommand",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeNamespace",
          "DescribeFunction",
          "DescribeDeltaHistory",
          "DescribeDeltaDetailCommand",
          "ExplainCommand",
          "SetCatalogAndNamespace");

  /** The logical operators of a query as Spark's parser writes them. */
  private static final Set<String> QUERY_OPERATORS =
      Set.of(
          "Project",
          "Filter",
          "Join",
          "LateralJoin",
          "Aggregate",
          "Sort",
          "GlobalLimit",
          "LocalLimit",
          "Offset",
          "Tail",
          "Distinct",
          "Deduplicate",
          "Union",
          "Intersect",
          "Except",
          "SubqueryAlias",
          "UnresolvedWith",
          "UnresolvedHaving",
          "UnresolvedHint",
          "WithWindowDefinition",
          "Window",
          "Generate",
          "Expand",
          "Pivot",
          "Unpivot",
          "Sample",
          "Repartition",
          "RepartitionByExpression",
          "OneRowRelation",
          "UnresolvedRelation",
          "RelationTimeTravel",
          "UnresolvedInlineTable",
          "UnresolvedTableValuedFunction",
          "UnresolvedTVFAliases",
          "UnresolvedSubqueryColumnAliases",
          "LocalRelation");

  /**
   * Functions that call any Java method, which may change files: a query that calls one is not
   * read-only.
   */
  private static final Set<String> JAVA_CALLING_FUNCTIONS =
      Set.of("reflect", "java_method", "try_reflect");

  private ReadOnlySql() {}

  /**
   * The kind of statement ({@code DropTable}, {@code InsertIntoStatement}, ...) when {@code sql}
   * would not only read; empty when it only reads, or when it does not parse (running it then
   * reports Spark's own syntax error, and runs nothing).
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
    return first(plan.expressions().iterator(), ReadOnlySql::firstSideEffect)
        // A CTE's definitions are inner children of its node, not children.
        .or(
            () ->
                first(
                    plan.innerChildren().iterator(),
                    child -> child instanceof LogicalPlan p ? firstNonQuery(p) : Optional.empty()))
        .or(() -> first(plan.children().iterator(), ReadOnlySql::firstNonQuery));
  }

  /**
   * A call of a function that runs arbitrary Java ({@code reflect}), or a subquery that is not a
   * query.
   */
  private static Optional<String> firstSideEffect(Expression expression) {
    if (expression instanceof UnresolvedFunction function) {
      String name = function.nameParts().last().toLowerCase(java.util.Locale.ROOT);
      if (JAVA_CALLING_FUNCTIONS.contains(name)) {
        return Optional.of(name + "()");
      }
    }
    Optional<String> inSubquery =
        expression instanceof SubqueryExpression subquery
            ? firstNonQuery(subquery.plan())
            : Optional.empty();
    return inSubquery.or(
        () -> first(expression.children().iterator(), ReadOnlySql::firstSideEffect));
  }

  private static <T> Optional<String> first(
      scala.collection.Iterator<T> items, Function<T, Optional<String>> find) {
    while (items.hasNext()) {
      Optional<String> found = find.apply(items.next());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
