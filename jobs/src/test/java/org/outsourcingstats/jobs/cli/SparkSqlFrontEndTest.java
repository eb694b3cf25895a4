package org.outsourcingstats.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.jobs.PipelineCli;
import picocli.CommandLine;

/**
 * The hand-over to Spark's SQL front ends, without them: what reaches them, and what a process
 * without their jars says. {@code .ci/run} runs them for real through scripts/spark-sql and
 * scripts/thrift-server.
 */
class SparkSqlFrontEndTest {
  static Stream<Arguments> cliArguments() {
    return Stream.of(
        Arguments.of(List.of(), List.of("--database", "outsourcing")),
        Arguments.of(
            List.of("-e", "SELECT 1"), List.of("--database", "outsourcing", "-e", "SELECT 1")),
        Arguments.of(
            List.of("--database", "other", "-f", "q.sql"),
            List.of("--database", "other", "-f", "q.sql")),
        Arguments.of(List.of("-S", "--database=other"), List.of("-S", "--database=other")));
  }

  @ParameterizedTest
  @MethodSource("cliArguments")
  void theShellStartsInThePipelinesDatabaseUnlessToldAnother(
      List<String> given, List<String> passed) {
    assertThat(SparkSqlCommand.withDatabase(given, "outsourcing")).isEqualTo(passed);
  }

  @Test
  void pipelineOptionsAreTakenAndEveryOtherArgumentReachesTheCliInOrder() {
    SparkSqlCommand command = new SparkSqlCommand();
    new CommandLine(command)
        .parseArgs(
            "-S",
            "--warehouse",
            "/tmp/wh",
            "-e",
            "SELECT count(*) FROM growth",
            "--hiveconf",
            "hive.cli.print.header=true",
            "--set",
            "pipeline.lock-wait-seconds=5");

    assertThat(command.common.warehouse).isEqualTo("/tmp/wh");
    assertThat(command.common.settings).containsEntry("pipeline.lock-wait-seconds", "5");
    assertThat(command.cliArguments)
        .containsExactly(
            "-S", "-e", "SELECT count(*) FROM growth", "--hiveconf", "hive.cli.print.header=true");
  }

  @Test
  void theThriftServerListensOnLoopbackUnlessTheCallerSaysOtherwise() {
    List<String> arguments =
        ThriftServerCommand.withLoopbackDefaults(
            List.of("--hiveconf", "hive.server2.thrift.port=10123"));

    // Later --hiveconf values replace earlier ones: the caller's port wins, the bind host stays
    // loopback.
    assertThat(arguments)
        .containsExactly(
            "--hiveconf",
            "hive.server2.thrift.bind.host=127.0.0.1",
            "--hiveconf",
            "hive.server2.thrift.port=10000",
            "--hiveconf",
            "hive.server2.thrift.port=10123");
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark-sql", "thrift-server"})
  void withoutTheThriftserverJarsTheCommandSaysHowToStartIt(String command) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = PipelineCli.commandLine();
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute(command, "-e", "SELECT 1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: Spark's ")
        .contains("is not on the classpath")
        .contains("scripts/spark-sql")
        .contains("spark-hive-thriftserver");
  }
}
