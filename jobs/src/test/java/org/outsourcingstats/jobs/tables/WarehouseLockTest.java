package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.error.PipelineException;

class WarehouseLockTest {
  private static Process holder(Path warehouse) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                warehouse.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("locked");
    return process;
  }

  @Test
  void aSecondProcessWaitsForTheFirstAndSaysWho(@TempDir Path warehouse) throws Exception {
    Process first = holder(warehouse);
    List<String> told = new ArrayList<>();
    CompletableFuture<WarehouseLock> second =
        CompletableFuture.supplyAsync(
            () -> WarehouseLock.acquire(warehouse, "second", Duration.ofSeconds(30), told::add));
    Thread.sleep(1000);
    assertThat(second).as("serialised behind the first process").isNotDone();

    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try (WarehouseLock lock = second.get(20, TimeUnit.SECONDS)) {
      assertThat(told).containsExactly("holder process");
    }
  }

  @Test
  void givingUpAfterTheWaitSaysWhatHoldsTheWarehouse(@TempDir Path warehouse) throws Exception {
    Process first = holder(warehouse);
    try {
      assertThatThrownBy(
              () -> WarehouseLock.acquire(warehouse, "second", Duration.ofMillis(500), other -> {}))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("holder process")
          .hasMessageContaining("lock-wait-seconds");
    } finally {
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledHolderLeavesTheLockFree(@TempDir Path warehouse) throws Exception {
    holder(warehouse).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try (WarehouseLock lock =
        WarehouseLock.acquire(warehouse, "next run", Duration.ofSeconds(5), other -> {})) {
      assertThat(lock).isNotNull();
    }
  }
}
