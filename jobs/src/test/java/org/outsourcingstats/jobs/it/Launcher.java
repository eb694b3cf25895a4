package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.outsourcingstats.jobs.PipelineFixture;

/**
 * The repository's scripts run as separate processes, as a user or a scheduler runs them: {@code
 * scripts/pipeline} (which {@code exec}s the driver JVM, so the process is the driver) and {@code
 * scripts/cluster}.
 */
final class Launcher {
  // Generous: a quiet 2-core machine runs the small landing in about a minute, an overloaded one
  // ten times slower.
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

  private Launcher() {}

  /** Runs {@code scripts/pipeline args...} to completion; output kept in {@code logs}. */
  static Finished pipeline(Path logs, String... args) {
    return start(logs, "pipeline", Map.of(), args).waitFor(RUN_TIMEOUT);
  }

  /**
   * Runs {@code scripts/pipeline args...} to completion from {@code directory}, as a user in
   * another folder would; output kept in {@code logs}.
   */
  static Finished pipelineFrom(Path directory, Path logs, String... args) {
    return start(directory, logs, "pipeline", Map.of(), args).waitFor(RUN_TIMEOUT);
  }

  /** Starts {@code scripts/pipeline run} over one landing into one warehouse, in the background. */
  static Started startRun(Path logs, Path landing, Path warehouse) {
    return start(
        logs,
        "pipeline",
        Map.of(),
        "run",
        "--landing",
        landing.toString(),
        "--warehouse",
        warehouse.toString());
  }

  /**
   * Runs {@code scripts/pipeline sql --format csv} on a warehouse; fails the test unless it
   * succeeds.
   *
   * @return standard output: the header line, then one line per row
   */
  static String sqlCsv(Path logs, Path warehouse, String query) {
    return pipeline(logs, "sql", "--format", "csv", "--warehouse", warehouse.toString(), query)
        .assertSucceeded()
        .stdout();
  }

  /** Starts {@code scripts/<script> args...} from the repository, in the background. */
  static Started start(Path logs, String script, Map<String, String> environment, String... args) {
    return start(PipelineFixture.repository(), logs, script, environment, args);
  }

  private static Started start(
      Path directory, Path logs, String script, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(PipelineFixture.repository().resolve("scripts").resolve(script).toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logs);
      Path out = Files.createTempFile(logs, script + "-", ".out");
      Path err = Files.createTempFile(logs, script + "-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(environment);
      return new Started(String.join(" ", command), builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * Polls {@code condition} until it holds; fails the test when the process ends first or time runs
   * out.
   */
  static void await(String what, Started process, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertThat(process.process().isAlive())
          .as(
              "%s ended (exit %s) before %s; stderr:%n%s",
              process.command(),
              process.process().isAlive() ? "-" : process.process().exitValue(),
              what,
              process.stderr())
          .isTrue();
      assertThat(Instant.now()).as("waiting for %s", what).isBefore(deadline);
      sleep(Duration.ofMillis(100));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A process started in the background, its output going to files. */
  record Started(String command, java.lang.Process process, Path out, Path err) {
    Finished waitFor(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              command + " did not finish within " + timeout + "; stderr:\n" + stderr());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Finished(command, process.exitValue(), read(out), read(err));
    }

    /**
     * SIGKILL: the JVM gets no chance to clean up, as when a node dies or the OOM killer strikes.
     */
    Finished kill() {
      process.destroyForcibly();
      return waitFor(Duration.ofMinutes(1));
    }

    String stderr() {
      return read(err);
    }
  }

  /** A finished process. */
  record Finished(String command, int exitCode, String stdout, String stderr) {
    Finished assertSucceeded() {
      assertThat(exitCode).as("exit code of %s; stderr:%n%s", command, stderr).isZero();
      return this;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
