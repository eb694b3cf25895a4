package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.outsourcingstats.jobs.Cli.execute;

import io.delta.exceptions.ConcurrentAppendException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.error.ExitCode;
import org.outsourcingstats.jobs.tables.WarehouseLock;

/**
 * What an on-call engineer gets from a failed command: one line that names what failed and keeps
 * the root cause's own message, no stack trace, and an exit code of the README's table.
 */
@ExtendWith(SharedSpark.class)
class ExitCodesTest {
  /** A line of a Java stack trace, as printStackTrace writes it. */
  private static final String STACK_FRAME = "\tat ";

  /** Asserts that a command failed with one error line and the given code. */
  private static void assertOneErrorLine(Cli.Outcome outcome, ExitCode code) {
    assertThat(outcome.exit()).as(outcome.err()).isEqualTo(code.code());
    assertThat(outcome.err()).startsWith("error: ").doesNotContain(STACK_FRAME);
    assertThat(outcome.err().lines()).as(outcome.err()).hasSize(1);
  }

  @Test
  void aQueryThatDoesNotParseKeepsSparksErrorClassAndPositionOnOneLine(@TempDir Path root)
      throws IOException {
    Cli.Outcome outcome = execute(new PipelineFixture(root), "sql", "SELEC 1");
    assertOneErrorLine(outcome, ExitCode.FAILURE);
    assertThat(outcome.err())
        .startsWith("error: The query failed: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'")
        .contains("(line 1, pos 0)")
        .contains("Query: SELEC 1.");
  }

  @Test
  void aQuerySpreadOverLinesIsQuotedOnOneLine(@TempDir Path root) throws IOException {
    Cli.Outcome outcome =
        execute(new PipelineFixture(root), "sql", "SELECT x\n  FROM no_such_table\n");
    assertOneErrorLine(outcome, ExitCode.FAILURE);
    assertThat(outcome.err())
        .contains("[TABLE_OR_VIEW_NOT_FOUND]")
        .contains("Query: SELECT x FROM no_such_table.");
  }

  @Test
  void aRefusedConnectionIsNamedInTheErrorLine(@TempDir Path root) throws IOException {
    int port = freePort();
    Cli.Outcome outcome =
        execute(
            new PipelineFixture(root),
            "ingest",
            "--landing",
            "hdfs://127.0.0.1:" + port + "/landing");
    assertOneErrorLine(outcome, ExitCode.FAILURE);
    // Hadoop's own wrapper names both ends of the connection.
    assertThat(outcome.err())
        .contains(
            "Step 'ingest' failed: The landing folder hdfs://127.0.0.1:" + port,
            ":" + port + " failed on connection exception",
            "ConnectException: Connection refused",
            "that its file system is reachable");
  }

