package org.outsourcingstats.common.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.vocab.TestVocabulary;

class FigureExtractorTest {
  private final FigureExtractor extractor = new FigureExtractor(TestVocabulary.get());
  private final ObservationNormalizer normalizer =
      new ObservationNormalizer(TestVocabulary.get(), 2026);

  @Test
  void aYearbookRowHoldsOneFigurePerIndicatorColumnWithTheUnitOfItsHeader() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("城市", "江苏");
    row.put("年份", "2012年");
    row.put("离岸执行金额(亿美元)", "97.8");
    row.put("从业人员（万人）", "84.27");
    row.put("企业数(家)", "…");
    List<Figure> figures = extractor.figures(Shape.YEARBOOK, row, null);

    assertThat(figures).hasSize(2);
    NormalizedObservation executed = normalizer.normalize(figures.get(0).fields());
    assertThat(executed.entityCode()).isEqualTo("320000");
    assertThat(executed.indicator()).isEqualTo("executed_value");
    assertThat(executed.market()).isEqualTo("OFFSHORE");
    assertThat(executed.value()).isEqualByComparingTo("9780000000");
    // 84.27万人 = 842,700 persons; the full-width parentheses of the header are read like ASCII ones.
    NormalizedObservation employees = normalizer.normalize(figures.get(1).fields());
    assertThat(employees.value()).isEqualByComparingTo("842700");
    assertThat(figures.get(1).label()).contains("从业人员");
  }

  @Test
  void englishYearbookHeadersWork() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("city", "Nanjing");
    row.put("year", "2008");
    row.put("employees (persons)", "70,000");
    row.put("firms", "330");
    List<Figure> figures = extractor.figures(Shape.YEARBOOK, row, null);
    assertThat(figures)
        .extracting(f -> normalizer.normalize(f.fields()).value().intValue())
        .containsExactly(70000, 330);
  }

  @Test
  void aYearbookRowWithoutAnyFigureIsRejected() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("城市", "南京");
    row.put("年份", "2009");
    row.put("企业数(家)", "-");
    assertThatThrownBy(() -> extractor.figures(Shape.YEARBOOK, row, null))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(ReasonCode.EMPTY_ROW));
  }

  @Test
  void aBulletinHeaderPassesItsEntityAndYearToEachNestedFigure() {
    String line =
        "{\"city\": \"全国\", \"year\": 2013, \"source\": \"MOFCOM\", \"figures\": ["
            + "{\"indicator\": \"离岸执行金额\", \"value\": 454.1, \"unit\": \"亿美元\"},"
            + "{\"indicator\": \"离岸执行金额同比增长\", \"value\": \"35.0\", \"unit\": \"%\", \"status\": \"P\"}]}";
    List<Figure> figures = extractor.figures(Shape.BULLETIN, null, line);
    assertThat(figures).hasSize(2);
    NormalizedObservation level = normalizer.normalize(figures.get(0).fields());
    assertThat(level.entityCode()).isEqualTo("000000");
    assertThat(level.year()).isEqualTo(2013);
    assertThat(level.value()).isEqualByComparingTo("45410000000");
    assertThat(level.source()).isEqualTo("MOFCOM");
    NormalizedObservation growth = normalizer.normalize(figures.get(1).fields());
    assertThat(growth.indicator()).isEqualTo("executed_value_yoy");
    assertThat(growth.value()).isEqualByComparingTo("0.35");
    assertThat(growth.status()).isEqualTo("P");
  }

  @Test
  void aFlatBulletinLineIsOneFigure() {
    List<Figure> figures =
        extractor.figures(
            Shape.BULLETIN,
            null,
            "{\"city\": \"Dalian\", \"year\": \"2018\", \"indicator\": \"firms\", \"value\": 1110, \"unit\": \"家\"}");
    assertThat(normalizer.normalize(figures.get(0).fields()).value()).isEqualByComparingTo("1110");
  }

  @Test
  void aLineThatIsNotJsonIsRejected() {
    assertThatThrownBy(() -> extractor.figures(Shape.BULLETIN, null, "{\"city\": "))
        .isInstanceOf(RowRejection.class)
        .satisfies(e -> assertThat(((RowRejection) e).code()).isEqualTo(ReasonCode.INVALID_JSON));
  }

  @Test
  void aBulletinKeyGivenTwiceIsInvalidRatherThanEitherValue() {
    String line =
        "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":1,\"unit\":\"家\","
            + "\"city\":\"Shanghai\"}";
    assertThatThrownBy(() -> extractor.figures(Shape.BULLETIN, null, line))
        .isInstanceOfSatisfying(
            RowRejection.class,
            rejection -> {
              assertThat(rejection.code()).isEqualTo(ReasonCode.INVALID_JSON);
              assertThat(rejection.getMessage()).contains("city");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "1e308", "1e50", "1e-999999999"})
  void aBulletinNumberOutOfAllProportionIsOutOfRange(String number) {
    assertThatThrownBy(
            () ->
                extractor.figures(
                    Shape.BULLETIN,
                    null,
                    "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":"
                        + number
                        + ",\"unit\":\"家\"}"))
        .isInstanceOfSatisfying(
            RowRejection.class,
            rejection -> assertThat(rejection.code()).isEqualTo(ReasonCode.VALUE_OUT_OF_RANGE));
  }

  @Test
  void aBulletinDecimalStaysAsWritten() {
    // 454.1 as a double is 454.1000000000000227...; the bulletin's figure is the decimal as
    // written.
    Figure figure =
        extractor
            .figures(
                Shape.BULLETIN,
                null,
                "{\"city\":\"全国\",\"year\":2013,\"indicator\":\"离岸执行金额\",\"value\":454.1,\"unit\":\"亿美元\"}")
            .get(0);
    assertThat(figure.fields()).containsEntry("value", "454.1");
    // Zero in any notation is plain zero, never expanded to its scale.
    assertThat(
            extractor
                .figures(
                    Shape.BULLETIN,
                    null,
                    "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":0e-999999999,\"unit\":\"家\"}")
                .get(0)
                .fields()
                .get("value"))
        .isEqualTo("0");
  }
}
