package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * A run killed with SIGKILL leaves every table readable, and the next run converges to the tables
 * of an uninterrupted run. One warehouse goes through three killed runs, each killed at a later
 * point, then one run that completes.
 */
@ExtendWith({SharedSpark.class, ReferenceRun.class})
class CrashRecoveryIT {
  @Test
  void runsKilledAtThreePointsConvergeToTheUninterruptedTables() {
    Path work = ReferenceRun.work("crash");
    Path warehouse = work.resolve("warehouse");
    Path tables = warehouse.resolve(ReferenceRun.DATABASE + ".db");
    Path logs = work.resolve("logs");

    killWhen(
        logs,
        warehouse,
        "the first table is created, before ingest commits",
        () -> Files.exists(tables.resolve("raw_rows/_delta_log/00000000000000000000.json")));
    killWhen(
        logs,
        warehouse,
        "normalize has committed observations, before the batch is marked done",
        () -> Files.exists(tables.resolve("observations/_delta_log/00000000000000000001.json")));
    killWhen(
        logs,
        warehouse,
        "growth is done, during concentration",
        () -> Files.exists(tables.resolve("growth/_delta_log/00000000000000000001.json")));

    Launcher.pipeline(
            logs,
            "run",
            "--landing",
            ReferenceRun.landing().toString(),
            "--warehouse",
            warehouse.toString())
        .assertSucceeded();
    ReferenceRun.assertReproducedBy(warehouse);
  }

  private static void killWhen(Path logs, Path warehouse, String moment, BooleanSupplier reached) {
    Launcher.Started run = Launcher.startRun(logs, ReferenceRun.landing(), warehouse);
    Launcher.await(moment, run, Launcher.RUN_TIMEOUT, reached);
    Launcher.Finished killed = run.kill();
    assertThat(killed.exitCode()).as("run killed when %s", moment).isNotZero();
    for (String table : Tables.ALL.stream().map(PipelineTable::name).toList()) {
      if (Files.exists(
          warehouse.resolve(ReferenceRun.DATABASE + ".db").resolve(table).resolve("_delta_log"))) {
        assertThatCode(() -> ReferenceRun.count(warehouse, table))
            .as("table %s readable after a kill when %s", table, moment)
            .doesNotThrowAnyException();
      }
    }
  }
}
