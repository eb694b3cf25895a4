package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;

/**
 * {@code scripts/pipeline} run from a folder outside the repository: the paths the user gives
 * resolve against that folder, the defaults against the repository. Read from the {@code config}
 * command, which prints the effective settings without starting Spark.
 */
class LauncherPathsIT {
  /** The settings {@code config --format csv} prints, by key: {@code scope,setting,value,from}. */
  private static Map<String, String> settings(Path directory, Path logs, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "config";
    args[1] = "--format";
    args[2] = "csv";
    System.arraycopy(options, 0, args, 3, options.length);
    return Launcher.pipelineFrom(directory, logs, args)
        .assertSucceeded()
        .stdout()
        .lines()
        .skip(1)
        .map(line -> line.split(",", 4))
        .collect(Collectors.toMap(fields -> fields[1], fields -> fields[2], (a, b) -> a));
  }

  @Test
  void relativePathsOnTheCommandLineResolveAgainstTheFolderTheCommandRanFrom(@TempDir Path scratch)
      throws IOException {
    Path here = Files.createDirectories(scratch.resolve("analyst")).toRealPath();
    Path logs = scratch.resolve("logs");
    Files.writeString(here.resolve("mine.conf"), "pipeline.current-year = 2020\n");

    Map<String, String> given =
        settings(
            here,
            logs,
            "--warehouse",
            "rel/wh",
            "--landing=rel/landing",
            "--config-file",
            "mine.conf",
            "--set",
            "pipeline.report.dir=rel/report");
    assertThat(given)
        .containsEntry("pipeline.warehouse", here.resolve("rel/wh").toString())
        .containsEntry("spark.sql.warehouse.dir", here.resolve("rel/wh").toString())
        .containsEntry("pipeline.landing", here.resolve("rel/landing").toString())
        .containsEntry("pipeline.report.dir", here.resolve("rel/report").toString())
        .as("the configuration file named relative to the folder was read")
        .containsEntry("pipeline.current-year", "2020");

    // The defaults (conf/local.conf's warehouse/ and data/sample) stay the repository's.
    Function<String, String> inRepository =
        path -> PipelineFixture.repository().resolve(path).toString();
    assertThat(settings(here, logs))
        .containsEntry("spark.sql.warehouse.dir", inRepository.apply("warehouse"))
        .containsEntry("pipeline.landing", "data/sample");
  }
}
