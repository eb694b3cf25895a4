package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

/**
 * The application jar on a real Spark standalone cluster (master, worker, executor JVMs) on
 * 127.0.0.1.
 */
@ExtendWith({SharedSpark.class, ReferenceRun.class})
class ClusterIT {
  // Ports of their own, so a developer's cluster on the default 7077 is neither used nor disturbed.
  private static final String PORT = "17077";
  private static final Map<String, String> CLUSTER_ENV_WITHOUT_HOME =
      Map.of("CLUSTER_PORT", PORT, "CLUSTER_UI_PORT", "18080");

  @Test
  void aRunOnTheClusterWritesTheTablesOfALocalRunAndStopLeavesNoProcess() throws IOException {
    Path work = ReferenceRun.work("cluster");
    Path home = work.resolve("home");
    Path logs = work.resolve("logs");
    Path warehouse = work.resolve("warehouse");
    Map<String, String> env = new java.util.HashMap<>(CLUSTER_ENV_WITHOUT_HOME);
    env.put("CLUSTER_HOME", home.toString());
    try {
      Launcher.start(logs, "cluster", env, "start")
          .waitFor(Duration.ofMinutes(3))
          .assertSucceeded();

      Launcher.pipeline(
              logs,
              "run",
              "--master",
              "spark://127.0.0.1:" + PORT,
              "--landing",
              ReferenceRun.landing().toString(),
              "--warehouse",
              warehouse.toString())
          .assertSucceeded();

      try (Stream<Path> executorLogs = Files.walk(home.resolve("work"))) {
        assertThat(executorLogs.filter(file -> file.getFileName().toString().equals("stderr")))
            .as("executor JVMs launched by the worker (one stderr per executor)")
            .isNotEmpty();
      }
      String growthCount =
          Launcher.sqlCsv(logs, warehouse, "SELECT count(*) AS n FROM outsourcing.growth");
      assertThat(growthCount)
          .isEqualTo("n\n" + ReferenceRun.count(ReferenceRun.warehouse(), "growth") + "\n");
      ReferenceRun.assertReproducedBy(warehouse);
    } finally {
      Launcher.start(logs, "cluster", env, "stop").waitFor(Duration.ofMinutes(1)).assertSucceeded();
      assertThat(
              ProcessHandle.allProcesses()
                  .filter(
                      process -> process.info().commandLine().orElse("").contains(home.toString())))
          .as("processes of the cluster after stop")
          .isEmpty();
    }
  }
}
