package org.outsourcingstats.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.bench.FloorJob;
import org.outsourcingstats.jobs.bench.LeanJob;
import org.outsourcingstats.jobs.bench.NoopJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench floor|lean|noop}: the reference jobs scripts/bench times against {@code run}. They
 * are subcommands of the pipeline's own CLI so that they run from the same jar, through the same
 * launcher, with the same configuration and Spark settings; only the work differs. They write
 * outside the pipeline's database and record no runs.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Reference jobs for the benchmark (scripts/bench): floor, lean and noop.",
    subcommands = {BenchCommand.Floor.class, BenchCommand.Lean.class, BenchCommand.Noop.class},
    commandListHeading = "%nJobs:%n")
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing job: name one of " + spec.subcommands().keySet());
  }

  /** The schema both jobs read the register with, the one bench/duckdb.mjs gives DuckDB. */
  static final class SchemaOption {
    @Option(
        names = "--schema",
        paramLabel = "FILE",
        defaultValue = "bench/contracts.ddl",
        description = "The register's columns as a Spark DDL list (default: ${DEFAULT-VALUE}).")
    Path schema;
  }

  /** {@code bench floor}. */
  @Command(
      name = "floor",
      mixinStandardHelpOptions = true,
      description =
          "Read <landing>/contracts/*.csv with the explicit schema and write the rows unchanged to the Delta "
              + "table <warehouse>/bench/floor: the least any pipeline landing the raw rows must do.")
  public static final class Floor implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin SchemaOption register;

    @Override
    public Integer call() {
      try (CommonOptions.Session session = common.open(CommonOptions.Access.WRITE)) {
        System.out.println(
            "floor: wrote the contracts register to "
                + new FloorJob(session.context(), register.schema).run());
      }
      return 0;
    }
  }

  /** {@code bench lean}. */
  @Command(
      name = "lean",
      mixinStandardHelpOptions = true,
      description =
          "The floor's read and the contracts-to-observations sums as one SQL query, no validation, "
              + "written to the Delta table <warehouse>/bench/lean.")
  public static final class Lean implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin SchemaOption register;

    @Option(
        names = "--sql",
        paramLabel = "FILE",
        defaultValue = "bench/contracts_to_observations.sql",
        description =
            "The aggregation over the views contracts, entities and fx_rates (default: ${DEFAULT-VALUE}).")
    Path sql;

    @Option(
        names = "--reference",
        paramLabel = "DIR",
        description =
            "Folder of entities.csv and fx_rates.csv (default: pipeline.reference-dir, else conf/reference).")
    Path reference;

    @Override
    public Integer call() {
      try (CommonOptions.Session session = common.open(CommonOptions.Access.WRITE)) {
        String configured = session.context().config().referenceDir();
        Path folder =
            reference != null
                ? reference
                : Path.of(configured != null ? configured : "conf/reference");
        String target = new LeanJob(session.context(), register.schema, sql, folder).run();
        System.out.println("lean: wrote the observations of the contracts register to " + target);
      }
      return 0;
    }
  }

  /** {@code bench noop}. */
  @Command(
      name = "noop",
      mixinStandardHelpOptions = true,
      description =
          "Start the session as every command does and run SELECT 1: the cost of starting a job.")
  public static final class Noop implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
        System.out.println("noop: SELECT 1 returned " + new NoopJob(session.context()).run());
      }
      return 0;
    }
  }
}
