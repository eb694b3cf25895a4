package org.outsourcingstats.jobs.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code growth}: Rebuild the growth table from observations. */
@Command(name = "growth", mixinStandardHelpOptions = true, description = "Rebuild the growth table from observations.")
public final class GrowthCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return List.of("growth");
  }
}
