package org.outsourcingstats.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import scala.collection.JavaConverters;

class CellTextTest {
  @ParameterizedTest
  @CsvSource({
    "1800000000.000000, 1800000000.000000",
    "1.8E+9, 1800000000",
    "12345678901234567890123456789012.123456, 12345678901234567890123456789012.123456",
    "1E-7, 0.0000001",
    "-2.50, -2.50"
  })
  void decimalsAreTheirPlainDigitsAtTheirScale(String decimal, String expected) {
    assertThat(CellText.text(new BigDecimal(decimal))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0.286, 0.286",
    "1.0E10, 10000000000",
    "1.0E-5, 0.00001",
    "0.42999999999999994, 0.42999999999999994",
    "-0.0, -0.0",
    "6400.0, 6400.0"
  })
  void doublesAreSpelledOutWithoutAnExponent(double value, String expected) {
    assertThat(CellText.text(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.1,
        1.0 / 3,
        2.0 / 3 * 1e-12,
        8699.720200000002,
        4.9E-324,
        123456789.123456789,
        1e22
      })
  void everyDoubleReadsBackExactly(double value) {
    String text = CellText.text(value);
    assertThat(text).doesNotContain("E");
    assertThat(Double.parseDouble(text)).isEqualTo(value);
  }

  @Test
  void timestampsAreUtcInstantsAndDatesIsoDates() {
    assertThat(CellText.text(Timestamp.from(Instant.parse("2013-07-22T08:30:00.123456Z"))))
        .isEqualTo("2013-07-22T08:30:00.123456Z");
    assertThat(CellText.text(Date.valueOf("2010-12-31"))).isEqualTo("2010-12-31");
    assertThat(CellText.text(null)).isNull();
    assertThat(CellText.text(Double.NaN)).isEqualTo("NaN");
    assertThat(CellText.text(new byte[] {1, 2, 3})).isEqualTo("AQID");
  }

  @Test
  void nestedValuesAreJson() {
    StructType schema =
        new StructType()
            .add("code", DataTypes.StringType)
            .add("share", DataTypes.createDecimalType(9, 6));
    Row struct = new GenericRowWithSchema(new Object[] {"JP", new BigDecimal("0.800000")}, schema);
    assertThat(CellText.text(struct)).isEqualTo("{\"code\":\"JP\",\"share\":0.800000}");
    assertThat(CellText.text(RowFactory.create("JP", 1L))).isEqualTo("[\"JP\",1]");
    assertThat(
            CellText.text(
                JavaConverters.asScalaBufferConverter(List.of(1.0E10, Double.NaN)).asScala()))
        .isEqualTo("[10000000000,\"NaN\"]");
    assertThat(
            CellText.text(JavaConverters.mapAsScalaMapConverter(Map.of("unit", "万美元")).asScala()))
        .isEqualTo("{\"unit\":\"万美元\"}");
  }
}
