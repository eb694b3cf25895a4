package org.outsourcingstats.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.generate.SyntheticRegister;

/**
 * The benchmark's reference jobs do the work they stand for: the floor lands the register
 * unchanged, and the lean SQL (the file DuckDB runs too) computes exactly the observations the
 * pipeline derives from contracts.
 */
@ExtendWith(SharedSpark.class)
class BenchJobsTest {
  private static final Path REPOSITORY = PipelineFixture.sample().getParent().getParent();
  private static final Path SCHEMA = REPOSITORY.resolve("bench/contracts.ddl");
  private static final Path SQL = REPOSITORY.resolve("bench/contracts_to_observations.sql");
  private static final Path REFERENCE = REPOSITORY.resolve("conf/reference");
  private static final String KEY = "entity_code, year, sector, market, indicator";

  @Test
  void leanSqlSumsAHandWrittenRegisterExactlyAsThePipelineDoes(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "contracts",
                "register.csv",
                """
        contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency
        C1,F1,Dalian,2019-03-01,ITO,JP,1000.00,400.00,USD
        C2,F1,大连,2019-07-15,ITO,CN,6898.50,6898.50,CNY
        C3,F2,210200,2019-12-31,BPO,US,500.00,500.00,USD
        C4,F3,Shanghai,2020-01-02,KPO,EU,100.00,70.00,CNY
        """,
                StandardCharsets.UTF_8);

    Map<String, BigDecimal> lean = values(lean(fixture));

    // By hand: C2 is 6898.50 / 6.8985 (2019) = 1000 USD; C4 100 and 70 yuan at 6.8976 (2020),
    // rounded half up to six places: 14.497796 and 10.148457.
    assertThat(lean)
        .containsEntry("210200|2019|ITO|JP|contract_value", new BigDecimal("1000.000000"))
        .containsEntry("210200|2019|ITO|ONSHORE|contract_value", new BigDecimal("1000.000000"))
        .containsEntry("210200|2019|ITO|OFFSHORE|contract_value", new BigDecimal("1000.000000"))
        .containsEntry("210200|2019|ITO|ALL|contract_value", new BigDecimal("2000.000000"))
        .containsEntry("210200|2019|ALL|OFFSHORE|contract_value", new BigDecimal("1500.000000"))
        .containsEntry("210200|2019|ALL|ALL|contract_value", new BigDecimal("2500.000000"))
        .containsEntry("210200|2019|ALL|ALL|executed_value", new BigDecimal("1900.000000"))
        .containsEntry("210200|2019|ALL|ALL|contracts", new BigDecimal("3.000000"))
        .containsEntry("310000|2020|KPO|EU|contract_value", new BigDecimal("14.497796"))
        .containsEntry("310000|2020|ALL|OFFSHORE|executed_value", new BigDecimal("10.148457"))
        .doesNotContainKey("310000|2020|ALL|ONSHORE|contracts");
    // Dalian 2019: ITO in JP, ONSHORE, OFFSHORE, ALL; BPO in US, OFFSHORE, ALL; ALL in JP, US,
    // ONSHORE, OFFSHORE, ALL. Shanghai 2020: KPO and ALL, each in EU, OFFSHORE, ALL. Three
    // indicators each.
    assertThat(lean).hasSize((12 + 6) * 3);

    fixture.run();
    assertThat(values(pipelineSums(fixture))).isEqualTo(lean);
  }

  @Test
  void floorLandsAGeneratedRegisterUnchangedAndLeanEqualsThePipeline(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture = new PipelineFixture(root);
    SyntheticRegister.Summary summary =
        SyntheticRegister.builder()
            .rows(3_000)
            .seed(5)
            .firms(40)
            .years(2021, 2022)
            .build()
            .writeTo(fixture.landing);

    String floorTable = new FloorJob(fixture.context(), SCHEMA).run();
    Dataset<Row> floor = SharedSpark.spark().read().format("delta").load(floorTable);
    assertThat(floor.count()).isEqualTo(summary.contractRows());
    // The generator's own totals of what it wrote, per currency, as written (before any
    // conversion).
    Map<String, BigDecimal> landed = new TreeMap<>();
    for (Row row :
        floor
            .groupBy("currency")
            .agg(org.apache.spark.sql.functions.sum("contract_value"))
            .collectAsList()) {
      landed.put(row.getString(0), row.getDecimal(1).stripTrailingZeros());
    }
    assertThat(landed)
        .isEqualTo(
            summary.currencyTotals().entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().contractValue().stripTrailingZeros(),
                        (a, b) -> a,
                        TreeMap::new)));
    String firstLine = Files.readAllLines(summary.files().get(0).path()).get(1);
    Row first = floor.where("contract_id = '" + firstLine.split(",")[0] + "'").first();
    assertThat(
            List.of(
                first.getString(1),
                first.getString(2),
                first.getDate(3).toString(),
                first.getString(4),
                first.getString(5),
                first.getDecimal(6).setScale(2).toPlainString(),
                first.getDecimal(7).setScale(2).toPlainString(),
                first.getString(8)))
        .containsExactly(firstLine.substring(firstLine.indexOf(',') + 1).split(","));

    Map<String, BigDecimal> lean = values(lean(fixture));
    fixture.run();
    assertThat(lean).hasSizeGreaterThan(100).isEqualTo(values(pipelineSums(fixture)));
  }

  private static Dataset<Row> lean(PipelineFixture fixture) {
    String table = new LeanJob(fixture.context(), SCHEMA, SQL, REFERENCE).run();
    return SharedSpark.spark().read().format("delta").load(table);
  }

  private static Dataset<Row> pipelineSums(PipelineFixture fixture) {
    return fixture.sql(
        "SELECT "
            + KEY
            + ", value FROM ${db}.observations WHERE source LIKE 'contracts register:%'");
  }

  /** Observations as "entity|year|sector|market|indicator" to value. */
  private static Map<String, BigDecimal> values(Dataset<Row> observations) {
    Map<String, BigDecimal> values = new TreeMap<>();
    for (Row row :
        observations.selectExpr(("concat_ws('|', " + KEY + ")"), "value").collectAsList()) {
      BigDecimal previous = values.put(row.getString(0), row.getDecimal(1));
      assertThat(previous).as("one value per key: %s", row.getString(0)).isNull();
    }
    return values;
  }
}
