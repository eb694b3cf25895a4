package org.outsourcingstats.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the pipeline's command line in the test JVM (on the shared session) and captures what it
 * printed.
 */
public final class Cli {
  /** What a command printed, and its exit code. */
  public record Outcome(int exit, String out, String err) {}

  private Cli() {}

  /**
   * Runs {@code args}, with the fixture's landing, warehouse and database when {@code fixture} is
   * not null.
   */
  public static Outcome execute(PipelineFixture fixture, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (fixture != null) {
      for (Map.Entry<String, String> setting : fixture.settings().entrySet()) {
        all.add("--set");
        all.add(setting.getKey() + "=" + setting.getValue());
      }
    }
    PrintStream originalOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
      System.setOut(captured);
      CommandLine commandLine = PipelineCli.commandLine();
      commandLine.setErr(new PrintWriter(err, true));
      commandLine.setOut(new PrintWriter(captured, true));
      int exit = commandLine.execute(all.toArray(String[]::new));
      commandLine.getOut().flush();
      return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(originalOut);
    }
  }
}
