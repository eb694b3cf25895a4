package org.outsourcingstats.common.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outsourcingstats.common.text.DecodedText;

class CsvFileReaderTest {
  @Test
  void recordsKeepTheirFirstLineTheirTextAndTheirFieldsByHeader() {
    List<RawRecord> records = CsvFileReader.read(
        "City,Year,Value,Source\r\nDalian,2010,\"1,800\",\"two\r\nlines\"\r\n\r\nWuxi,2009,6.7,x\r\n",
        IngestLimits.DEFAULTS);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).line()).isEqualTo(2);
    assertThat(records.get(0).fields()).containsEntry("city", "Dalian").containsEntry("value", "1,800")
        .containsEntry("source", "two\nlines");
    assertThat(records.get(0).raw()).startsWith("Dalian,2010,\"1,800\"");
    assertThat(records.get(0).parseError()).isNull();
    assertThat(records.get(1).line()).as("after a two-line record and a blank line").isEqualTo(5);
    assertThat(records.get(1).fields()).containsEntry("city", "Wuxi");
  }

  @Test
  void aRowWithTooFewOrTooManyFieldsCarriesAParseError() {
    List<RawRecord> records = CsvFileReader.read("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", IngestLimits.DEFAULTS);
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
}
