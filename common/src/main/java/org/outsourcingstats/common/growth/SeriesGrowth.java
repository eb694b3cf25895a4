package org.outsourcingstats.common.growth;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.outsourcingstats.common.parse.Statuses;

/**
 * Growth of one series (entity, sector, market, indicator, period) across its years: year-on-year,
 * log growth, 3- and 5-year CAGR, and the check against the published rate. Bases are the same
 * period exactly 1, 3 and 5 years earlier; a gap leaves the rate undefined rather than bridging it.
 *
 * <p>When the previous year's level was itself derived ({@code D}) from this year's published rate,
 * comparing the two would be circular: the check is {@code NA}. When both levels were published in
 * CNY, the published rate is a CNY growth rate, so the check compares it with the growth in CNY,
 * not with the USD growth in {@code yoy} (which also moves with the exchange rate).
 */
public final class SeriesGrowth {
  private SeriesGrowth() {}

  /** Growth for every year of the series that has a level. */
  public static List<GrowthPoint> compute(List<SeriesPoint> points, double tolerance) {
    Map<Integer, SeriesPoint> byYear =
        points.stream()
            .collect(
                Collectors.toMap(
                    SeriesPoint::year,
                    Function.identity(),
                    (a, b) -> {
                      throw new IllegalArgumentException(
                          "series has two points for year " + a.year());
                    },
                    TreeMap::new));
    List<GrowthPoint> out = new ArrayList<>();
    for (SeriesPoint point : byYear.values()) {
      if (point.value() == null) {
        continue;
      }
      SeriesPoint previous = byYear.get(point.year() - 1);
      BigDecimal prevValue = previous == null ? null : previous.value();
      String prevStatus = prevValue == null ? null : previous.status();
      GrowthMath.Rate yoy = GrowthMath.yoy(point.value(), prevValue);
      GrowthMath.Rate log = GrowthMath.logGrowth(point.value(), prevValue);
      GrowthMath.Rate cagr3 = GrowthMath.cagr(point.value(), level(byYear, point.year() - 3), 3);
      GrowthMath.Rate cagr5 = GrowthMath.cagr(point.value(), level(byYear, point.year() - 5), 5);
      boolean inYuan = previous != null && point.fxRate() != null && previous.fxRate() != null;
      GrowthMath.Rate checked =
          inYuan
              ? GrowthMath.yoy(point.publishedCurrencyValue(), previous.publishedCurrencyValue())
              : yoy;
      GrowthMath.Check check =
          Statuses.DERIVED.equals(prevStatus)
              ? GrowthMath.Check.NA
              : GrowthMath.check(checked.value(), point.reportedYoy(), tolerance);
      String reason = yoy.defined() ? null : yoy.reason();
      if (reason == null && inYuan && point.reportedYoy() != null) {
        reason = "published growth checked in CNY, the currency of publication";
      }
      if (reason == null && Statuses.DERIVED.equals(prevStatus) && point.reportedYoy() != null) {
        reason = "previous value derived from the published growth rate; check not applicable";
      }
      out.add(
          new GrowthPoint(
              point.year(),
              point.value(),
              point.status(),
              prevValue,
              prevStatus,
              yoy.value(),
              log.value(),
              cagr3.value(),
              cagr5.value(),
              point.reportedYoy(),
              check,
              reason));
    }
    return out;
  }

  private static BigDecimal level(Map<Integer, SeriesPoint> byYear, int year) {
    SeriesPoint point = byYear.get(year);
    return point == null ? null : point.value();
  }
}
