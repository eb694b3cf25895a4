package org.outsourcingstats.jobs.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code normalize}: Validate and normalise landed batches into observations and quarantine. */
@Command(name = "normalize", mixinStandardHelpOptions = true, description = "Validate and normalise landed batches into observations and quarantine.")
public final class NormalizeCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return List.of("normalize");
  }
}
