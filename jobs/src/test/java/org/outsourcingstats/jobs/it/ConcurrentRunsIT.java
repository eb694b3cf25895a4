package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

/** Two runs started at once on one warehouse: serialised, both succeed, no row lost or doubled. */
@ExtendWith({SharedSpark.class, ReferenceRun.class})
class ConcurrentRunsIT {
  @Test
  void twoRunsAtOnceAreSerialisedAndLeaveTheTablesOfOneRun() {
    Path work = ReferenceRun.work("concurrent");
    Path warehouse = work.resolve("warehouse");
    Path logs = work.resolve("logs");
    String[] run = {
      "run", "--landing", ReferenceRun.landing().toString(), "--warehouse", warehouse.toString()
    };

    Launcher.Started first = Launcher.start(logs, "pipeline", Map.of(), run);
    Launcher.Started second = Launcher.start(logs, "pipeline", Map.of(), run);
    Launcher.Finished one = first.waitFor(Launcher.RUN_TIMEOUT).assertSucceeded();
    Launcher.Finished other = second.waitFor(Launcher.RUN_TIMEOUT).assertSucceeded();

    assertThat(one.stderr() + other.stderr())
        .as("the waiting run says why it waits")
        .contains("is being written by another pipeline process");
    ReferenceRun.assertReproducedBy(warehouse);
  }
}
