package org.outsourcingstats.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.jobs.PipelineCli;
import org.outsourcingstats.jobs.normalize.BatchRelease;
import org.outsourcingstats.jobs.report.ReportJob;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that runs pipeline steps and prints what they did. */
abstract class StepsCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StepsCommand.class);

  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  abstract List<Step> steps();

  /** Batches the normalize step releases before it runs. */
  BatchRelease release() {
    return BatchRelease.NONE;
  }

  /** Whether the command writes the HTML report after its steps. */
  boolean writesReport(PipelineContext context) {
    return false;
  }

  @Option(
      names = "--result-json",
      paramLabel = "FILE",
      description =
          "Also write what the run did as one JSON object to FILE, whether it succeeded or not: run id, exit code, "
              + "each step's timing and counts, quarantined rows by reason, the quality gate's verdict, every "
              + "table's Delta version (README, Operations).")
  Path resultJson;

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open(CommonOptions.Access.WRITE)) {
      PipelineContext context = session.context();
      Pipeline pipeline = new Pipeline(context).releasing(release());
      QualityGate.Verdict verdict = null;
      try {
        List<StepResult> results = pipeline.run(steps());
        RunReport.print(System.out, context, results);
        if (writesReport(context)) {
          ReportJob report = new ReportJob(context);
          System.out.println(
              report
                  .writeIfChanged()
                  .map(written -> "Report written to " + written)
                  .orElse(
                      "Report unchanged: " + report.location() + " (no table it shows changed)"));
        }
        verdict = Pipeline.qualityVerdict(context, results);
        Map<String, String> held = Pipeline.heldBatches(results);
        if (!held.isEmpty()) {
          throw Errors.batchesHeld(held);
        }
        if (!verdict.passed()) {
          throw Errors.qualityGateFailed(verdict.breaches());
        }
        writeResult(context, results, verdict, 0, null);
      } catch (RuntimeException e) {
        int exitCode = PipelineCli.exitCode(e);
        String errorLine = PipelineCli.errorLine(e, spec.name());
        if (LogFormat.current() != LogFormat.JSON) {
          writeResult(context, pipeline.completed(), verdict, exitCode, errorLine);
          throw e;
        }
        // The error is a log line like any other, and the result stays the last line.
        LOG.error(errorLine);
        writeResult(context, pipeline.completed(), verdict, exitCode, errorLine);
        return exitCode;
      }
    }
    return 0;
  }

  /** Under {@code --log-format json}, the run's result as the last line of standard error. */
  private static void printResultLine(ObjectNode result) {
    System.err.println(result.toString());
    System.err.flush();
  }

  private void writeResult(
      PipelineContext context,
      List<StepResult> steps,
      QualityGate.Verdict verdict,
      int exitCode,
      String error) {
    boolean resultLine = LogFormat.current() == LogFormat.JSON;
    if (resultJson == null && !resultLine) {
      return;
    }
    // Built once: the table versions it holds are read from each table's log.
    ObjectNode result = RunResult.of(context, steps, verdict, exitCode, error);
    if (resultLine) {
      printResultLine(result);
    }
    if (resultJson == null) {
      return;
    }
    try {
      RunResult.write(result, resultJson);
    } catch (IOException | RuntimeException e) {
      throw Errors.resultNotWritten(resultJson.toString(), e);
    }
  }
}
