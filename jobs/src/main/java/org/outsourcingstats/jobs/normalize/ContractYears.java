package org.outsourcingstats.jobs.normalize;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which sums a batch's contracts may have changed: after a first load (the table held no contract)
 * every sum; otherwise every sum of {@link #years}: the years of the batch's contracts and the
 * years its revised contracts were signed in before (a revision may move a contract to another
 * year, city, sector or market, which changes the sums it leaves as well as those it joins).
 */
record ContractYears(boolean firstLoad, List<Integer> years) {
  ContractYears {
    years = List.copyOf(years);
  }

  /** A SQL condition on {@code alias.year} that holds for every row whose sums may have changed. */
  String condition(String alias) {
    return firstLoad
        ? "true"
        : years.isEmpty()
            ? "false"
            : alias
                + ".year IN ("
                + years.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ")";
  }
}
