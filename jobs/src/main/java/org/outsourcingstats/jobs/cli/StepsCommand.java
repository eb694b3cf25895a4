package org.outsourcingstats.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.Pipeline;
import org.outsourcingstats.jobs.StepResult;
import picocli.CommandLine.Mixin;

/** A command that runs pipeline steps and prints what they did. */
abstract class StepsCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  abstract List<String> steps();

  @Override
  public Integer call() {
    try (CommonOptions.Session session = common.open()) {
      List<StepResult> results = new Pipeline(session.context()).run(steps());
      RunReport.print(System.out, session.context(), results);
    }
    return 0;
  }
}
