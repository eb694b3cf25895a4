package org.outsourcingstats.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code generate} command alone: it needs no Spark. */
class GenerateCommandTest {
  private record Outcome(int exit, String out, String err) {}

  private static Outcome execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new GenerateCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void writesIntoOutAndPrintsOneParagraphSummary(@TempDir Path out) {
    Outcome outcome =
        execute(
            "--rows",
            "2500",
            "--rows-per-file",
            "1000",
            "--firms",
            "40",
            "--seed",
            "9",
            "--from-year",
            "2020",
            "--to-year",
            "2021",
            "--out",
            out.toString());

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out().strip())
        .doesNotContain("\n")
        .startsWith("Wrote 2,500 contract rows in 3 files")
        .contains("80 firm rows (40 firms x 2 years", "seed 9");
    assertThat(out.resolve("contracts/contracts-s9-part-00002.csv")).isRegularFile();
    assertThat(out.resolve("firms/firms-s9.csv")).isRegularFile();
  }

  @Test
  void writesIntoTheLandingFolderWhenOutIsNotGiven(@TempDir Path landing) {
    Outcome outcome = execute("--rows", "10", "--firms", "5", "--landing", landing.toString());

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(landing.resolve("contracts/contracts-s42-part-00000.csv")).isRegularFile();
  }

  @Test
  void invalidOptionsExitWithTheReasonAndTheUsage(@TempDir Path out) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(execute("--rows", "-5", "--out", out.toString()));
    outcomes.add(
        execute(
            "--rows", "5", "--from-year", "2023", "--to-year", "2016", "--out", out.toString()));
    outcomes.add(execute("--out", out.toString()));

    assertThat(outcomes).extracting(Outcome::exit).containsOnly(2);
    assertThat(outcomes.get(0).err()).contains("rows must be 0 or more, not -5", "Usage: generate");
    assertThat(outcomes.get(1).err()).contains("give the earlier year first");
    assertThat(outcomes.get(2).err()).contains("Missing required option: '--rows=N'");
    try (var files = Files.list(out)) {
      assertThat(files).isEmpty(); // nothing written on a usage error
    }
  }
}
