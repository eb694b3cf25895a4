package org.outsourcingstats.jobs.generate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The statistical model of the synthetic register in one place: the mixes of sectors, markets and
 * currencies, the size of contracts. The numbers are plausible for China's service outsourcing (ITO
 * the largest sector, Japan and the US the largest clients, Dalian mostly serving Japan), not
 * estimates of any published series.
 *
 * <p>All randomness goes through {@link SplittableRandom} and {@link StrictMath}, whose results are
 * specified to the bit, so that a seed gives the same bytes on every JVM and platform.
 */
final class RegisterModel {
  private RegisterModel() {}

  static final List<String> SECTORS = List.of("ITO", "BPO", "KPO");
  static final WeightedChoice SECTOR_MIX = WeightedChoice.of(55, 15, 30);

  /**
   * Share of contracts that go to a firm of any main sector rather than to a specialist of the
   * contract's sector.
   */
  static final double ANY_FIRM_SHARE = 0.2;

  static final String ONSHORE = "CN";
  static final double ONSHORE_SHARE = 0.35;

  /** Offshore client markets, largest first; indexes into the two mixes below. */
  static final List<String> OFFSHORE_MARKETS =
      List.of("JP", "US", "EU", "HK", "KR", "SG", "TW", "GB", "DE", "IN", "AU");

  private static final double[] OFFSHORE_WEIGHTS = {44, 52, 24, 28, 14, 10, 8, 8, 6, 3, 3};
  static final WeightedChoice OFFSHORE_MIX = WeightedChoice.of(OFFSHORE_WEIGHTS);

  /**
   * Dalian's offshore mix: Japan 70% (the seed article says about 80% of its market), the rest as
   * elsewhere.
   */
  static final WeightedChoice DALIAN_OFFSHORE_MIX = WeightedChoice.of(japanShare(0.70));

  /** Every client market in the order summaries list them. */
  static final List<String> MARKETS =
      Stream.concat(Stream.of(ONSHORE), OFFSHORE_MARKETS.stream()).toList();

  static final List<String> CURRENCIES = List.of("USD", "CNY");
  static final int USD = 0;
  static final int CNY = 1;

  /**
   * Onshore contracts are mostly signed in yuan, offshore ones mostly in dollars: 40% CNY overall.
   */
  static final double CNY_SHARE_ONSHORE = 0.90;

  static final double CNY_SHARE_OFFSHORE =
      (0.40 - ONSHORE_SHARE * CNY_SHARE_ONSHORE) / (1 - ONSHORE_SHARE);

  /**
   * Yuan per dollar for amounts written in CNY: close to the 2016-2023 annual averages (6.45 to
   * 7.08).
   */
  static final double CNY_PER_USD = 6.5;

  /**
   * Median contract value in USD by sector (index of {@link #SECTORS}): BPO deals are smaller, KPO
   * ones larger.
   */
  static final double[] MEDIAN_CONTRACT_USD = {150_000, 80_000, 250_000};

  static final double CONTRACT_SIGMA = 1.5;
  static final double MIN_CONTRACT_USD = 1_000;
  static final double MAX_CONTRACT_USD = 50_000_000;

  /** Share of contracts already fully executed; the others have executed a uniform fraction. */
  static final double FULLY_EXECUTED_SHARE = 0.3;

  /**
   * Growth of the number of contracts signed each year, so that the growth tables have a trend to
   * find.
   */
  static final double CONTRACT_GROWTH = 0.10;

  static final double FORTUNE500_SHARE = 0.03;

  private static double[] japanShare(double share) {
    double others = 0;
    for (int i = 1; i < OFFSHORE_WEIGHTS.length; i++) {
      others += OFFSHORE_WEIGHTS[i];
    }
    double[] weights = OFFSHORE_WEIGHTS.clone();
    weights[0] = others * share / (1 - share); // Japan is the first market
    return weights;
  }

  /** A standard normal draw (Marsaglia's polar method). */
  static double gaussian(SplittableRandom random) {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }

  /** A lognormal draw with the given median and log-scale standard deviation. */
  static double lognormal(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian(random));
  }
}
