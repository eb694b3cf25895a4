package org.outsourcingstats.jobs.bench;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.jobs.run.PipelineContext;

/**
 * The lean job of the benchmark: the floor's read, then the pipeline's contracts-to-observations
 * sums as one Spark SQL query without validation ({@code bench/contracts_to_observations.sql}, the
 * file DuckDB runs too), written to one Delta table by path. What the pipeline costs beyond it is
 * validation, bookkeeping and its other steps.
 */
public final class LeanJob {
  private final PipelineContext context;
  private final Path schema;
  private final Path sql;
  private final Path reference;

  /**
   * @param schema the register's columns as a Spark DDL list ({@code bench/contracts.ddl})
   * @param sql the aggregation over the views {@code contracts}, {@code entities} and {@code
   *     fx_rates}
   * @param reference the folder of {@code entities.csv} and {@code fx_rates.csv} ({@code
   *     conf/reference})
   */
  public LeanJob(PipelineContext context, Path schema, Path sql, Path reference) {
    this.context = context;
    this.schema = schema;
    this.sql = sql;
    this.reference = reference;
  }

  /**
   * Writes the observations to {@code <warehouse>/bench/lean}, replacing an earlier run's; returns
   * that path.
   */
  public String run() {
    SparkSession spark = context.spark();
    String query = BenchInputs.text(sql, "aggregation SQL");
    BenchInputs.contracts(spark, context.config(), schema).createOrReplaceTempView("contracts");
    BenchInputs.reference(spark, reference, "entities.csv").createOrReplaceTempView("entities");
    BenchInputs.reference(spark, reference, "fx_rates.csv").createOrReplaceTempView("fx_rates");
    String target = BenchInputs.output(context.config(), "lean");
    spark.sql(query).write().format("delta").mode("overwrite").save(target);
    return target;
  }
}
