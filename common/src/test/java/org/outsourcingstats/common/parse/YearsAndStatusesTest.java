package org.outsourcingstats.common.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.common.quality.RowRejection;

class YearsAndStatusesTest {
  @ParameterizedTest
  @CsvSource({"2010,2010", "2010年,2010", " 2018 ,2018", "2015.0,2015"})
  void readsYears(String text, int year) {
    assertThat(Years.parse(text)).isEqualTo(year);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown", "20l0", "10", "1900", "2101", "2010-2011"})
  void rejectsWhatIsNotAYear(String text) {
    assertThatThrownBy(() -> Years.parse(text)).isInstanceOf(RowRejection.class);
  }

  @ParameterizedTest
  @CsvSource({"'',A", "a,A", "P,P", "初步,P", "E,E", "预计,E", "T,T", "plan,T", "目标,T", "規劃,T"})
  void readsStatuses(String text, String status) {
    assertThat(Statuses.parse(text)).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"D", "X", "final"})
  void derivedAndUnknownStatusesAreRejected(String text) {
    assertThatThrownBy(() -> Statuses.parse(text)).isInstanceOf(RowRejection.class);
  }
}
