package org.outsourcingstats.common.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.common.quality.RowRejection;

class PeriodsTest {
  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "'';FY",
        "FY;FY",
        "全年;FY",
        "annual;FY",
        "H1;H1",
        "上半年;H1",
        "h2;H2",
        "Q1;Q1",
        "一季度;Q1",
        "第三季度;Q3",
        "M01;M01",
        "10月;M10",
        "Jan;M01",
        "October;M10",
        "1-10月;YTD-10",
        "1~10月;YTD-10",
        "1至10月;YTD-10",
        "1—10月;YTD-10",
        "Jan-Oct;YTD-10",
        "January-October;YTD-10",
        "YTD-10;YTD-10",
        "YTD-9;YTD-09",
        "1-9月;YTD-09",
        "前三季度;YTD-09",
        "1-6月;H1",
        "1-3月;Q1",
        "1-12月;FY",
        "Jan-Aug;YTD-08"
      })
  void normalisesPeriodsAsBureausWriteThem(String text, String expected) {
    assertThat(Periods.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Q5", "13月", "M13", "cum", "2007-2011", "3-10月"})
  void rejectsWhatIsNotAPeriodOfOneYear(String text) {
    assertThatThrownBy(() -> Periods.parse(text))
        .isInstanceOf(RowRejection.class)
        .hasMessageContaining(text);
  }
}
