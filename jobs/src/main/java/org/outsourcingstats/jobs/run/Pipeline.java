package org.outsourcingstats.jobs.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkContext;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.jobs.gold.ConcentrationJob;
import org.outsourcingstats.jobs.gold.GrowthJob;
import org.outsourcingstats.jobs.gold.TargetsJob;
import org.outsourcingstats.jobs.ingest.IngestJob;
import org.outsourcingstats.jobs.normalize.BatchRelease;
import org.outsourcingstats.jobs.normalize.NormalizeJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps of the pipeline in order in one SparkSession, recording each in {@code runs} (the rows
 * of all steps in one commit at the end). A failing step is recorded as FAILED and stops the run;
 * what earlier steps committed stays committed and consistent. A batch that fails normalisation is
 * set aside and does not stop the run (see {@link NormalizeJob}).
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** The Spark job group of what a run does before its steps: creating the missing tables. */
  public static final String SETUP = "setup";

  /** The Spark job group of what a run does after its steps: committing its {@code runs} rows. */
  public static final String RECORD = "record";

  private final PipelineContext context;
  private BatchRelease release = BatchRelease.NONE;
  private final List<StepResult> completed = new ArrayList<>();

  public Pipeline(PipelineContext context) {
    this.context = context;
  }

  /** Batches to release in the normalize step ({@code normalize --retry-batch / --drop-batch}). */
  public Pipeline releasing(BatchRelease release) {
    this.release = release;
    return this;
  }

  /**
   * Runs {@code steps} in order. A step that fails is recorded as FAILED (with its cause; when even
   * that row cannot be written, the error says so) and stops the run with an error naming the step.
   * A normalize step that set batches aside is recorded as PARTIAL and the run goes on; {@link
   * #heldBatches} of the results names them.
   */
  public List<StepResult> run(List<Step> steps) {
    SparkContext spark = context.spark().sparkContext();
    spark.setJobGroup(SETUP, "tables of run " + context.runId(), false);
    try {
      context.tables().ensureCreated();
    } catch (Exception e) {
      // Spark's AnalysisException is checked in Java's eyes but thrown undeclared.
      throw Errors.tablesNotReady(context.config().warehouse(), e);
    } finally {
      spark.clearJobGroup();
    }
    RunsLog runs = new RunsLog(context);
    List<StepResult> results = completed;
    int index = 0;
    for (Step step : steps) {
      index++;
      Instant started = Instant.now();
      StepResult result;
      spark.setJobGroup(step.id(), step.id() + " of run " + context.runId(), false);
      try (Progress progress = progress(step)) {
        result = execute(step);
        runs.succeeded(result);
      } catch (Exception | FSError e) {
        // Spark throws checked exceptions undeclared; a full disk is Hadoop's Error.
        try {
          runs.failed(step.id(), started, e).commit();
        } catch (Exception | FSError recording) { // as above
          e.addSuppressed(recording);
          throw Errors.stepFailedUnrecorded(step.id(), e, recording);
        }
        throw Errors.stepFailed(step.id(), e);
      } finally {
        spark.clearJobGroup();
      }
      results.add(result);
      LOG.info(
          "[{}/{}] {} done in {} s: {}",
          index,
          steps.size(),
          step,
          String.format("%.1f", Duration.between(started, Instant.now()).toMillis() / 1000.0),
          result.detail());
    }
    spark.setJobGroup(RECORD, "runs rows of run " + context.runId(), false);
    try {
      runs.commit();
    } finally {
      spark.clearJobGroup();
    }
    return List.copyOf(results);
  }

  /**
   * The steps completed so far: all of them after {@link #run}, those before the failed one after
   * it threw.
   */
  public List<StepResult> completed() {
    return List.copyOf(completed);
  }

  /** The batches the steps of {@code results} set aside, each with the first line of its cause. */
  public static Map<String, String> heldBatches(List<StepResult> results) {
    Map<String, String> held = new LinkedHashMap<>();
    results.forEach(result -> held.putAll(result.heldBatches()));
    return held;
  }

  /**
   * The quality gate's verdict on the normalize step of {@code results}; a run without that step
   * passes.
   */
  public static QualityGate.Verdict qualityVerdict(
      PipelineContext context, List<StepResult> results) {
    QualityGate gate = context.config().qualityGate();
    return results.stream()
        .filter(result -> result.job().equals(Step.NORMALIZE.id()))
        .findFirst()
        .map(
            normalize ->
                gate.check(
                    normalize.rowsRead(),
                    normalize.quarantinedByReason().entrySet().stream()
                        .collect(
                            Collectors.toMap(
                                entry -> ReasonCode.valueOf(entry.getKey()), Map.Entry::getValue))))
        .orElse(new QualityGate.Verdict(List.of()));
  }

  /**
   * Progress lines of {@code step} when the settings ask for them: always, or when standard error
   * is a terminal, which the launcher says in {@code PIPELINE_STDERR_TERMINAL} (the JVM cannot tell
   * standard error apart).
   */
  private Progress progress(Step step) {
    boolean wanted =
        switch (context.config().progressWhen()) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> "1".equals(System.getenv("PIPELINE_STDERR_TERMINAL"));
        };
    return wanted
        ? Progress.start(
            context.spark().sparkContext(), context.config().progressEvery(), step.id(), LOG::info)
        : null;
  }

  private StepResult execute(Step step) {
    return switch (step) {
      case INGEST -> new IngestJob(context).run();
      case NORMALIZE -> new NormalizeJob(context, release).run();
      case GROWTH -> new GrowthJob(context).run();
      case CONCENTRATION -> new ConcentrationJob(context).run();
      case TARGETS -> new TargetsJob(context).run();
    };
  }
}
