package org.outsourcingstats.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.run.RunsLog;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.MaintainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code maintain}: OPTIMIZE and VACUUM every table. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "OPTIMIZE (compact small files) and VACUUM (delete files older than the retention that no "
            + "retained version needs) every table.")
public final class MaintainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--retain-hours",
      paramLabel = "HOURS",
      defaultValue = "168",
      description =
          "Keep the files versions of the last HOURS hours need (default ${DEFAULT-VALUE}, Delta's safety "
              + "window; time travel reaches back this far).")
  int retainHours;

  @Option(
      names = "--allow-unsafe-retention",
      description =
          "Allow a retention below 168 hours (breaks time travel and concurrent readers beyond it).")
  boolean allowUnsafeRetention;

  @Override
  public Integer call() {
    MaintainJob.checkRetention(retainHours, allowUnsafeRetention);
    try (CommonOptions.Session session = common.open(CommonOptions.Access.WRITE)) {
      StepResult result =
          new MaintainJob(session.context(), retainHours, allowUnsafeRetention).run();
      new RunsLog(session.context()).succeeded(result).commit();
      RunReport.print(System.out, session.context(), List.of(result));
    }
    return 0;
  }
}
