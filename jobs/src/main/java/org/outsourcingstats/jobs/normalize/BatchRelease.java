package org.outsourcingstats.jobs.normalize;

import java.util.List;

/**
 * Batches to release before normalising: held batches ({@link HeldBatches}) to normalise again, and
 * held batches to drop.
 *
 * @param retry batch ids for {@code normalize --retry-batch}
 * @param drop batch ids for {@code normalize --drop-batch}
 */
public record BatchRelease(List<String> retry, List<String> drop) {
  /** Nothing to release. */
  public static final BatchRelease NONE = new BatchRelease(List.of(), List.of());

  public BatchRelease {
    retry = List.copyOf(retry);
    drop = List.copyOf(drop);
  }
}
