package org.outsourcingstats.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.outsourcingstats.common.error.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps of the pipeline in order in one SparkSession, recording each in {@code runs}. A failing step is
 * recorded as FAILED and stops the run; what earlier steps committed stays committed and consistent.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Every step, in the order {@code run} executes them. */
  public static final List<String> STEPS = List.of("ingest", "normalize", "growth", "concentration", "targets");

  private final PipelineContext context;

  public Pipeline(PipelineContext context) {
    this.context = context;
  }

  public List<StepResult> run(List<String> steps) {
    context.tables().ensureCreated();
    RunsLog runs = new RunsLog(context);
    List<StepResult> results = new ArrayList<>();
    int index = 0;
    for (String step : steps) {
      index++;
      Instant started = Instant.now();
      StepResult result;
      try {
        result = execute(step);
      } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared.
        try {
          runs.failed(step, started, e);
        } catch (RuntimeException recording) {
          e.addSuppressed(recording);
        }
        throw Errors.stepFailed(step, e);
      }
      runs.succeeded(result);
      results.add(result);
      LOG.info("[{}/{}] {} done in {} s: {}", index, steps.size(), step,
          String.format("%.1f", Duration.between(started, Instant.now()).toMillis() / 1000.0), result.detail());
    }
    return results;
  }

  private StepResult execute(String step) {
    return switch (step) {
      case "ingest" -> new IngestJob(context).run();
      case "normalize" -> new NormalizeJob(context).run();
      case "growth" -> new GrowthJob(context).run();
      case "concentration" -> new ConcentrationJob(context).run();
      case "targets" -> new TargetsJob(context).run();
      default -> throw new IllegalArgumentException("unknown step '" + step + "'; steps are " + STEPS);
    };
  }
}