  @Test
  void aWriterThatCannotTakeTheWarehouseLockInTimeExitsWithTheLockCode(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture = new PipelineFixture(root);
    // The lock is taken by the process, before Spark starts: the command runs in a JVM of its own
    // (the test's session would keep it from locking), through main and its System.exit.
    try (WarehouseLock held =
        WarehouseLock.acquire(fixture.warehouse, "the test", Duration.ZERO, other -> {})) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"));
      command.add(PipelineCli.class.getName());
      command.addAll(List.of("ingest", "--set", "pipeline.lock-wait-seconds=0"));
      fixture
          .settings()
          .forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
      Process process =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ended").isTrue();

      assertThat(process.exitValue()).as(err).isEqualTo(ExitCode.CONCURRENT_WRITER.code());
      assertThat(err).doesNotContain(STACK_FRAME);
      assertThat(err.lines().filter(line -> line.startsWith("error: ")))
          .singleElement()
          .asString()
          .contains("is still being written by another pipeline process (the test)")
          .contains("raise pipeline.lock-wait-seconds");
    }
  }

  @Test
  void aDeltaWriteConflictExitsWithTheLockCodeAndAnyOtherFailureWithOne() {
    // Delta 3 takes the argument for the message, Delta 4 for an error class: only the class of
    // the exception is relied on.
    Throwable conflict = new ConcurrentAppendException("Files were added");
    StringWriter step = new StringWriter();
    assertThat(
            PipelineCli.report(
                Errors.stepFailed("normalize", conflict), "normalize", new PrintWriter(step)))
        .isEqualTo(ExitCode.CONCURRENT_WRITER.code());
    assertThat(step.toString()).startsWith("error: Step 'normalize' failed: ");
    // Not the batch's fault either: normalize fails the step instead of setting the batch aside.
    assertThat(Errors.isEnvironmental(conflict)).isTrue();

    StringWriter maintain = new StringWriter();
    assertThat(PipelineCli.report(conflict, "maintain", new PrintWriter(maintain)))
        .isEqualTo(ExitCode.CONCURRENT_WRITER.code());
    assertThat(maintain.toString())
        .startsWith("error: 'maintain' failed: ")
        .contains(". Another writer committed to the same table first");

    // A collection changed while iterated is a bug, not another writer.
    assertThat(PipelineCli.exitCode(new java.util.ConcurrentModificationException()))
        .isEqualTo(ExitCode.FAILURE.code());
  }

  @Test
  void aFailureNoStepPutIntoWordsNamesTheCommandTheRootCauseAndTheWayOut() {
    Throwable spark =
        org.apache.spark.SparkException.internalError(
            "write failed", new IOException("No space left on device"));
    StringWriter err = new StringWriter();
    assertThat(PipelineCli.report(spark, "maintain", new PrintWriter(err)))
        .isEqualTo(ExitCode.FAILURE.code());
    assertThat(err.toString())
        .isEqualTo(
            "error: 'maintain' failed: IOException: No space left on device. A file system or the "
                + "network failed, not the data: check that the landing folder and the warehouse are "
                + "reachable and writable and that their disks have space, then run again "
                + "(PIPELINE_DEBUG=1 adds the stack trace)."
                + System.lineSeparator());
  }

  @Test
  void anUnreachableMetastoreIsOneLineWithoutTheStackTraceHiveWritesIntoItsMessage() {
    // As Spark's Hive client reports it: Hive quotes the whole stack trace of the last attempt in
    // the MetaException's message, under reflection's and Hive's wrappers.
    MetaException refused =
        new MetaException(
            "Could not connect to meta store using any of the URIs provided. Most recent failure: "
                + "org.apache.thrift.transport.TTransportException: java.net.ConnectException: "
                + "Connection refused\n\tat org.apache.thrift.transport.TSocket.open(TSocket.java:226)"
                + "\n\tat org.apache.hadoop.hive.metastore.HiveMetaStoreClient.open"
                + "(HiveMetaStoreClient.java:480)\n");
    RuntimeException unable =
        new RuntimeException(
            "Unable to instantiate org.apache.hadoop.hive.ql.metadata.SessionHiveMetaStoreClient",
            new InvocationTargetException(refused));
    StringWriter err = new StringWriter();
    int exit =
        PipelineCli.report(
            new HiveException(unable.toString(), unable), "status", new PrintWriter(err));

    assertThat(exit).isEqualTo(ExitCode.FAILURE.code());
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString())
        .doesNotContain(STACK_FRAME)
        .startsWith(
            "error: 'status' failed: Could not connect to meta store using any of the URIs provided.")
        .contains("java.net.ConnectException: Connection refused")
        .contains("check hive.metastore.uris");
  }

  @Test
  void usageErrorsExitWithTheUsageCode() {
    assertThat(execute(null, "frobnicate").exit()).isEqualTo(ExitCode.USAGE.code());
    Cli.Outcome noQuery = execute(null, "sql");
    assertThat(noQuery.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noQuery.err()).contains("Missing required parameter: 'QUERY'");
    assertThat(execute(null, "status", "--no-such-option").exit()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void theReadmesTableOfExitCodesIsTheCodes() throws IOException {
    Map<Integer, String> documented = new LinkedHashMap<>();
    Pattern row = Pattern.compile("^\\| (\\d+) \\| `([A-Z_]+)` \\|");
    String readme = Files.readString(PipelineFixture.repository().resolve("README.md"));
    String section = readme.substring(readme.indexOf("\n### Exit codes\n"));
    for (String line : section.substring(1, section.indexOf("\n#", 1)).split("\n")) {
      Matcher matcher = row.matcher(line);
      if (matcher.find()) {
        documented.put(Integer.valueOf(matcher.group(1)), matcher.group(2));
      }
    }
    Map<Integer, String> codes = new LinkedHashMap<>();
    Arrays.stream(ExitCode.values()).forEach(code -> codes.put(code.code(), code.name()));
    assertThat(documented).isNotEmpty().containsExactlyEntriesOf(codes);
  }

  /** A port of this machine that nothing listens on (the test's own, just closed). */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
