package org.outsourcingstats.common.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VocabularyTest {
  private final Vocabulary vocabulary = TestVocabulary.get();

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "Dalian,210200",
    "大连,210200",
    "大連市,210200",
    "DALIAN CITY,210200",
    "210200,210200",
    "Xi'an,610100",
    "xian,610100",
    "西安市,610100",
    "Urumqi,650100",
    "烏魯木齊,650100",
    "全国,000000",
    "China,000000",
    "辽宁省,210000",
    "Liaoning Province,210000",
    "江苏,320000",
    "上海市,310000"
  })
  void entitiesResolveByCodeAndEveryName(String name, String code) {
    assertThat(vocabulary.entity(name)).map(Entity::code).hasValue(code);
  }

  @Test
  void theThirtyOneModelCitiesCarryTheYearTheyJoined() {
    assertThat(vocabulary.entities().values().stream().filter(e -> e.modelCitySince() != null))
        .hasSize(31);
    assertThat(vocabulary.entity("Dalian").orElseThrow().modelCitySince()).isEqualTo(2009);
    assertThat(vocabulary.entity("Urumqi").orElseThrow().modelCitySince()).isEqualTo(2016);
    assertThat(vocabulary.entities().values().stream().filter(e -> e.level().equals("province")))
        .hasSize(31);
  }

  @ParameterizedTest(name = "{0} is {1} {2} {3}")
  @CsvSource({
    "合同金额,contract_value,,LEVEL",
    "服务外包合同金额,contract_value,,LEVEL",
    "服務外包執行金額,executed_value,,LEVEL",
    "离岸执行金额,executed_value,OFFSHORE,LEVEL",
    "export revenue,executed_value,OFFSHORE,LEVEL",
    "Export Revenue Growth,executed_value,OFFSHORE,GROWTH",
    "离岸执行金额同比增长,executed_value,OFFSHORE,GROWTH",
    "contract_value_yoy,contract_value,,GROWTH",
    "从业人员,employees,,LEVEL",
    "企业数,firms,,LEVEL",
    "executed_value_share,executed_value,,SHARE",
    "Service Outsourcing Contract Value,contract_value,,LEVEL"
  })
  void indicatorsResolveWithPrefixesGrowthAndShareSuffixes(
      String name, String code, String market, IndicatorMatch.Form form) {
    IndicatorMatch match = vocabulary.indicator(name).orElseThrow();
    assertThat(match.indicator().code()).isEqualTo(code);
    assertThat(match.impliedMarket()).isEqualTo(market);
    assertThat(match.form()).isEqualTo(form);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "Japan,JP",
    "日本,JP",
    "美国,US",
    "USA,US",
    "香港,HK",
    "欧盟,EU",
    "离岸,OFFSHORE",
    "在岸,ONSHORE",
    "CN,ONSHORE",
    "臺灣,TW"
  })
  void marketsResolveInBothLanguages(String name, String code) {
    assertThat(vocabulary.market(name)).map(Market::code).hasValue(code);
  }

  @Test
  void everyYearFrom2000To2025HasARateWithItsSource() {
    for (int year = 2000; year <= 2025; year++) {
      FxRate rate = vocabulary.fxRate(year).orElseThrow();
      assertThat(rate.cnyPerUsd())
          .isBetween(new java.math.BigDecimal("6"), new java.math.BigDecimal("8.5"));
      assertThat(rate.source()).isNotBlank();
    }
  }
}
