package org.outsourcingstats.common.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.TestVocabulary;

class QuantityParserTest {
  private final QuantityParser parser = new QuantityParser(TestVocabulary.get());

  @ParameterizedTest(name = "{0} {1} = {2} {3} {4}")
  @CsvSource(
      delimiter = ';',
      value = {
        // value as published; unit as published; amount; kind; currency
        "1.8 billion;USD;1800000000;MONEY;USD",
        "$1.8 billion;;1800000000;MONEY;USD",
        "14亿;元;1400000000;MONEY;CNY",
        "1,309.3;万美元;13093000;MONEY;USD",
        "15.6;亿美元;1560000000;MONEY;USD",
        "15.6;億美元;1560000000;MONEY;USD",
        "1.69;USD bn;1690000000;MONEY;USD",
        "4.7 million;USD;4700000;MONEY;USD",
        "300;m USD;300000000;MONEY;USD",
        "2189.9;亿元;218990000000;MONEY;CNY",
        "100,000;persons;100000;PERSONS;",
        "19;万人;190000;PERSONS;",
        "941;家;941;COUNT;",
        "28.6%;;28.6;PERCENT;",
        "33.75;%;33.75;PERCENT;",
        "-5.2;%;-5.2;PERCENT;",
        "１２３;家;123;COUNT;",
        "1.8e9;USD;1800000000;MONEY;USD",
        "1.8E+9;USD;1800000000;MONEY;USD",
        "2.5e4;万美元;250000000;MONEY;USD",
      })
  void readsValuesWithSeparatorsScalesAndUnits(
      String value, String unit, String amount, String kind, String currency) {
    Quantity quantity = parser.parse(value, unit);
    assertThat(quantity.amount()).isEqualByComparingTo(new BigDecimal(amount));
    assertThat(quantity.unit().kind().name()).isEqualTo(kind);
    assertThat(quantity.unit().currency()).isEqualTo(currency);
  }

  @Test
  void aScaleWithoutUnitLeavesTheUnitToTheIndicator() {
    Quantity quantity = parser.parse("19", "万");
    assertThat(quantity.amount()).isEqualByComparingTo("190000");
    assertThat(quantity.unit()).isNull();
  }

  @Test
  void approximateValuesAreFlagged() {
    Quantity quantity = parser.parse("约80", "%");
    assertThat(quantity.approximate()).isTrue();
    assertThat(quantity.amount()).isEqualByComparingTo("80");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "abc;USD;INVALID_VALUE",
        "超过800;家;INVALID_VALUE",
        "more than 800;firms;INVALID_VALUE",
        "5;furlongs;UNKNOWN_UNIT",
        "5;万美元元人;UNIT_MISMATCH",
        "1.2.3;USD;UNKNOWN_UNIT"
      })
  void rejectsWhatIsNotAFigure(String value, String unit, ReasonCode expected) {
    assertThatThrownBy(() -> parser.parse(value, unit))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {"1e400", "1e-50", "1E+41", "1e99999999999", "-1e400"})
  void numbersOutOfAllProportionAreOutOfRangeNotFailures(String value) {
    assertThatThrownBy(() -> parser.parse(value, "USD"))
        .isInstanceOfSatisfying(
            RowRejection.class,
            rejection -> assertThat(rejection.code()).isEqualTo(ReasonCode.VALUE_OUT_OF_RANGE));
  }

  @Test
  void zeroWithAHugeExponentIsZero() {
    assertThat(parser.parse("0e-999999999", "USD").amount()).isEqualByComparingTo("0");
  }
}
