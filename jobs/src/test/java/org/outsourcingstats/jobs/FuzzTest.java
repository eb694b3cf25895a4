package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * Generated hostile input: 10,000+ rows across every shape and encoding, good rows mixed with rows
 * broken in one field each. The run must finish, account for every row, and keep every good row.
 * Good rows carry unique keys so that what lands can be checked one by one; a broken row never
 * shares a key with a good one.
 */
@ExtendWith(SharedSpark.class)
class FuzzTest {
  /** Ten cities, each under two of its names (English, Chinese in either script, or its code). */
  private static final String[] CITIES = {
    "Dalian",
    "大連市",
    "Beijing",
    "北京市",
    "Shanghai",
    "310000",
    "Suzhou",
    "苏州",
    "Nanjing",
    "南京市",
    "Wuxi",
    "無錫",
    "Chengdu",
    "成都",
    "Xi'an",
    "西安",
    "Hangzhou",
    "杭州",
    "Shenzhen",
    "深圳"
  };

  private static final String[] CITY_CODES = {
    "210200", "210200", "110000", "110000", "310000", "310000", "320500", "320500", "320100",
    "320100", "320200", "320200", "510100", "510100", "610100", "610100", "330100", "330100",
    "440300", "440300"
  };
  private static final String[] PERIOD_CODES = {
    "FY", "H1", "H2", "Q1", "Q2", "Q3", "Q4", "M01", "M02", "M03", "M04", "M05", "M06", "M07",
    "M08", "M09", "M10", "M11", "M12"
  };
  private static final String[] UNITS = {"万美元", "亿美元", "USD", "亿元", "USD bn"};

  /** What one generated landing folder should give. */
  private static final class Expected {
    int rows;
    int good;
    int goodObservations;
    int goodContracts;
    int goodFirms;
    final List<String> observationKeys = new ArrayList<>();
  }

  @Test
  void aRunOverTenThousandMixedRowsLosesNothing(@TempDir Path root) throws IOException {
    Random random = new Random(20261127L);
    PipelineFixture fixture = new PipelineFixture(root);
    Expected expected = new Expected();
    writeObservations(fixture, random, expected, 4000);
    writeContracts(fixture, random, expected, 3000);
    writeFirms(fixture, random, expected, 1500);
    writeBulletin(fixture, random, expected, 1500);

    List<StepResult> results = fixture.run();

    StepResult normalize = results.get(1);
    assertThat(expected.rows).isGreaterThanOrEqualTo(10_000);
    assertThat(normalize.rowsRead()).isEqualTo(expected.rows);
    assertThat(normalize.reconciles()).isTrue();
    String reasons =
        fixture
            .sql(
                "SELECT shape, reason_code, count(*) AS n, first(reason) AS example "
                    + "FROM ${db}.quarantine GROUP BY shape, reason_code ORDER BY shape, reason_code")
            .collectAsList()
            .toString();
    assertThat(normalize.rowsAccepted()).as("quarantined: %s", reasons).isEqualTo(expected.good);
    Row runs =
        fixture
            .sql(
                "SELECT rows_read, rows_accepted + rows_quarantined + rows_duplicate FROM ${db}.runs "
                    + "WHERE job = 'normalize'")
            .first();
    assertThat(runs.getLong(0)).isEqualTo(runs.getLong(1)).isEqualTo(expected.rows);

    assertThat(
            fixture.sql("SELECT * FROM ${db}.observations WHERE source_file IS NOT NULL").count())
        .isEqualTo(expected.goodObservations);
    List<String> landed =
        fixture
            .sql(
                "SELECT concat_ws('|', entity_code, year, period, indicator, market) FROM "
                    + "${db}.observations WHERE source_file IS NOT NULL")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(landed).containsExactlyInAnyOrderElementsOf(expected.observationKeys);
    assertThat(fixture.sql("SELECT * FROM ${db}.contracts").count())
        .isEqualTo(expected.goodContracts);
    assertThat(
            fixture
                .sql("SELECT * FROM ${db}.firm_observations WHERE source_file IS NOT NULL")
                .count())
        .isEqualTo(expected.goodFirms);
    assertThat(
            fixture
                .sql("SELECT * FROM ${db}.quarantine WHERE reason_code IS NULL OR reason IS NULL")
                .count())
        .isZero();
  }

