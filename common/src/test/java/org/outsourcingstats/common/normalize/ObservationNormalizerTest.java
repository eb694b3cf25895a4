package org.outsourcingstats.common.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.TestVocabulary;

class ObservationNormalizerTest {
  private final ObservationNormalizer normalizer =
      new ObservationNormalizer(TestVocabulary.get(), 2026);

  private static Map<String, String> row(
      String city,
      String year,
      String period,
      String market,
      String indicator,
      String value,
      String unit,
      String status) {
    Map<String, String> fields = new HashMap<>();
    fields.put("city", city);
    fields.put("year", year);
    fields.put("period", period);
    fields.put("sector", "");
    fields.put("market", market);
    fields.put("indicator", indicator);
    fields.put("value", value);
    fields.put("unit", unit);
    fields.put("status", status);
    fields.put("source", "test");
    return fields;
  }

  @Test
  void theSeedsExportRevenueIsOffshoreExecutedValueInUsd() {
    NormalizedObservation o =
        normalizer.normalize(
            row("Dalian", "2010", "", "", "export revenue", "1.8 billion", "USD", ""));
    assertThat(o.entityCode()).isEqualTo("210200");
    assertThat(o.entityLevel()).isEqualTo("city");
    assertThat(o.indicator()).isEqualTo("executed_value");
    assertThat(o.market()).isEqualTo("OFFSHORE");
    assertThat(o.sector()).isEqualTo("ALL");
    assertThat(o.period()).isEqualTo("FY");
    assertThat(o.status()).isEqualTo("A");
    assertThat(o.value()).isEqualByComparingTo("1800000000");
    assertThat(o.unit()).isEqualTo("USD");
    assertThat(o.reportedValue()).isEqualTo("1.8 billion");
    assertThat(o.reportedUnit()).isEqualTo("USD");
    assertThat(o.fxRate()).isNull();
  }

  @Test
  void traditionalChineseNamesAndUnitsResolveLikeSimplifiedOnes() {
    NormalizedObservation o =
        normalizer.normalize(row("大連", "2018年", "", "", "離岸執行金額", "15.6", "億美元", ""));
    assertThat(o.entityCode()).isEqualTo("210200");
    assertThat(o.year()).isEqualTo(2018);
    assertThat(o.indicator()).isEqualTo("executed_value");
    assertThat(o.market()).isEqualTo("OFFSHORE");
    assertThat(o.value()).isEqualByComparingTo("1560000000");
  }

  @Test
  void yuanAreConvertedAtTheAnnualAverageRateOfTheFiguresYear() {
    // 2016 Q1 contract value 2189.9亿元 at 6.6423 CNY/USD: 218,990,000,000 / 6.6423 =
    // 32,969,001,701.2179516 (to 6 places, half-even: .217952)
    NormalizedObservation o =
        normalizer.normalize(row("全国", "2016", "Q1", "", "服务外包合同金额", "2189.9", "亿元", ""));
    assertThat(o.entityCode()).isEqualTo("000000");
    assertThat(o.indicator()).isEqualTo("contract_value");
    assertThat(o.period()).isEqualTo("Q1");
    assertThat(o.fxRate()).isEqualByComparingTo("6.6423");
    assertThat(o.value()).isEqualByComparingTo("32969001701.217952");
  }

  @Test
  void publishedGrowthIsStoredAsAFractionUnderTheYoyIndicator() {
    NormalizedObservation o =
        normalizer.normalize(
            row("Dalian", "2010", "", "", "export revenue growth", "28.6", "%", ""));
    assertThat(o.indicator()).isEqualTo("executed_value_yoy");
    assertThat(o.market()).isEqualTo("OFFSHORE");
    assertThat(o.value()).isEqualByComparingTo("0.286");
    assertThat(o.unit()).isEqualTo("fraction");
  }

  @Test
  void aPercentOnAnAdditiveIndicatorIsAShareOfItsParent() {
    NormalizedObservation o =
        normalizer.normalize(row("Dalian", "2010", "", "Japan", "export revenue", "约80", "%", ""));
    assertThat(o.indicator()).isEqualTo("executed_value_share");
    assertThat(o.market()).isEqualTo("JP");
    assertThat(o.value()).isEqualByComparingTo("0.8");
    assertThat(o.status()).as("about 80%% is an estimate").isEqualTo("E");
  }

  @Test
  void plansMayLieInTheFutureButActualsMayNot() {
    NormalizedObservation plan =
        normalizer.normalize(row("Dalian", "2099", "", "", "employees", "200,000", "人", "T"));
    assertThat(plan.status()).isEqualTo("T");
    assertThat(plan.value()).isEqualByComparingTo("200000");
    assertThatThrownBy(
            () -> normalizer.normalize(row("Dalian", "2099", "", "", "employees", "5", "人", "")))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(ReasonCode.FUTURE_ACTUAL));
  }

  @ParameterizedTest(name = "{8}")
  @CsvSource(
      delimiter = ';',
      value = {
        "Atlantis;2010;;;employees;5;人;;UNKNOWN_ENTITY",
        "Dalian;20l0;;;employees;5;人;;INVALID_YEAR",
        "Dalian;2010;Q7;;employees;5;人;;INVALID_PERIOD",
        "Dalian;2010;;Mars;employees;5;人;;UNKNOWN_MARKET",
        "Dalian;2010;;在岸;离岸执行金额;5;万美元;;MARKET_CONFLICT",
        "Dalian;2010;;;happiness;5;人;;UNKNOWN_INDICATOR",
        "Dalian;2010;;;employees;many;人;;INVALID_VALUE",
        "Dalian;2010;;;executed_value;5;;;MISSING_UNIT",
        "Dalian;2010;;;executed_value;5;furlongs;;UNKNOWN_UNIT",
        "Dalian;2010;;;employees;5;万美元;;UNIT_MISMATCH",
        "Dalian;2010;;;executed_value_yoy;5;亿美元;;UNIT_MISMATCH",
        "Dalian;2010;;;executed_value;-5;万美元;;NEGATIVE_VALUE",
        "Dalian;2010;;Japan;executed_value;120;%;;INVALID_SHARE",
        "Dalian;2010;;;executed_value;50;%;;INVALID_SHARE",
        "Dalian;2010;;;employees;5;人;X;INVALID_STATUS",
        "Dalian;1999;;;executed_value;5;亿元;;NO_FX_RATE",
        ";2010;;;employees;5;人;;MISSING_FIELD",
      })
  void rejectsEachKindOfBadRowWithItsReason(
      String city,
      String year,
      String period,
      String market,
      String indicator,
      String value,
      String unit,
      String status,
      ReasonCode expected) {
    Map<String, String> fields =
        row(
            nz(city),
            nz(year),
            nz(period),
            nz(market),
            nz(indicator),
            nz(value),
            nz(unit),
            nz(status));
    assertThatThrownBy(() -> normalizer.normalize(fields))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(expected));
  }

  private static String nz(String text) {
    return text == null ? "" : text;
  }
}
