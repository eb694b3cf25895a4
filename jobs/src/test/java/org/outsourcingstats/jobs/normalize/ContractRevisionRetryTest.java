package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * A run that stops after a batch's contracts are merged but before their sums are written: the
 * contracts table no longer says which year a revised contract left, so the next run must find it
 * in the note of the MERGE's commit.
 */
@ExtendWith(SharedSpark.class)
class ContractRevisionRetryTest {
  private static final String HEADER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency";

  @Test
  void aRetriedBatchStillClearsTheSumsOfTheYearItsRevisionLeft(@TempDir Path root)
      throws Exception {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .write(
                "contracts",
                "a.csv",
                String.join(
                        "\n",
                        HEADER,
                        "C1,F1,Dalian,2019-07-01,KPO,KR,700,600,USD",
                        "C2,F1,Dalian,2020-07-01,KPO,KR,100,50,USD")
                    + "\n",
                StandardCharsets.UTF_8);
    fixture.run();
    fixture.write(
        "contracts",
        "b.csv",
        String.join("\n", HEADER, "C1,F1,Dalian,2020-03-01,KPO,KR,700,600,USD") + "\n",
        StandardCharsets.UTF_8); // 2019 -> 2020
    PipelineContext context = fixture.context();
    new Pipeline(context).run(List.of(Step.INGEST));
    String batch = context.runId();
    Dataset<Row> raw = context.tables().read(Tables.RAW_ROWS).where(col("batch_id").equalTo(batch));
    ContractRegisterNormalizer register = new ContractRegisterNormalizer(context);
    register.mergeContracts(
        batch, register.classify(batch, raw).where(col("reason_code").isNull()));
    // The run stops here: the batch is not marked normalised, its sums are not written.

    fixture.run();

    assertThat(
            fixture
                .sql("SELECT year, contract_id FROM ${db}.contracts ORDER BY contract_id")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactly("[2020,C1]", "[2020,C2]");
    assertThat(
            fixture
                .sql("SELECT DISTINCT year FROM ${db}.observations WHERE entity_code = '210200'")
                .collectAsList())
        .extracting(row -> row.getInt(0))
        .containsExactly(2020);
    assertThat(
            fixture
                .sql(
                    "SELECT value FROM ${db}.observations WHERE entity_code = '210200' AND year = 2020 "
                        + "AND sector = 'ALL' AND market = 'ALL' AND indicator = 'contract_value'")
                .first()
                .getDecimal(0))
        .isEqualByComparingTo("800");
  }
}
