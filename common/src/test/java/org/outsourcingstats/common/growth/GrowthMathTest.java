package org.outsourcingstats.common.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthMathTest {
  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void yearOnYearGrowthIsTheRatioLessOne() {
    // 1.8 / 1.4 - 1 = 0.285714...
    assertThat(GrowthMath.yoy(d("1.8e9"), d("1.4e9")).value())
        .isCloseTo(0.2857142857, within(1e-9));
  }

  @Test
  void growthFromAMissingOrNonPositiveBaseIsUndefinedWithAReason() {
    assertThat(GrowthMath.yoy(d("10"), null).value()).isNull();
    assertThat(GrowthMath.yoy(d("10"), null).reason()).contains("previous year");
    assertThat(GrowthMath.yoy(d("10"), d("0")).value()).isNull();
    assertThat(GrowthMath.yoy(d("10"), d("-3")).reason()).contains("not positive");
    assertThat(GrowthMath.logGrowth(d("0"), d("3")).value()).isNull();
    assertThat(GrowthMath.cagr(d("10"), d("0"), 3).value()).isNull();
  }

  @Test
  void logGrowthIsTheNaturalLogOfTheRatio() {
    // ln(1.1) = 0.0953101798
    assertThat(GrowthMath.logGrowth(d("110"), d("100")).value())
        .isCloseTo(0.0953101798, within(1e-9));
  }

  @Test
  void dalianJobsPlanNeedsFifteenPercentAYear() {
    // 200,000 jobs in 2015 from 100,000 in 2010: 2^(1/5) - 1 = 0.148698...
    assertThat(GrowthMath.cagr(d("200000"), d("100000"), 5).value())
        .isCloseTo(0.1487, within(5e-5));
  }

  @Test
  void checkAllowsTheToleranceAndNoMore() {
    assertThat(GrowthMath.check(0.2857, 0.286, 0.001)).isEqualTo(GrowthMath.Check.OK);
    assertThat(GrowthMath.check(0.287, 0.286, 0.001)).isEqualTo(GrowthMath.Check.OK);
    assertThat(GrowthMath.check(0.2875, 0.286, 0.001)).isEqualTo(GrowthMath.Check.MISMATCH);
    assertThat(GrowthMath.check(null, 0.286, 0.001)).isEqualTo(GrowthMath.Check.NA);
    assertThat(GrowthMath.check(0.286, null, 0.001)).isEqualTo(GrowthMath.Check.NA);
  }

  @Test
  void seriesGrowthComparesEachYearWithTheSamePeriodBefore() {
    // China's offshore executed value, 亿美元: 144.5, 238.3 (+65.0%), 336.4 (+41.1%), 454.1 (+35.0%).
    List<SeriesPoint> points =
        List.of(
            new SeriesPoint(2010, d("144.5"), "A", null),
            new SeriesPoint(2011, d("238.3"), "A", 0.650),
            new SeriesPoint(2012, d("336.4"), "A", 0.411),
            new SeriesPoint(2013, d("454.1"), "A", 0.350),
            new SeriesPoint(2015, d("646.4"), "A", 0.156));
    List<GrowthPoint> growth = SeriesGrowth.compute(points, 0.001);

    assertThat(growth).hasSize(5);
    GrowthPoint first = growth.get(0);
    assertThat(first.yoy()).isNull();
    assertThat(first.reason()).contains("previous year");
    assertThat(first.yoyCheck()).isEqualTo(GrowthMath.Check.NA);

    assertThat(growth.get(1).yoy()).isCloseTo(0.6491349481, within(1e-9));
    assertThat(growth.get(1).yoyCheck()).isEqualTo(GrowthMath.Check.OK);
    assertThat(growth.get(2).yoy()).isCloseTo(0.4116659673, within(1e-9));
    assertThat(growth.get(3).yoy()).isCloseTo(0.3498810939, within(1e-9));
    // (454.1 / 144.5)^(1/3) - 1
    assertThat(growth.get(3).cagr3y()).isCloseTo(0.4647422819, within(1e-9));
    assertThat(growth.get(3).cagr5y()).isNull();
    // 2014 is missing: 2015 has no base for yoy rather than one bridged over the gap.
    assertThat(growth.get(4).year()).isEqualTo(2015);
    assertThat(growth.get(4).yoy()).isNull();
    assertThat(growth.get(4).yoyCheck()).isEqualTo(GrowthMath.Check.NA);
  }

  @Test
  void aBaseDerivedFromThePublishedRateIsNotCheckedAgainstIt() {
    List<GrowthPoint> growth =
        SeriesGrowth.compute(
            List.of(
                new SeriesPoint(2009, d("1399688958.009331"), "D", null),
                new SeriesPoint(2010, d("1800000000"), "A", 0.286)),
            0.001);
    GrowthPoint y2010 = growth.get(1);
    assertThat(y2010.yoy()).isCloseTo(0.286, within(1e-9));
    assertThat(y2010.prevStatus()).isEqualTo("D");
    assertThat(y2010.yoyCheck()).isEqualTo(GrowthMath.Check.NA);
    assertThat(y2010.reason()).contains("derived");
  }

  @Test
  void aMismatchBeyondTheToleranceIsFlagged() {
    List<GrowthPoint> growth =
        SeriesGrowth.compute(
            List.of(
                new SeriesPoint(2008, d("100"), "A", null),
                new SeriesPoint(2009, d("120"), "A", 0.25)),
            0.001);
    assertThat(growth.get(1).yoyCheck()).isEqualTo(GrowthMath.Check.MISMATCH);
  }

  @Test
  void growthPublishedInYuanIsCheckedInYuan() {
    // 100亿元 in 2015 (6.2284 CNY/USD) and 110亿元 in 2016 (6.6423), published +10%: in USD the growth
    // is
    // 1.1 x 6.2284 / 6.6423 - 1 = 3.1456%, in CNY exactly 10%.
    BigDecimal usd2015 = d("10000000000").divide(d("6.2284"), 6, java.math.RoundingMode.HALF_EVEN);
    BigDecimal usd2016 = d("11000000000").divide(d("6.6423"), 6, java.math.RoundingMode.HALF_EVEN);
    List<GrowthPoint> growth =
        SeriesGrowth.compute(
            List.of(
                new SeriesPoint(2015, usd2015, "A", null, d("6.2284")),
                new SeriesPoint(2016, usd2016, "A", 0.10, d("6.6423"))),
            0.001);
    assertThat(growth.get(1).yoy()).isCloseTo(0.031456, within(1e-6));
    assertThat(growth.get(1).yoyCheck()).isEqualTo(GrowthMath.Check.OK);
    assertThat(growth.get(1).reason()).contains("CNY");
  }
}
