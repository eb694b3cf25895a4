package org.outsourcingstats.jobs;

import java.io.PrintWriter;
import java.util.List;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.error.ExitCode;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.jobs.cli.BenchCommand;
import org.outsourcingstats.jobs.cli.CompareCommand;
import org.outsourcingstats.jobs.cli.ConfigCommand;
import org.outsourcingstats.jobs.cli.ExportCommand;
import org.outsourcingstats.jobs.cli.GenerateCommand;
import org.outsourcingstats.jobs.cli.LogFormat;
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
import org.slf4j.LoggerFactory;
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
    // Usage errors (picocli prints them with the usage) and failures share one mapping to codes.
    commandLine.setExitCodeExceptionMapper(PipelineCli::exitCode);
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parseResult) -> report(error, cmd.getCommandName(), cmd.getErr()));
    return commandLine;
  }

  /** The exit code of a command that ended with {@code error}. */
  public static int exitCode(Throwable error) {
    return (error instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.of(error))
        .code();
  }

  /**
   * The one line that says why {@code command} failed with {@code error}, what and how to fix it.
   */
  public static String errorLine(Throwable error, String command) {
    PipelineException shown =
        Errors.causes(error)
            .filter(PipelineException.class::isInstance)
            .map(PipelineException.class::cast)
            .findFirst()
            .orElseGet(() -> Errors.commandFailed(command, error));
    return Errors.oneLine(shown.getMessage());
  }

  /**
   * Prints the one line of a failed command, {@code error: <what failed: the root cause's own
   * message. How to fix it>}, and the stack trace only under PIPELINE_DEBUG; returns the exit code.
   * A {@link PipelineException} already says what, why and how; anything else is put into words by
   * {@link Errors#commandFailed}.
   */
  static int report(Throwable error, String command, PrintWriter err) {
    if (LogFormat.current() == LogFormat.JSON) {
      LoggerFactory.getLogger(PipelineCli.class).error(errorLine(error, command));
    } else {
      err.println("error: " + errorLine(error, command));
    }
    if (System.getenv("PIPELINE_DEBUG") != null) {
      error.printStackTrace(err);
    }
    err.flush();
    return exitCode(error);
  }

  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    int exit;
    try {
      exit = commandLine.execute(args);
    } catch (Throwable error) {
      // An Error (a full disk in Hadoop's FSError, memory) passes picocli's handler.
      exit = report(error, executed(commandLine), new PrintWriter(System.err, true));
    }
    System.exit(exit);
  }

  /** The name of the (sub)command that the last parse of {@code commandLine} selected. */
  private static String executed(CommandLine commandLine) {
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    if (parsed == null) {
      return commandLine.getCommandName();
    }
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().name();
  }
}
