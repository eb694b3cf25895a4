package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.spark.SharedSpark;

@ExtendWith(SharedSpark.class)
class QuarantineTest {
  @Test
  void badRowsAreQuarantinedWithTheirReasonAndGoodRowsKept(@TempDir Path root) throws IOException {
    String gb18030 = String.join("\r\n",
        "城市,年份,期间,行业,市场,指标,数值,单位,状态,来源",
        "大连,2010年,,,,从业人员,10,万人,,good simplified",
        "大連,2010年,,,,企業數,941,家,,good traditional",
        "亚特兰蒂斯,2010年,,,,从业人员,5,人,,unknown city",
        "大连,二零一零,,,,从业人员,5,人,,broken year",
        "大连,2011年,,,,从业人员,很多,人,,broken value",
        "大连,2011年,,,,离岸执行金额,-3,亿美元,,negative",
        "大连,2011年,,,,执行金额,3,亿卢布,,unknown unit",
        "大连,2011年,,,,幸福指数,3,家,,unknown indicator",
        "大连,2011年,,,,从业人员",
        "大连,2012年,,,,企业数,1000,家,,conflict a",
        "大连,2012年,,,,企业数,1001,家,,conflict b",
        "大连,2013年,,,,企业数,1050,家,,same figure twice",
        "大连,2013年,,,,企业数,1050,家,,same figure twice",
        "大连,2099年,,,,企业数,9,家,,future actual") + "\r\n";
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    PipelineFixture fixture = new PipelineFixture(root)
        .write("observations", "bureau-gb18030.csv", gb18030, Charset.forName("GB18030"))
        .write("observations", "bom-crlf.csv", "\ufeffcity,year,indicator,value,unit,source\r\n"
            + "Dalian,2011,employees,\"110,000\",persons,\"bureau,\r\nbulletin 3\"\r\n", StandardCharsets.UTF_8)
        .write("observations", "empty.csv", "", StandardCharsets.UTF_8)
        .writeBytes("observations", "random.bin", random);

    List<StepResult> results = fixture.run();

    Map<String, Long> reasons = fixture.sql("SELECT reason_code FROM ${db}.quarantine").collectAsList().stream()
        .collect(Collectors.groupingBy(row -> row.getString(0), Collectors.counting()));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("UNKNOWN_ENTITY", 1L), Map.entry("INVALID_YEAR", 1L), Map.entry("INVALID_VALUE", 1L),
        Map.entry("NEGATIVE_VALUE", 1L), Map.entry("UNKNOWN_UNIT", 1L), Map.entry("UNKNOWN_INDICATOR", 1L),
        Map.entry("FIELD_COUNT", 1L), Map.entry("CONFLICTING_DUPLICATE", 2L), Map.entry("FUTURE_ACTUAL", 1L),
        Map.entry("UNDECODABLE_FILE", 1L)));

    List<Row> kept = fixture.sql("SELECT year, indicator, value, source FROM ${db}.observations "
        + "WHERE status = 'A' ORDER BY year, indicator").collectAsList();
    assertThat(kept).extracting(row -> row.getString(3))
        .containsExactly("good simplified", "good traditional", "bureau,\nbulletin 3", "same figure twice");
    assertThat(kept.get(0).getDecimal(2)).isEqualByComparingTo("100000");
    assertThat(kept.get(2).getDecimal(2)).as("quoted fields with a comma and a line break, BOM and CRLF").isEqualByComparingTo("110000");

    StepResult normalize = results.get(1);
    // 14 data rows of the GB18030 file + 1 of the BOM file + 1 row standing for the random file.
    assertThat(normalize.rowsRead()).isEqualTo(16);
    assertThat(normalize.rowsAccepted()).isEqualTo(4);
    assertThat(normalize.rowsQuarantined()).isEqualTo(11);
    assertThat(normalize.rowsDuplicate()).isEqualTo(1);
    assertThat(normalize.reconciles()).isTrue();

    Row line = fixture.sql("SELECT source_line, raw FROM ${db}.quarantine WHERE reason_code = 'UNKNOWN_ENTITY'")
        .first();
    assertThat(line.getLong(0)).as("line in the file, header = 1").isEqualTo(4);
    assertThat(line.getString(1)).startsWith("亚特兰蒂斯,2010年");
  }
}
