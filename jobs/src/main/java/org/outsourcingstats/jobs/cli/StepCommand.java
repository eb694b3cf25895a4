package org.outsourcingstats.jobs.cli;

import java.util.List;
import org.outsourcingstats.jobs.run.Step;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that runs one step alone, without options of its own: {@code ingest}, {@code growth},
 * ...
 */
@Command(mixinStandardHelpOptions = true)
public final class StepCommand extends StepsCommand {
  private final Step step;

  private StepCommand(Step step) {
    this.step = step;
  }

  /** The command line of the step's command, named and described by the step. */
  public static CommandLine of(Step step) {
    return of(new StepCommand(step), step);
  }

  /**
   * The command line of {@code command}, a command that runs {@code step}, named and described by
   * the step.
   */
  public static CommandLine of(StepsCommand command, Step step) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(command);
    spec.name(step.id());
    spec.usageMessage().description(step.description());
    return new CommandLine(spec);
  }

  @Override
  List<Step> steps() {
    return List.of(step);
  }
}
