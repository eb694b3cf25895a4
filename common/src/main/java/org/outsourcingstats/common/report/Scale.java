package org.outsourcingstats.common.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear mapping from data values onto a pixel range, and the "nice" axis ticks (1, 2 or 5 times
 * a power of ten) that decide the extent of a value axis.
 */
record Scale(double domainMin, double domainMax, double rangeMin, double rangeMax) {
  Scale {
    if (!(domainMax > domainMin)) {
      throw new IllegalArgumentException("empty domain [" + domainMin + ", " + domainMax + "]");
    }
  }

  double map(double value) {
    return rangeMin + (value - domainMin) / (domainMax - domainMin) * (rangeMax - rangeMin);
  }

  /**
   * Ticks covering {@code [min, max]} at a step of 1, 2 or 5 times a power of ten, at most {@code
   * maxTicks} + 1 of them; the first is at or below {@code min}, the last at or above {@code max}.
   * An empty range widens to one unit above it.
   */
  static List<Double> niceTicks(double min, double max, int maxTicks) {
    if (max <= min) {
      max = min + (min == 0 ? 1 : Math.abs(min));
    }
    double rough = (max - min) / maxTicks;
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double residual = rough / magnitude;
    double step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    long first = (long) Math.floor(min / step + 1e-9);
    long last = (long) Math.ceil(max / step - 1e-9);
    List<Double> ticks = new ArrayList<>();
    for (long i = first; i <= last; i++) {
      ticks.add(i * step);
    }
    return ticks;
  }

  /**
   * Year ticks: every year for short spans, else every 2, 5 or 10 years, starting at the first
   * year.
   */
  static List<Integer> yearTicks(int first, int last) {
    int span = last - first;
    int step = span <= 8 ? 1 : span <= 16 ? 2 : span <= 40 ? 5 : 10;
    List<Integer> ticks = new ArrayList<>();
    for (int year = first; year <= last; year += step) {
      ticks.add(year);
    }
    return ticks;
  }
}
