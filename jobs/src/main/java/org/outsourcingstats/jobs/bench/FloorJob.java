package org.outsourcingstats.jobs.bench;

import java.nio.file.Path;
import org.outsourcingstats.jobs.run.PipelineContext;

/**
 * The floor of the benchmark: the least any pipeline that lands a contracts register's raw rows
 * must do. It reads the register with an explicit schema and writes the rows unchanged to one Delta
 * table by path: no validation, no catalog, one commit.
 */
public final class FloorJob {
  private final PipelineContext context;
  private final Path schema;

  /**
   * @param schema the register's columns as a Spark DDL list ({@code bench/contracts.ddl})
   */
  public FloorJob(PipelineContext context, Path schema) {
    this.context = context;
    this.schema = schema;
  }

  /**
   * Writes the register to {@code <warehouse>/bench/floor}, replacing an earlier run's rows;
   * returns that path.
   */
  public String run() {
    String target = BenchInputs.output(context.config(), "floor");
    BenchInputs.contracts(context.spark(), context.config(), schema)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(target);
    return target;
  }
}
