package org.outsourcingstats.jobs.cli;

import java.util.List;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import picocli.CommandLine.Command;

/** {@code run}: every step in order; the scheduled job. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "All steps in order (ingest, normalize, growth, concentration, targets); the scheduled job. "
            + "Then writes the HTML report (see 'report') unless pipeline.report.after-run is false.")
public final class RunCommand extends StepsCommand {
  @Override
  List<Step> steps() {
    return Step.ALL;
  }

  @Override
  boolean writesReport(PipelineContext context) {
    return context.config().reportAfterRun();
  }
}
