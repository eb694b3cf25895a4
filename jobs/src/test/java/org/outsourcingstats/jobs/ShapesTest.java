package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * One landing folder holding every shape, good and bad rows, run once; each test checks one part of
 * the result.
 */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapesTest {
  private PipelineFixture fixture;
  private List<StepResult> results;

  @BeforeAll
  void runOnEveryShape(@TempDir Path root) throws IOException {
    fixture =
        new PipelineFixture(root)
            .withTablesCreated()
            .write(
                "yearbook",
                "jiangsu.csv",
                String.join(
                        "\n",
                        "城市,年份,服务外包合同金额(亿美元),离岸执行金额(亿美元),从业人员(万人),企业数(家)",
                        "江苏,2010年,87.36,…,48.5,3778",
                        "南京,2009年,-,,7,330",
                        "无锡,2009年,9.9,6.7,abc,")
                    + "\n",
                StandardCharsets.UTF_8)
            .write(
                "bulletin",
                "mofcom.jsonl",
                String.join(
                        "\n",
                        "{\"city\": \"全国\", \"year\": 2013, \"figures\": [{\"indicator\": \"离岸执行金额\", \"value\": 454.1, "
                            + "\"unit\": \"亿美元\"}, {\"indicator\": \"离岸执行金额\", \"market\": \"美国\", \"value\": 25, "
                            + "\"unit\": \"%\"}, {\"indicator\": \"离岸执行金额\", \"market\": \"日本\", \"value\": 90, "
                            + "\"unit\": \"%\"}]}",
                        "{\"city\": \"Dalian\", \"year\": \"2018\", \"indicator\": \"firms\", \"value\": \"1110\", \"unit\": \"家\"}",
                        "not json at all",
                        "{\"city\": \"Dalian\", \"year\": 2019, \"figures\": []}")
                    + "\n",
                StandardCharsets.UTF_8)
            .write(
                "firms",
                "register.csv",
                String.join(
                        "\n",
                        "firm_id,firm_name,city,year,sector,revenue,unit,employees,fortune500",
                        "F1,Neusoft Dalian,Dalian,2020,ITO,12000,万美元,5000,N",
                        "F2,Genpact Dalian,大连,2020,BPO,8000,万元,3000,Y",
                        "F3,Bad,Atlantis,2020,ITO,1,万美元,1,N",
                        "F1,Neusoft Dalian,Dalian,2020,ITO,12000,万美元,5000,N")
                    + "\n",
                StandardCharsets.UTF_8)
            .write(
                "contracts",
                "register.csv",
                String.join(
                        "\n",
                        "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency",
                        "C1,F1,Dalian,2020-03-01,ITO,JP,1000000,800000,USD",
                        "C2,F1,Dalian,2020-05-01,ITO,CN,6500000,6500000,CNY",
                        "C3,F2,大连,2020-06-01,BPO,US,200000,100000,USD",
                        "C4,F2,Dalian,2020-13-01,BPO,US,1,1,USD",
                        "C5,F2,Dalian,2020-06-01,BPO,XX,1,1,USD",
                        "C6,F2,Dalian,2020-06-01,BPO,US,-5,1,USD",
                        "C1,F1,Dalian,2020-03-01,ITO,JP,1000000,800000,USD",
                        "C7,F1,Dalian,2020-03-01,ITO,JP,5,5",
                        "C8,F1,Dalian,2020-03-01,ITO,JP,5,5,USD,extra",
                        "C9,F3,Dalian,2020-03-01,ITO,JP,5,5,EUR",
                        "C10,F3,Dalian,2020-03-01,ITO,JP,5,5,USD",
                        "C10,F3,Dalian,2020-03-01,ITO,JP,6,5,USD",
                        "C11,F3,Dalian,2099-03-01,ITO,JP,5,5,USD")
                    + "\n",
                StandardCharsets.UTF_8);
    results = fixture.run();
  }

  private Map<String, Long> quarantined(String shape) {
    return fixture
        .sql("SELECT reason_code FROM ${db}.quarantine WHERE shape = '" + shape + "'")
        .collectAsList()
        .stream()
        .collect(Collectors.groupingBy(row -> row.getString(0), Collectors.counting()));
  }

  private java.math.BigDecimal observation(
      String entity, int year, String sector, String market, String indicator) {
    return fixture
        .sql(
            String.format(
                "SELECT value FROM ${db}.observations WHERE entity_code = '%s' AND year = %d "
                    + "AND sector = '%s' AND market = '%s' AND indicator = '%s' AND status = 'A'",
                entity, year, sector, market, indicator))
        .first()
        .getDecimal(0);
  }

  @Test
  void everyRowOfEveryShapeIsAccountedFor() {
    StepResult normalize = results.get(1);
    // Figures: yearbook 3 + 2 + 3 non-empty cells, bulletin 3 nested + 1 flat + 1 broken + 1 empty;
    // firm rows 4; contracts 13.
    assertThat(normalize.rowsRead()).isEqualTo(8 + 6 + 4 + 13);
    assertThat(normalize.rowsDuplicate()).isEqualTo(2);
    assertThat(normalize.reconciles()).isTrue();
  }

  @Test
  void yearbookCellsBecomeFiguresInTheUnitOfTheirHeader() {
    assertThat(observation("320000", 2010, "ALL", "ALL", "contract_value"))
        .isEqualByComparingTo("8736000000");
    assertThat(observation("320000", 2010, "ALL", "ALL", "employees"))
        .isEqualByComparingTo("485000");
    assertThat(observation("320100", 2009, "ALL", "ALL", "employees"))
        .isEqualByComparingTo("70000");
    assertThat(observation("320200", 2009, "ALL", "OFFSHORE", "executed_value"))
        .isEqualByComparingTo("670000000");
    assertThat(quarantined("yearbook")).containsExactly(Map.entry("INVALID_VALUE", 1L));
  }

  @Test
  void bulletinsGiveNestedAndFlatFiguresAndRejectBrokenLines() {
    assertThat(observation("000000", 2013, "ALL", "OFFSHORE", "executed_value"))
        .isEqualByComparingTo("45410000000");
    assertThat(observation("210200", 2018, "ALL", "ALL", "firms")).isEqualByComparingTo("1110");
    assertThat(quarantined("bulletin"))
        .containsOnly(
            Map.entry("SHARES_OVER_100", 2L),
            Map.entry("INVALID_JSON", 1L),
            Map.entry("EMPTY_ROW", 1L));
  }

  @Test
  void contractsAreSummedByEntityYearSectorAndMarketWithTheirTotals() {
    // C1 1,000,000 USD (JP), C2 6,500,000 CNY at 6.8976 = 942,356.761772 (CN: onshore), C3 200,000
    // USD (US).
    assertThat(observation("210200", 2020, "ALL", "ALL", "contract_value"))
        .isEqualByComparingTo("2142356.761772");
    assertThat(observation("210200", 2020, "ALL", "OFFSHORE", "contract_value"))
        .isEqualByComparingTo("1200000");
    assertThat(observation("210200", 2020, "ALL", "ONSHORE", "executed_value"))
        .isEqualByComparingTo("942356.761772");
    assertThat(observation("210200", 2020, "ITO", "JP", "executed_value"))
        .isEqualByComparingTo("800000");
    assertThat(observation("210200", 2020, "ALL", "ALL", "executed_value"))
        .isEqualByComparingTo("1842356.761772");
    assertThat(observation("210200", 2020, "ALL", "ALL", "contracts")).isEqualByComparingTo("3");
    assertThat(quarantined("contracts"))
        .containsOnly(
            Map.entry("INVALID_DATE", 1L),
            Map.entry("UNKNOWN_MARKET", 1L),
            Map.entry("NEGATIVE_VALUE", 1L),
            Map.entry("FIELD_COUNT", 2L),
            Map.entry("UNKNOWN_UNIT", 1L),
            Map.entry("CONFLICTING_DUPLICATE", 2L),
            Map.entry("FUTURE_ACTUAL", 1L));
    assertThat(fixture.sql("SELECT * FROM ${db}.contracts").count()).isEqualTo(3);
  }

  @Test
  void aContractRowWithTooFewOrTooManyFieldsSaysWhich() {
    // Line 9 (C7) has 8 fields, line 10 (C8) 10; the header has 9.
    List<Row> rows =
        fixture
            .sql(
                "SELECT source_line, reason FROM ${db}.quarantine WHERE shape = 'contracts' "
                    + "AND reason_code = 'FIELD_COUNT' ORDER BY source_line")
            .collectAsList();
    assertThat(rows)
        .extracting(row -> row.getLong(0) + " " + row.getString(1))
        .containsExactly(
            "9 the row has fewer fields than the header (9)",
            "10 the row has more fields than the header (9)");
  }

  @Test
  void firmRowsJoinTheirRegisterFiguresAndTheirContracts() {
    List<Row> firms =
        fixture
            .sql(
                "SELECT firm_id, sector, revenue, employees, fortune500, contracts, "
                    + "contract_value FROM ${db}.firm_observations ORDER BY firm_id")
            .collectAsList();
    assertThat(firms).hasSize(2);
    assertThat(firms.get(0).getDecimal(2)).isEqualByComparingTo("120000000");
    assertThat(firms.get(0).getLong(5)).isEqualTo(2);
    assertThat(firms.get(0).getDecimal(6)).isEqualByComparingTo("1942356.761772");
    // 8,000万元 / 6.8976
    assertThat(firms.get(1).getDecimal(2)).isEqualByComparingTo("11598237.067966");
    assertThat(firms.get(1).getBoolean(4)).isTrue();
    assertThat(firms.get(1).getLong(5)).isEqualTo(1);
    assertThat(quarantined("firms")).containsExactly(Map.entry("UNKNOWN_ENTITY", 1L));
  }
}