  /**
   * Long observations in two files (UTF-8 with BOM, GB18030 with CRLF), each with cities of its
   * own. Row j of a file owns the key (city j%5, indicator (j/5)%3, period (j/15)%19, year 2010 +
   * j/285); a broken row wastes its key.
   */
  private static void writeObservations(
      PipelineFixture fixture, Random random, Expected expected, int rows) throws IOException {
    String[] periods = {
      "FY", "H1", "H2", "Q1", "Q2", "Q3", "Q4", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月",
      "9月", "10月", "11月", "12月"
    };
    String[][] indicatorNames = {
      {"执行金额", "執行金額"}, {"離岸執行金額", "export revenue"}, {"合同金额", "contract_value"}
    };
    String[] indicatorKeys = {
      "executed_value|ALL", "executed_value|OFFSHORE", "contract_value|ALL"
    };
    StringBuilder utf8 = new StringBuilder("city,year,period,indicator,value,unit,source\n");
    StringBuilder gb = new StringBuilder("城市,年份,期间,指标,数值,单位,来源\r\n");
    for (int i = 0; i < rows; i++) {
      boolean gbFile = i % 2 == 1;
      StringBuilder out = gbFile ? gb : utf8;
      String end = gbFile ? "\r\n" : "\n";
      int j = i / 2;
      int cityIndex = ((j % 5) + (gbFile ? 5 : 0)) * 2;
      String cityName = CITIES[cityIndex + random.nextInt(2)];
      String cityCode = CITY_CODES[cityIndex];
      int indicator = (j / 5) % 3;
      int period = (j / 15) % periods.length;
      int year = 2010 + j / 285;
      String name = indicatorNames[indicator][random.nextInt(2)];
      String head = cityName + "," + year + "年," + periods[period] + "," + name + ",";
      String value = String.valueOf(1 + random.nextInt(100000));
      String unit = UNITS[random.nextInt(UNITS.length)];
      int fault = random.nextInt(10);
      String line =
          switch (fault) {
            case 0 ->
                "Atlantis,"
                    + year
                    + ","
                    + periods[period]
                    + ","
                    + name
                    + ","
                    + value
                    + ","
                    + unit
                    + ",bad city";
            case 1 ->
                cityName
                    + ",20x0,"
                    + periods[period]
                    + ","
                    + name
                    + ","
                    + value
                    + ","
                    + unit
                    + ",bad year";
            case 2 -> head + "12..5," + unit + ",bad value";
            case 3 -> head + value + ",furlongs,bad unit";
            case 4 -> head + value;
            default -> head + "\"" + value + "\"," + unit + ",\"ok, " + i + "\"";
          };
      out.append(line).append(end);
      expected.rows++;
      if (fault >= 5) {
        expected.good++;
        expected.goodObservations++;
        expected.observationKeys.add(
            cityCode + "|" + year + "|" + PERIOD_CODES[period] + "|" + indicatorKeys[indicator]);
      }
    }
    fixture.write("observations", "fuzz-utf8.csv", "\ufeff" + utf8, StandardCharsets.UTF_8);
    fixture.write("observations", "fuzz-gb18030.csv", gb.toString(), Charset.forName("GB18030"));
  }

