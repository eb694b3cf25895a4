package org.outsourcingstats.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.jobs.normalize.BatchRelease;
import org.outsourcingstats.jobs.report.ReportJob;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import picocli.CommandLine.Mixin;

/** A command that runs pipeline steps and prints what they did. */
abstract class StepsCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open(CommonOptions.Access.WRITE)) {
      List<StepResult> results = new Pipeline(session.context()).releasing(release()).run(steps());
      RunReport.print(System.out, session.context(), results);
      if (writesReport(session.context())) {
        ReportJob report = new ReportJob(session.context());
        System.out.println(
            report
                .writeIfChanged()
                .map(written -> "Report written to " + written)
                .orElse("Report unchanged: " + report.location() + " (no table it shows changed)"));
      }
      Map<String, String> held = Pipeline.heldBatches(results);
      if (!held.isEmpty()) {
        throw Errors.batchesHeld(held);
      }
      QualityGate.Verdict verdict = Pipeline.qualityVerdict(session.context(), results);
      if (!verdict.passed()) {
        throw Errors.qualityGateFailed(verdict.breaches());
      }
    }
    return 0;
  }
}
