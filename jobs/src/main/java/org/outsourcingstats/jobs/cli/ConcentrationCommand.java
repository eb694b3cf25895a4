package org.outsourcingstats.jobs.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code concentration}: Rebuild the concentration table (HHI bounds, ratios, bands) from observations and firm figures. */
@Command(name = "concentration", mixinStandardHelpOptions = true, description = "Rebuild the concentration table (HHI bounds, ratios, bands) from observations and firm figures.")
public final class ConcentrationCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return List.of("concentration");
  }
}
