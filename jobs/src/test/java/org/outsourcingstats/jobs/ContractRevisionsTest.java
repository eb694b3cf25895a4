package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * A second register file after a first load: new contracts are added, a revised contract replaces
 * its earlier values (also when the revision moves it to another market or year), an unchanged one
 * changes nothing, and the sums of the years the second file touched are recomputed from the whole
 * {@code contracts} table: a sum its contracts left is deleted, a sum whose value did not change is
 * not rewritten.
 */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractRevisionsTest {
  private static final String HEADER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency";
  private PipelineFixture fixture;
  private List<StepResult> second;

  @BeforeAll
  void runTwice(@TempDir Path root) throws Exception {
    fixture =
        new PipelineFixture(root)
            .withTablesCreated()
            .write(
                "contracts",
                "2020-01.csv",
                String.join(
                        "\n",
                        HEADER,
                        "C1,F1,Dalian,2020-03-01,ITO,JP,1000000,800000,USD",
                        "C2,F1,Dalian,2021-04-01,ITO,JP,500000,400000,USD",
                        "C3,F2,Shanghai,2020-05-01,BPO,US,100,50,USD",
                        "C5,F3,Dalian,2019-07-01,KPO,KR,700,600,USD")
                    + "\n",
                StandardCharsets.UTF_8);
    fixture.run();
    fixture.write(
        "contracts",
        "2020-02.csv",
        String.join(
                "\n",
                HEADER,
                "C1,F1,Dalian,2020-03-01,ITO,JP,1200000,900000,USD", // revised
                "C4,F1,Dalian,2020-06-01,ITO,JP,300000,100000,USD", // new
                "C3,F2,Shanghai,2020-05-01,BPO,US,100,50,USD", // unchanged
                // revised: a client in the US, not Japan
                "C2,F1,Dalian,2021-04-01,ITO,US,500000,400000,USD",
                // revised: signed in 2018
                "C5,F3,Dalian,2018-07-01,KPO,KR,700,600,USD")
            + "\n",
        StandardCharsets.UTF_8);
    second = fixture.run();
  }

  private BigDecimal observation(String entity, int year, String indicator) {
    return observation(entity, year, "ALL", "ALL", indicator);
  }

  private BigDecimal observation(
      String entity, int year, String sector, String market, String indicator) {
    List<Row> rows =
        sums(
            String.format(
                "entity_code = '%s' AND year = %d AND sector = '%s' AND market = '%s' "
                    + "AND indicator = '%s'",
                entity, year, sector, market, indicator));
    return rows.isEmpty() ? null : rows.get(0).getDecimal(0);
  }

  private List<Row> sums(String where) {
    return fixture
        .sql("SELECT value, batch_id FROM ${db}.observations WHERE status = 'A' AND " + where)
        .collectAsList();
  }

  @Test
  void theTouchedSumsCountTheRevisedAndTheNewContracts() {
    // Dalian 2020: C1 as revised (1,200,000) and C4 (300,000).
    assertThat(observation("210200", 2020, "contract_value")).isEqualByComparingTo("1500000");
    assertThat(observation("210200", 2020, "executed_value")).isEqualByComparingTo("1000000");
    assertThat(observation("210200", 2020, "contracts")).isEqualByComparingTo("2");
  }

  @Test
  void aSumWhoseValueDidNotChangeIsNotRewritten() {
    assertThat(observation("310000", 2020, "contract_value")).isEqualByComparingTo("100");
    assertThat(observation("310000", 2020, "contracts")).isEqualByComparingTo("1");
    String firstRun =
        sums("entity_code = '310000' AND year = 2020 AND indicator = 'contracts' AND sector = 'ALL' "
                + "AND market = 'ALL'")
            .get(0)
            .getString(1);
    String secondRun =
        sums("entity_code = '210200' AND year = 2020 AND indicator = 'contracts' AND sector = 'ALL' "
                + "AND market = 'ALL'")
            .get(0)
            .getString(1);
    assertThat(firstRun).isNotEqualTo(secondRun);
  }

  @Test
  void aContractRevisedIntoAnotherMarketLeavesNoSumInTheMarketItLeft() {
    // Dalian 2021 has one contract, C2, now with a client in the US.
    assertThat(observation("210200", 2021, "ITO", "JP", "contract_value")).isNull();
    assertThat(observation("210200", 2021, "ALL", "JP", "contracts")).isNull();
    assertThat(observation("210200", 2021, "ITO", "US", "contract_value"))
        .isEqualByComparingTo("500000");
    assertThat(observation("210200", 2021, "ITO", "OFFSHORE", "executed_value"))
        .isEqualByComparingTo("400000");
    assertThat(observation("210200", 2021, "contract_value")).isEqualByComparingTo("500000");
  }

  @Test
  void aContractRevisedIntoAnotherYearTakesItsSumsWithIt() {
    // C5 was Dalian's only contract of 2019; it is now signed in 2018.
    assertThat(sums("entity_code = '210200' AND year = 2019")).isEmpty();
    assertThat(observation("210200", 2018, "contract_value")).isEqualByComparingTo("700");
    assertThat(observation("210200", 2018, "KPO", "KR", "executed_value"))
        .isEqualByComparingTo("600");
    assertThat(observation("210200", 2018, "contracts")).isEqualByComparingTo("1");
  }

  @Test
  void firmFiguresFollowTheRevision() {
    List<String> firms =
        fixture
            .sql(
                "SELECT firm_id, year, contracts, contract_value FROM ${db}.firm_observations "
                    + "WHERE contracts IS NOT NULL ORDER BY firm_id, year")
            .collectAsList()
            .stream()
            .map(
                row ->
                    row.getString(0)
                        + " "
                        + row.getInt(1)
                        + " "
                        + row.getLong(2)
                        + " "
                        + row.getDecimal(3).stripTrailingZeros().toPlainString())
            .toList();
    assertThat(firms)
        .containsExactly("F1 2020 2 1500000", "F1 2021 1 500000", "F2 2020 1 100", "F3 2018 1 700");
    // F3 is not in a firm register: the row its 2019 contract made is gone, not left empty.
    assertThat(
            fixture
                .sql("SELECT year FROM ${db}.firm_observations WHERE firm_id = 'F3'")
                .collectAsList())
        .extracting(row -> row.getInt(0))
        .containsExactly(2018);
  }

  @Test
  void theSecondRunReadsOnlyTheNewFileAndKeepsOneRowPerContract() {
    StepResult normalize = second.get(1);
    assertThat(normalize.rowsRead()).isEqualTo(5);
    assertThat(normalize.rowsAccepted()).isEqualTo(5);
    assertThat(fixture.sql("SELECT * FROM ${db}.contracts").count()).isEqualTo(5);
  }
}
