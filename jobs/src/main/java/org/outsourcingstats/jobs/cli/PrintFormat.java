package org.outsourcingstats.jobs.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of the commands that print rows: an aligned table, or CSV. */
final class PrintFormat {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table (aligned, the default) or csv (plain CSV with a header; standard output then holds only the CSV).")
  ResultPrinter.Format format;
}
