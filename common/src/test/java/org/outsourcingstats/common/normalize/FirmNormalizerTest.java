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

class FirmNormalizerTest {
  private final FirmNormalizer normalizer = new FirmNormalizer(TestVocabulary.get(), 2026);

  private static Map<String, String> firm(
      String city, String year, String revenue, String unit, String employees, String fortune500) {
    Map<String, String> fields = new HashMap<>();
    fields.put("firm_id", "F1");
    fields.put("firm_name", "Neusoft");
    fields.put("city", city);
    fields.put("year", year);
    fields.put("sector", "ITO");
    fields.put("revenue", revenue);
    fields.put("unit", unit);
    fields.put("employees", employees);
    fields.put("fortune500", fortune500);
    return fields;
  }

  @Test
  void revenueInYuanIsConvertedAtTheRateOfTheYear() {
    // 8,000万元 in 2020 at 6.8976: 80,000,000 / 6.8976 = 11,598,237.0679657 (6 places: .067966)
    FirmRecord record = normalizer.normalize(firm("大连", "2020", "8000", "万元", "3,000", "是"));
    assertThat(record.entityCode()).isEqualTo("210200");
    assertThat(record.revenue()).isEqualByComparingTo("11598237.067966");
    assertThat(record.fxRate()).isEqualByComparingTo("6.8976");
    assertThat(record.employees()).isEqualTo(3000L);
    assertThat(record.fortune500()).isTrue();
  }

  @Test
  void revenueAndEmployeesMayBeUnreported() {
    FirmRecord record = normalizer.normalize(firm("Dalian", "2020", "", "", "", "N"));
    assertThat(record.revenue()).isNull();
    assertThat(record.employees()).isNull();
    assertThat(record.fortune500()).isFalse();
  }

  @ParameterizedTest(name = "{6}")
  @CsvSource({
    "Atlantis,2020,1,万美元,1,N,UNKNOWN_ENTITY",
    "Dalian,2099,1,万美元,1,N,FUTURE_ACTUAL",
    "Dalian,2020,1,人,1,N,UNIT_MISMATCH",
    "Dalian,2020,-1,万美元,1,N,NEGATIVE_VALUE",
    "Dalian,2020,1,万美元,1,maybe,INVALID_FLAG",
    "Dalian,2020,lots,万美元,1,N,INVALID_VALUE"
  })
  void rejectsBadRegisterRows(
      String city,
      String year,
      String revenue,
      String unit,
      String employees,
      String fortune500,
      ReasonCode expected) {
    assertThatThrownBy(
            () -> normalizer.normalize(firm(city, year, revenue, unit, employees, fortune500)))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(expected));
  }
}
