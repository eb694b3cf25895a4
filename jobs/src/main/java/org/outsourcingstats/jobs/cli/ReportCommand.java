package org.outsourcingstats.jobs.cli;

import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.report.ReportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: the HTML report of the tables, one self-contained file. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the HTML report of the tables into DIR/index.html: headline figures with their published "
            + "growth checked, growth by entity and indicator, destination-market and sector concentration against the "
            + "merger-guideline bands, and plans against actuals. One self-contained file (inline SVG charts, no "
            + "scripts, no network). 'run' writes it too, unless pipeline.report.after-run is false.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder of the report (a path or a URI); default pipeline.report.dir, else <warehouse>/report.")
  String out;

  @Override
  public Integer call() {
    if (out != null) {
      common.settings.put("pipeline.report.dir", out);
    }
    try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
      System.out.println("Report written to " + new ReportJob(session.context()).write());
    }
    return 0;
  }
}
