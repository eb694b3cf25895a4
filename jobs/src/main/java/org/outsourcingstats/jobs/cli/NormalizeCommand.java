package org.outsourcingstats.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.outsourcingstats.jobs.normalize.BatchRelease;
import org.outsourcingstats.jobs.run.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code normalize}: validate and normalise landed batches; release batches that were set aside.
 */
/** Named and described by {@link Step#NORMALIZE} ({@link StepCommand#of(StepsCommand, Step)}). */
@Command(mixinStandardHelpOptions = true)
public final class NormalizeCommand extends StepsCommand {
  @Option(
      names = "--retry-batch",
      paramLabel = "BATCH",
      description =
          "Normalise a batch that was set aside again, once the cause is fixed (repeatable).")
  List<String> retry = new ArrayList<>();

  @Option(
      names = "--drop-batch",
      paramLabel = "BATCH",
      description =
          "Drop a batch that was set aside: its rows go to quarantine as BATCH_DROPPED (repeatable).")
  List<String> drop = new ArrayList<>();

  @Override
  List<Step> steps() {
    return List.of(Step.NORMALIZE);
  }

  @Override
  BatchRelease release() {
    return new BatchRelease(retry, drop);
  }
}
