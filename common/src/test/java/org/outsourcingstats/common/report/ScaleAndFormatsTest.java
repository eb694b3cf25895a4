package org.outsourcingstats.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleAndFormatsTest {
  @Test
  void niceTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Scale.niceTicks(0, 1.8e9, 5)).containsExactly(0.0, 5e8, 1e9, 1.5e9, 2e9);
    assertThat(Scale.niceTicks(0, 6800, 5)).containsExactly(0.0, 2000.0, 4000.0, 6000.0, 8000.0);
    assertThat(Scale.niceTicks(0, 100_000, 5))
        .containsExactly(0.0, 20_000.0, 40_000.0, 60_000.0, 80_000.0, 100_000.0);
    assertThat(Scale.niceTicks(-0.1, 0.3, 5))
        .hasSize(5)
        .startsWith(-0.1)
        .endsWith(0.30000000000000004);
  }

  @Test
  void anEmptyRangeWidensToOneUnit() {
    assertThat(Scale.niceTicks(0, 0, 5)).first().isEqualTo(0.0);
    assertThat(Scale.niceTicks(0, 0, 5).get(Scale.niceTicks(0, 0, 5).size() - 1)).isEqualTo(1.0);
  }

  @Test
  void yearTicksThinOutOverLongSpans() {
    assertThat(Scale.yearTicks(2010, 2015)).containsExactly(2010, 2011, 2012, 2013, 2014, 2015);
    assertThat(Scale.yearTicks(2004, 2018))
        .containsExactly(2004, 2006, 2008, 2010, 2012, 2014, 2016, 2018);
    assertThat(Scale.yearTicks(2000, 2030))
        .containsExactly(2000, 2005, 2010, 2015, 2020, 2025, 2030);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "USD, 1800000000, $1.8 bn",
    "USD, 95490000000, $95.5 bn",
    "USD, 175614706564.6, $175.6 bn",
    "USD, 1440000000, $1.44 bn",
    "USD, 4700000, $4.7 m",
    "USD, 12300, '$12,300'",
    "USD, 0, $0",
    "persons, 100000, '100,000'",
    "count, 941, 941",
  })
  void levelsAreWrittenInTheirUnit(String unit, double value, String expected) {
    assertThat(Formats.value(unit, value)).isEqualTo(expected);
  }

  @Test
  void axisTicksStayShort() {
    assertThat(Formats.tick("persons", 10_000_000)).isEqualTo("10 m");
    assertThat(Formats.tick("persons", 2_500_000)).isEqualTo("2.5 m");
    assertThat(Formats.tick("count", 40_000)).isEqualTo("40,000");
    assertThat(Formats.tick("USD", 5e10)).isEqualTo("$50 bn");
  }

  @Test
  void ratesSharesAndHhi() {
    assertThat(Formats.signedPercent(0.286)).isEqualTo("+28.6%");
    assertThat(Formats.signedPercent(0.3375)).isEqualTo("+33.75%");
    assertThat(Formats.signedPercent(0.33749999)).isEqualTo("+33.75%");
    assertThat(Formats.signedPercent(0.0841)).isEqualTo("+8.41%");
    assertThat(Formats.signedPercent(0.00001)).isEqualTo("0.0%");
    assertThat(Formats.signedPercent(-0.098)).isEqualTo("-9.8%");
    assertThat(Formats.signedPercent(0.0)).isEqualTo("0.0%");
    assertThat(Formats.signedPercent(null)).isEqualTo("–");
    assertThat(Formats.percent(0.8)).isEqualTo("80.0%");
    assertThat(Formats.hhi(6400)).isEqualTo("6,400");
    assertThat(Formats.hhi(980.04)).isEqualTo("980");
  }

  @Test
  void indicatorCodesReadAsWords() {
    assertThat(Labels.indicator("executed_value")).isEqualTo("Executed value");
    assertThat(Labels.indicator("fortune500_firms")).isEqualTo("Fortune 500 firms");
  }
}
