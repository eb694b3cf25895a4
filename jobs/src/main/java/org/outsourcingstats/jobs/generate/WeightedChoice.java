package org.outsourcingstats.jobs.generate;

import java.util.SplittableRandom;

/**
 * Draws an index with probability proportional to its weight, in O(log n) and without allocating.
 */
final class WeightedChoice {
  private final double[] cumulative;

  private WeightedChoice(double[] cumulative) {
    this.cumulative = cumulative;
  }

  /** Weights must be non-negative with a positive sum. */
  static WeightedChoice of(double... weights) {
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) {
        throw new IllegalStateException(
            "weight " + i + " is " + weights[i] + "; weights are never negative");
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalStateException("weights sum to " + sum + "; at least one must be positive");
    }
    return new WeightedChoice(cumulative);
  }

  int size() {
    return cumulative.length;
  }

  int next(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) { // first index whose cumulative weight exceeds the target
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}
