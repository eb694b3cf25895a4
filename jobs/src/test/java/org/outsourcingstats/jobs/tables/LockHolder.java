package org.outsourcingstats.jobs.tables;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link WarehouseLockTest}: takes the lock, says so, and holds it until stdin
 * closes.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            Path.of(args[0]), "holder process", Duration.ofSeconds(30), other -> {})) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold until the test closes our stdin or kills us
      }
    }
  }
}
