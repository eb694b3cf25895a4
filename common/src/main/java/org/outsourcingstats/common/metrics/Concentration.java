package org.outsourcingstats.common.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Market concentration of one total among its named members.
 *
 * <p>HHI is on the 0-10,000 scale (shares in percent, squared and summed). When the named shares
 * leave an unnamed remainder {@code r}, the true HHI lies between {@code hhiLower} (the remainder
 * infinitely fragmented: it adds nothing) and {@code hhiUpper} (the remainder one member: it adds
 * {@code r²}); without a remainder the two are equal and the normalised HHI {@code (H - 1/N) / (1 -
 * 1/N)} (H on the 0-1 scale, N members) is defined. Concentration ratios and the top member are
 * over the named members; ties go to the member name first in order.
 *
 * @param otherShare the unnamed remainder, a fraction; 0 when the named shares add up to the whole
 * @param hhiNormalized null when there is a remainder (N is unknown) or a single member
 */
public record Concentration(
    int members,
    double otherShare,
    double hhiLower,
    double hhiUpper,
    Double hhiNormalized,
    double cr1,
    double cr4,
    double cr8,
    String topMember,
    double topShare,
    String band2023,
    String band2010)
    implements Serializable {
  /**
   * Named shares adding up to within this much of 1 leave no remainder (published shares are
   * rounded).
   */
  public static final double ROUNDING = 0.005;

  /**
   * The concentration of {@code shares}; at least one member with a non-negative share is required.
   */
  public static Concentration of(List<MemberShare> shares) {
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("concentration needs at least one member share");
    }
    List<MemberShare> sorted = new ArrayList<>(shares);
    sorted.sort(
        Comparator.comparingDouble(MemberShare::share)
            .reversed()
            .thenComparing(MemberShare::member));
    double total = 0;
    double hhi = 0;
    for (MemberShare member : sorted) {
      if (member.share() < 0) {
        throw new IllegalArgumentException(
            "share of " + member.member() + " is negative: " + member.share());
      }
      total += member.share();
      hhi += square(member.share() * 100);
    }
    double other = total >= 1 - ROUNDING ? 0 : 1 - total;
    double upper = hhi + square(other * 100);
    int n = sorted.size();
    Double normalized = other > 0 || n < 2 ? null : (hhi / 10_000 - 1.0 / n) / (1 - 1.0 / n);
    return new Concentration(
        n,
        other,
        hhi,
        upper,
        normalized,
        top(sorted, 1),
        top(sorted, 4),
        top(sorted, 8),
        sorted.get(0).member(),
        sorted.get(0).share(),
        band(band2023(hhi), band2023(upper)),
        band(band2010(hhi), band2010(upper)));
  }

  /**
   * 2023 US Merger Guidelines: above 1,800 highly concentrated, 1,000-1,800 moderately, below 1,000
   * not.
   */
  static String band2023(double hhi) {
    return hhi > 1800 ? "highly" : hhi >= 1000 ? "moderately" : "unconcentrated";
  }

  /**
   * 2010 US Horizontal Merger Guidelines: below 1,500 not, 1,500-2,500 moderately, above 2,500
   * highly.
   */
  static String band2010(double hhi) {
    return hhi < 1500 ? "unconcentrated" : hhi <= 2500 ? "moderately" : "highly";
  }

  /** One band, or {@code lower..upper} when the bounds fall in different bands. */
  private static String band(String lower, String upper) {
    return lower.equals(upper) ? lower : lower + ".." + upper;
  }

  private static double top(List<MemberShare> sorted, int k) {
    double sum = 0;
    for (int i = 0; i < Math.min(k, sorted.size()); i++) {
      sum += sorted.get(i).share();
    }
    return sum;
  }

  private static double square(double x) {
    return x * x;
  }
}
