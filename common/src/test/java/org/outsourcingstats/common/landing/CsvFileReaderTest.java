package org.outsourcingstats.common.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.DecodedText;

class CsvFileReaderTest {
  @Test
  void recordsKeepTheirFirstLineTheirTextAndTheirFieldsByHeader() {
    List<RawRecord> records =
        CsvFileReader.read(
            "City,Year,Value,Source\r\nDalian,2010,\"1,800\",\"two\r\nlines\"\r\n\r\nWuxi,2009,6.7,x\r\n",
            IngestLimits.DEFAULTS);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).line()).isEqualTo(2);
    assertThat(records.get(0).fields())
        .containsEntry("city", "Dalian")
        .containsEntry("value", "1,800")
        .containsEntry("source", "two\nlines");
    assertThat(records.get(0).raw()).startsWith("Dalian,2010,\"1,800\"");
    assertThat(records.get(0).parseError()).isNull();
    assertThat(records.get(1).line()).as("after a two-line record and a blank line").isEqualTo(5);
    assertThat(records.get(1).fields()).containsEntry("city", "Wuxi");
  }

  @Test
  void aRowWithTooFewOrTooManyFieldsCarriesAParseError() {
    List<RawRecord> records =
        CsvFileReader.read("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", IngestLimits.DEFAULTS);
    assertThat(records.get(0).parseError()).contains("2 fields").contains("header has 3");
    assertThat(records.get(1).parseError()).contains("4 fields");
    assertThat(records.get(2).parseError()).isNull();
  }

  @Test
  void textIsDecodedAsUtf8WithOrWithoutBomElseGb18030() {
    String text = "城市,年份\n大連,2010年\n";
    assertThat(DecodedText.decode(text.getBytes(StandardCharsets.UTF_8)).orElseThrow().encoding())
        .isEqualTo("UTF-8");
    byte[] withBom = ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
    DecodedText bom = DecodedText.decode(withBom).orElseThrow();
    assertThat(bom.encoding()).isEqualTo("UTF-8 (BOM)");
    assertThat(bom.text()).isEqualTo(text);
    DecodedText gb = DecodedText.decode(text.getBytes(Charset.forName("GB18030"))).orElseThrow();
    assertThat(gb.encoding()).isEqualTo("GB18030");
    assertThat(gb.text()).isEqualTo(text);
  }

  @Test
  void bytesThatAreNotTextAreRefused() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    assertThat(DecodedText.decode(binary)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "TOO_MANY_COLUMNS;a,b,c\\n1,2,3\\n1,2,3,4,5\\n",
        "FIELD_TOO_LONG;a,b,c\\n1,\"xxxxxxxxxxxxxxxxxxxxxxxxx\",3\\n",
        "FIELD_TOO_LONG;a,b,c\\n1,\"unclosed,2,3\\n1,2,3\\n1,2,3\\n1,2,3\\n1,2,3\\n1,2,3\\n",
        "LINE_TOO_LONG;a,b,c\\nxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxx,xxxxxxxxxxxxxxx\\n",
      })
  void aFileBeyondALimitIsRejectedAsAWhole(ReasonCode code, String text) {
    IngestLimits limits = new IngestLimits(3, 20, 40, 1000);
    assertThatThrownBy(() -> CsvFileReader.read(text.replace("\\n", "\n"), limits))
        .isInstanceOfSatisfying(
            FileRejection.class,
            rejection -> {
              assertThat(rejection.code()).isEqualTo(code);
              assertThat(rejection.getMessage()).contains("line ").contains("pipeline.ingest.");
            });
  }

  @Test
  void aJsonLinesFileWithALineBeyondTheLimitIsRejectedAsAWhole() {
    IngestLimits limits = new IngestLimits(3, 20, 10, 1000);
    assertThat(JsonLinesReader.read("{}\n{\"a\":1}\n", limits)).hasSize(2);
    assertThatThrownBy(() -> JsonLinesReader.read("{}\n{\"a\":\"0123456789\"}\n", limits))
        .isInstanceOfSatisfying(
            FileRejection.class,
            rejection -> {
              assertThat(rejection.code()).isEqualTo(ReasonCode.LINE_TOO_LONG);
              assertThat(rejection.getMessage()).startsWith("line 2 is 18 characters long");
            });
  }
}
