package org.outsourcingstats.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sql}: query the tables by name. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a SQL query against the tables (e.g. SELECT * FROM outsourcing.growth) and print the result. "
            + "With --format csv, standard output holds only the CSV; logs go to standard error.")
public final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin PrintFormat output;

  @Option(
      names = "--allow-writes",
      description =
          "Run a statement that changes tables (INSERT, DELETE, DROP, RESTORE, OPTIMIZE ...); without it "
              + "only queries and SHOW/DESCRIBE/EXPLAIN run.")
  boolean allowWrites;

  @Parameters(paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Override
  public Integer call() {
    try (CommonOptions.Session session =
        common.open(allowWrites ? CommonOptions.Access.WRITE : CommonOptions.Access.READ)) {
      ResultPrinter.print(session.run(query, "sql", allowWrites), output.format, System.out);
    }
    return 0;
  }
}
