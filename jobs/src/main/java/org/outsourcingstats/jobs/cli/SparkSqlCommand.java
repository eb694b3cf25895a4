package org.outsourcingstats.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.outsourcingstats.common.config.PipelineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code spark-sql}: Spark's own SQL shell over the pipeline's catalog. */
@Command(
    name = "spark-sql",
    mixinStandardHelpOptions = true,
    description = {
      "Spark's own SQL shell (the spark-sql CLI, SparkSQLCLIDriver) over the pipeline's tables: the same warehouse, "
          + "metastore and Delta settings as every other command, the configured database as the current one. "
          + "Start it with scripts/spark-sql, which adds the CLI's jars (spark-hive-thriftserver) to the classpath.",
      "",
      "Every argument not listed below goes to the CLI: -e \"<SQL>\" (run and exit), -f FILE (run a file and exit), "
          + "-i FILE (run before the prompt), -S (no timing lines), -v (echo statements), --database NAME, "
          + "--hiveconf KEY=VALUE (e.g. hive.cli.print.header=true), --hivevar KEY=VALUE; -H lists them all. "
          + "Without -e or -f it prompts (end a statement with ';', leave with 'quit;' or Ctrl-D).",
      "",
      "The shell holds the warehouse lock until it ends: a pipeline run on the same warehouse waits for it, and the "
          + "shell waits for a run in progress. Results go to standard output, logs and timings to standard error; "
          + "the exit code is non-zero when a statement of -e or -f fails."
    })
public final class SparkSqlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Unmatched List<String> cliArguments = new ArrayList<>();

  @Override
  public Integer call() {
    PipelineConfig config = common.config();
    SparkSqlFrontEnd.CLI.run(
        config, common.master(), withDatabase(cliArguments, config.database()));
    // The CLI ends the process with its own exit code; reached only if a future CLI returns.
    return 0;
  }

  /**
   * The CLI's arguments, with the pipeline's database as the current one unless they name another.
   */
  static List<String> withDatabase(List<String> arguments, String database) {
    if (arguments.contains("--database")
        || arguments.stream().anyMatch(a -> a.startsWith("--database="))) {
      return List.copyOf(arguments);
    }
    List<String> all = new ArrayList<>(List.of("--database", database));
    all.addAll(arguments);
    return all;
  }
}
