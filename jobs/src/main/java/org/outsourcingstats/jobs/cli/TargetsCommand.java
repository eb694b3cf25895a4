package org.outsourcingstats.jobs.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code targets}: Rebuild the targets table: plans (status T) against actuals. */
@Command(name = "targets", mixinStandardHelpOptions = true, description = "Rebuild the targets table: plans (status T) against actuals.")
public final class TargetsCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return List.of("targets");
  }
}
