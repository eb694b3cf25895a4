package org.outsourcingstats.jobs;

import java.io.PrintWriter;
import java.util.List;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.jobs.cli.BenchCommand;
import org.outsourcingstats.jobs.cli.CompareCommand;
import org.outsourcingstats.jobs.cli.ConfigCommand;
import org.outsourcingstats.jobs.cli.ExportCommand;
import org.outsourcingstats.jobs.cli.GenerateCommand;
import org.outsourcingstats.jobs.cli.MaintainCommand;
import org.outsourcingstats.jobs.cli.NormalizeCommand;
import org.outsourcingstats.jobs.cli.ReportCommand;
import org.outsourcingstats.jobs.cli.RunCommand;
import org.outsourcingstats.jobs.cli.SparkSqlCommand;
import org.outsourcingstats.jobs.cli.SqlCommand;
import org.outsourcingstats.jobs.cli.StatusCommand;
import org.outsourcingstats.jobs.cli.StepCommand;
import org.outsourcingstats.jobs.cli.ThriftServerCommand;
import org.outsourcingstats.jobs.run.Step;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the application jar: {@code spark-submit --class
 * org.outsourcingstats.jobs.PipelineCli outsourcing-pipeline.jar <command>}, or {@code
 * scripts/pipeline <command>} locally.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    version = "outsourcing-pipeline 0.1.0",
    description =
        "Normalises published service-outsourcing statistics into Delta tables and computes growth.",
    commandListHeading = "%nCommands:%n")
public final class PipelineCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: name one of " + spec.subcommands().keySet());
  }

  /**
   * Builds the command line with the pipeline's error handling: one clear message, non-zero exit
   * code.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new PipelineCli());
    commandLine.addSubcommand(new RunCommand());
    for (Step step : Step.ALL) {
      commandLine.addSubcommand(
          step == Step.NORMALIZE
              ? StepCommand.of(new NormalizeCommand(), step)
              : StepCommand.of(step));
    }
    for (Object command :
        List.of(
            new ReportCommand(),
            new SqlCommand(),
            new ExportCommand(),
            new StatusCommand(),
            new MaintainCommand(),
            new CompareCommand(),
            new GenerateCommand(),
            new BenchCommand(),
            new SparkSqlCommand(),
            new ThriftServerCommand(),
            new ConfigCommand())) {
      commandLine.addSubcommand(command);
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          Throwable shown = error instanceof PipelineException ? error : rootCause(error);
          err.println(
              "error: "
                  + (shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage()));
          if (System.getenv("PIPELINE_DEBUG") != null) {
            error.printStackTrace(err);
          } else if (!(error instanceof PipelineException)) {
            err.println("(set PIPELINE_DEBUG=1 for the stack trace)");
          }
          err.flush();
          return exitCode(error);
        });
    return commandLine;
  }

  /** The exit code of a command that ended with {@code error}. */
  public static int exitCode(Throwable error) {
    return 1;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  public static void main(String[] args) {
    int exit;
    try {
      exit = commandLine().execute(args);
    } catch (Throwable error) {
      // An Error (a full disk in Hadoop's FSError, memory) passes picocli's handler.
      System.err.println(
          "error: "
              + Errors.cause(error)
              + (System.getenv("PIPELINE_DEBUG") == null
                  ? " (set PIPELINE_DEBUG=1 for the stack trace)"
                  : ""));
      if (System.getenv("PIPELINE_DEBUG") != null) {
        error.printStackTrace();
      }
      exit = 1;
    }
    System.exit(exit);
  }
}
