package org.outsourcingstats.jobs.cli;

import java.util.List;
import org.outsourcingstats.jobs.Pipeline;
import picocli.CommandLine.Command;

/** {@code run}: every step in order; the scheduled job. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "All steps in order (ingest, normalize, growth, concentration, targets); the scheduled job.")
public final class RunCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return Pipeline.STEPS;
  }
}
