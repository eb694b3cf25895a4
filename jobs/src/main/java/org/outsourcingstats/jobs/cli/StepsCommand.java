package org.outsourcingstats.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.Pipeline;
import org.outsourcingstats.jobs.PipelineContext;
import org.outsourcingstats.jobs.ReportJob;
import org.outsourcingstats.jobs.StepResult;
import picocli.CommandLine.Mixin;

/** A command that runs pipeline steps and prints what they did. */
abstract class StepsCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  abstract List<String> steps();

  /** Whether the command writes the HTML report after its steps. */
  boolean writesReport(PipelineContext context) {
    return false;
  }

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open()) {
      List<StepResult> results = new Pipeline(session.context()).run(steps());
      RunReport.print(System.out, session.context(), results);
      if (writesReport(session.context())) {
        System.out.println("Report written to " + new ReportJob(session.context()).write());
      }
    }
    return 0;
  }
}
