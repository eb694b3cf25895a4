package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
