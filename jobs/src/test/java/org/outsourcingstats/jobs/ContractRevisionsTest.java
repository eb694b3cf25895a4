package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.spark.SharedSpark;

/**
 * A second register file after a first load: new contracts are added, a revised contract replaces its earlier
 * values, an unchanged one changes nothing, and the sums of the entities, firms and years the second file touched
 * are recomputed from the whole {@code contracts} table while the others stay as they were.
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
    fixture = new PipelineFixture(root).write("contracts", "2020-01.csv", String.join("\n", HEADER,
        "C1,F1,Dalian,2020-03-01,ITO,JP,1000000,800000,USD",
        "C2,F1,Dalian,2021-04-01,ITO,JP,500000,400000,USD",
        "C3,F2,Shanghai,2020-05-01,BPO,US,100,50,USD") + "\n", StandardCharsets.UTF_8);
    fixture.run();
    fixture.write("contracts", "2020-02.csv", String.join("\n", HEADER,
        "C1,F1,Dalian,2020-03-01,ITO,JP,1200000,900000,USD", // revised
        "C4,F1,Dalian,2020-06-01,ITO,JP,300000,100000,USD", // new
        "C3,F2,Shanghai,2020-05-01,BPO,US,100,50,USD") + "\n", StandardCharsets.UTF_8); // unchanged
    second = fixture.run();
  }

  private BigDecimal observation(String entity, int year, String indicator) {
    return fixture.sql(String.format("SELECT value FROM ${db}.observations WHERE entity_code = '%s' AND year = %d "
        + "AND sector = 'ALL' AND market = 'ALL' AND indicator = '%s' AND status = 'A'", entity, year, indicator))
        .first().getDecimal(0);
  }

  @Test
  void theTouchedSumsCountTheRevisedAndTheNewContracts() {
    // Dalian 2020: C1 as revised (1,200,000) and C4 (300,000).
    assertThat(observation("210200", 2020, "contract_value")).isEqualByComparingTo("1500000");
    assertThat(observation("210200", 2020, "executed_value")).isEqualByComparingTo("1000000");
    assertThat(observation("210200", 2020, "contracts")).isEqualByComparingTo("2");
  }

  @Test
  void sumsTheSecondFileDidNotTouchStayAsTheFirstRunWroteThem() {
    assertThat(observation("210200", 2021, "contract_value")).isEqualByComparingTo("500000");
    assertThat(observation("310000", 2020, "contract_value")).isEqualByComparingTo("100");
    assertThat(observation("310000", 2020, "contracts")).isEqualByComparingTo("1");
  }

  @Test
  void firmFiguresFollowTheRevision() {
    List<String> firms = fixture.sql("SELECT firm_id, year, contracts, contract_value FROM ${db}.firm_observations "
        + "WHERE contracts IS NOT NULL ORDER BY firm_id, year").collectAsList().stream()
        .map(row -> row.getString(0) + " " + row.getInt(1) + " " + row.getLong(2) + " "
            + row.getDecimal(3).stripTrailingZeros().toPlainString())
        .toList();
    assertThat(firms).containsExactly("F1 2020 2 1500000", "F1 2021 1 500000", "F2 2020 1 100");
  }

  @Test
  void theSecondRunReadsOnlyTheNewFileAndKeepsOneRowPerContract() {
    StepResult normalize = second.get(1);
    assertThat(normalize.rowsRead()).isEqualTo(3);
    assertThat(normalize.rowsAccepted()).isEqualTo(3);
    assertThat(fixture.sql("SELECT * FROM ${db}.contracts").count()).isEqualTo(4);
  }
}