  private static void writeContracts(
      PipelineFixture fixture, Random random, Expected expected, int rows) throws IOException {
    StringBuilder out =
        new StringBuilder(
            "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency\n");
    String[] markets = {"JP", "US", "CN", "EU", "HK"};
    String[] sectors = {"ITO", "BPO", "KPO"};
    for (int i = 0; i < rows; i++) {
      String id = "K" + i;
      String city = CITIES[random.nextInt(CITIES.length)];
      String date =
          (2010 + random.nextInt(10)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
      String values =
          (1000 + random.nextInt(100000))
              + ","
              + random.nextInt(1000)
              + ","
              + (random.nextBoolean() ? "USD" : "CNY");
      String sector = sectors[random.nextInt(3)];
      String market = markets[random.nextInt(markets.length)];
      int fault = random.nextInt(8);
      String line =
          switch (fault) {
            case 0 -> id + ",F1,Atlantis," + date + "," + sector + "," + market + "," + values;
            case 1 -> id + ",F1," + city + ",2019-02-30," + sector + "," + market + "," + values;
            case 2 -> id + ",F1," + city + "," + date + ",XPO," + market + "," + values;
            case 3 -> id + ",F1," + city + "," + date + "," + sector + ",ZZ," + values;
            default ->
                id
                    + ",F"
                    + random.nextInt(50)
                    + ","
                    + city
                    + ","
                    + date
                    + ","
                    + sector
                    + ","
                    + market
                    + ","
                    + values;
          };
      out.append(line).append('\n');
      expected.rows++;
      if (fault >= 4) {
        expected.good++;
        expected.goodContracts++;
      }
    }
    fixture.write("contracts", "fuzz-contracts.csv", out.toString(), StandardCharsets.UTF_8);
  }

  private static void writeFirms(
      PipelineFixture fixture, Random random, Expected expected, int rows) throws IOException {
    StringBuilder out = new StringBuilder("企业编号,企业名称,城市,年份,行业,营业收入,单位,员工数,世界500强\n");
    for (int i = 0; i < rows; i++) {
      String city = CITIES[random.nextInt(CITIES.length)];
      int fault = random.nextInt(6);
      String line =
          switch (fault) {
            case 0 -> "G" + i + ",\"名称, 有限公司\"," + city + ",2020,ITO,100,万美元,10,maybe";
            case 1 -> "G" + i + ",name," + city + ",2020,ITO,-100,万美元,10,N";
            default ->
                "G"
                    + i
                    + ",\"名称, 有限公司\","
                    + city
                    + ",2020,ITO,"
                    + random.nextInt(5000)
                    + ",万元,"
                    + random.nextInt(900)
                    + ",否";
          };
      out.append(line).append('\n');
      expected.rows++;
      if (fault >= 2) {
        expected.good++;
        expected.goodFirms++;
      }
    }
    fixture.write("firms", "fuzz-firms.csv", out.toString(), Charset.forName("GB18030"));
  }

  /**
   * Bulletin lines, each a header with two nested figures under keys of their own, or a broken
   * line.
   */
  private static void writeBulletin(
      PipelineFixture fixture, Random random, Expected expected, int lines) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int fault = random.nextInt(5);
      // Entity: the provinces of Jiangsu and Zhejiang, years 1900+i/..., keys apart from the long
      // files.
      String city = i % 2 == 0 ? "江苏" : "浙江";
      String code = i % 2 == 0 ? "320000" : "330000";
      int year = 1960 + (i / 2) % 40;
      String period = PERIOD_CODES[(i / 2) / 40];
      if (fault == 0) {
        out.append("{\"city\": \"")
            .append(city)
            .append("\", \"year\": ")
            .append(year)
            .append(", \"figures\": [\n");
        expected.rows++;
        continue;
      }
      out.append("{\"city\": \"")
          .append(city)
          .append("\", \"year\": ")
          .append(year)
          .append(", \"period\": \"")
          .append(period)
          .append("\", \"figures\": [{\"indicator\": \"从业人员\", \"value\": ")
          .append(1 + random.nextInt(1000))
          .append(", \"unit\": \"人\"}, {\"indicator\": \"企业数\", \"value\": ")
          .append(fault == 1 ? "\"many\"" : String.valueOf(1 + random.nextInt(1000)))
          .append(", \"unit\": \"家\"}]}\n");
      expected.rows += 2;
      int good = fault == 1 ? 1 : 2;
      expected.good += good;
      expected.goodObservations += good;
      expected.observationKeys.add(code + "|" + year + "|" + period + "|employees|ALL");
      if (fault != 1) {
        expected.observationKeys.add(code + "|" + year + "|" + period + "|firms|ALL");
      }
    }
    fixture.write("bulletin", "fuzz.jsonl", out.toString(), StandardCharsets.UTF_8);
  }
}
