package org.outsourcingstats.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.outsourcingstats.jobs.generate.SyntheticRegister;
import org.outsourcingstats.jobs.generate.SyntheticRegister.GeneratedFile;
import org.outsourcingstats.jobs.generate.SyntheticRegister.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: deterministic synthetic contracts and firm register for benchmarks. Plain Java;
 * it never starts Spark: it accepts the common options, and of them uses only --landing.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write deterministic synthetic raw data for benchmarks: contracts (DIR/contracts/contracts-s<seed>-"
            + "part-NNNNN.csv, at most 1,000,000 rows each) and a firm register (DIR/firms/firms-s<seed>.csv) in the 31 "
            + "model service-outsourcing cities. The same options always write the same bytes.")
public final class GenerateCommand implements Callable<Integer> {
  /** Where the data goes when neither --out nor --landing is given: never the bundled sample. */
  static final Path DEFAULT_OUT = Path.of("data", "generated");

  @Spec CommandSpec spec;

  @Option(
      names = "--rows",
      paramLabel = "N",
      required = true,
      description = "Number of contract rows to write.")
  long rows;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed; it also names the files (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--firms",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Number of firms the contracts belong to (default: ${DEFAULT-VALUE}).")
  int firms;

  @Option(
      names = "--from-year",
      paramLabel = "YEAR",
      defaultValue = "2016",
      description =
          "First year of signing dates and of the firm register (default: ${DEFAULT-VALUE}).")
  int fromYear;

  @Option(
      names = "--to-year",
      paramLabel = "YEAR",
      defaultValue = "2023",
      description = "Last year, included (default: ${DEFAULT-VALUE}).")
  int toYear;

  @Option(
      names = "--rows-per-file",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Most contract rows per file, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
  int rowsPerFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Landing folder to write into, a sub-folder per shape (default: --landing, else data/generated).")
  Path out;

  /**
   * The common options are accepted like everywhere (--landing is the default output); Spark is
   * never started.
   */
  @CommandLine.Mixin CommonOptions common;

  @Override
  public Integer call() throws IOException {
    SyntheticRegister register;
    try {
      register =
          SyntheticRegister.builder()
              .rows(rows)
              .seed(seed)
              .firms(firms)
              .years(fromYear, toYear)
              .rowsPerFile(rowsPerFile)
              .build();
    } catch (IllegalArgumentException e) {
      // A bad option: picocli reports it with the usage and exit code 2.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Path folder =
        out != null ? out : common.landing != null ? Path.of(common.landing) : DEFAULT_OUT;
    long started = System.nanoTime(); // timing only: the data never depends on the clock
    Summary summary = register.writeTo(folder);
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(describe(summary, folder, seconds));
    stdout.flush();
    return 0;
  }

  private String describe(Summary summary, Path folder, double seconds) {
    long contractFiles =
        summary.files().stream().filter(file -> file.shape().equals("contracts")).count();
    Path firmFile =
        summary.files().stream()
            .filter(file -> file.shape().equals("firms"))
            .map(GeneratedFile::path)
            .findFirst()
            .orElseThrow();
    return String.format(
        Locale.ROOT,
        "Wrote %,d contract rows in %d file%s (%s) and %,d firm rows (%,d firms x %d years, %s): %,d files, "
            + "%,d bytes (%.1f MB) in %.1f s, seed %d.",
        summary.contractRows(),
        contractFiles,
        contractFiles == 1 ? "" : "s",
        folder.resolve("contracts").resolve("contracts-s" + seed + "-part-*.csv"),
        summary.firmRows(),
        firms,
        toYear - fromYear + 1,
        firmFile,
        summary.files().size(),
        summary.bytesWritten(),
        summary.bytesWritten() / 1e6,
        seconds,
        seed);
  }
}
