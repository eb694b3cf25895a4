package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shell scripts of {@code scripts/} where they decide something on their own, before any JVM
 * starts: no Spark, no build.
 */
class ScriptsTest {
  private static final Path SCRIPTS = PipelineFixture.repository().resolve("scripts");

  /** The script's opening comment block, after the {@code #!} line, without the comment marks. */
  private static List<String> header(Path script) throws IOException {
    return Files.readAllLines(script).stream()
        .skip(1)
        .takeWhile(line -> line.startsWith("#"))
        .map(line -> line.replaceFirst("^# ?", ""))
        .toList();
  }

  @ParameterizedTest(name = "scripts/{0} --help")
  @ValueSource(strings = {"cluster", "thrift-server", "notebooks", "bench"})
  void helpIsTheHeaderCommentAndNothingAfterIt(String name, @TempDir Path scratch)
      throws IOException, InterruptedException {
    Path script = SCRIPTS.resolve(name);
    Path out = scratch.resolve("help.out");
    Process process =
        new ProcessBuilder(script.toString(), "--help")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s --help ended", name).isTrue();
    assertThat(process.exitValue()).isZero();

    List<String> help = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(help).isEqualTo(header(script)).isNotEmpty().doesNotContain("set -euo pipefail");
  }

  /**
   * Runs {@code script} in bash from {@code directory} with scripts/lib/spark.sh sourced, {@code
   * args} as its arguments; returns what it printed, a line each.
   */
  private static List<String> bash(Path directory, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", SPARK_SH + script, "bash"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(directory, "bash-", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  private static final String SPARK_SH =
      "set -euo pipefail; source '" + SCRIPTS.resolve("lib/spark.sh") + "'; ";

  /** Every option of every command that takes a FILE or a DIR, by name. */
  private static Set<String> pathOptions(CommandLine command) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (Set.of("FILE", "DIR").contains(option.paramLabel())) {
        names.addAll(List.of(option.names()));
      }
    }
    for (CommandLine subcommand : command.getSubcommands().values()) {
      names.addAll(pathOptions(subcommand));
    }
    return names;
  }

  @Test
  void theLauncherKnowsEveryFileAndDirOptionOfTheCommandLine(@TempDir Path scratch)
      throws IOException, InterruptedException {
    Set<String> options = pathOptions(PipelineCli.commandLine());
    assertThat(options).contains("--warehouse", "--out", "--config-file");
    assertThat(bash(scratch, "printf '%s\\n' \"${path_options[@]}\""))
        .as("path_options of scripts/lib/spark.sh")
        .containsAll(options);
  }

  @Test
  void pathsTheUserGivesResolveAgainstTheDirectoryTheCommandRanFrom(@TempDir Path scratch)
      throws IOException, InterruptedException {
    Path here = scratch.toRealPath();
    // Each argument as given, and as the launcher passes it on.
    String[][] arguments = {
      {"export", "export"},
      {"--warehouse", "--warehouse"},
      {"rel/wh", here + "/rel/wh"},
      {"--out=exports", "--out=" + here + "/exports"},
      {"--config-file", "--config-file"},
      {"my.conf", here + "/my.conf"},
      {"--set", "--set"},
      {"pipeline.report.dir=report", "pipeline.report.dir=" + here + "/report"},
      {"--set=pipeline.landing=landing", "--set=pipeline.landing=" + here + "/landing"},
      {"--set", "--set"},
      {"pipeline.growth.tolerance-pp=0.2", "pipeline.growth.tolerance-pp=0.2"},
      {"--conf", "--conf"},
      {"spark.sql.shuffle.partitions=3", "spark.sql.shuffle.partitions=3"},
      {"--against", "--against"},
      {"s3a://bucket/wh", "s3a://bucket/wh"},
      {"--landing", "--landing"},
      {"/absolute", "/absolute"},
      {"--query", "--query"},
      {"SELECT a=1 FROM t", "SELECT a=1 FROM t"}
    };
    List<String> passed =
        bash(
            here,
            "user_paths_from_current_dir \"$@\"; printf '%s\\n' \"${user_args[@]}\"",
            Arrays.stream(arguments).map(argument -> argument[0]).toArray(String[]::new));
    assertThat(passed)
        .containsExactlyElementsOf(Arrays.stream(arguments).map(argument -> argument[1]).toList());
  }
}
