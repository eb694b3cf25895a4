package org.outsourcingstats.jobs.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.outsourcingstats.common.error.Errors;

/**
 * An exclusive lock on a local warehouse, held by one writing process at a time (a run, a step,
 * {@code maintain}): two runs writing the same tables would only fight over Delta commits, and the
 * loser's work would be lost to a conflict. A second writer waits for the first to finish and says
 * so; readers take no lock, since a Delta snapshot is consistent on its own. The lock is released
 * when the process ends, even if it is killed, since the operating system drops it with the
 * process.
 */
public final class WarehouseLock implements AutoCloseable {
  static final String FILE = ".pipeline.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private WarehouseLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code warehouse}, waiting at most {@code maxWait} for another process to
   * release it.
   *
   * @param waiting told once, with the holder's description, when the lock is held by another
   *     process
   */
  public static WarehouseLock acquire(
      Path warehouse, String holder, Duration maxWait, Consumer<String> waiting) {
    try {
      Files.createDirectories(warehouse);
      Path file = warehouse.resolve(FILE);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Instant deadline = Instant.now().plus(maxWait);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        waiting.accept(Files.readString(file, StandardCharsets.UTF_8).strip());
      }
      while (lock == null) {
        if (Instant.now().isAfter(deadline)) {
          channel.close();
          throw Errors.warehouseBusy(
              warehouse, Files.readString(file, StandardCharsets.UTF_8).strip(), maxWait);
        }
        sleep();
        lock = channel.tryLock();
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new WarehouseLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the warehouse " + warehouse, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the warehouse lock", e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
