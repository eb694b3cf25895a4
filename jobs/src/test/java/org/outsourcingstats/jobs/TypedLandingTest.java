package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.tables.PipelineTables;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.tables.TypedLanding;

/**
 * Ingest types and checks a contracts register as it lands it: the typed values and the reason of a
 * refused row are in {@code raw_rows} beside the text. A warehouse landed before typed landing
 * gains the column in place, and its batches still waiting for normalize are read from their text.
 */
@ExtendWith(SharedSpark.class)
class TypedLandingTest {
  private static final String REGISTER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency\n"
          + "C1,F1,Dalian,2010-03-01,ITO,JP,1000,800,USD\n"
          + "C2,F1,大连,2010-04-01,BPO,US,6769,6769,CNY\n"
          + "C3,F2,Atlantis,2010-05-01,ITO,JP,5,5,USD\n";

  @Test
  void aRegisterLandsTypedAndCheckedInOneWrite(@TempDir Path root) throws Exception {
    PipelineFixture fixture =
        new PipelineFixture(root).write("contracts", "r.csv", REGISTER, StandardCharsets.UTF_8);
    new Pipeline(fixture.context()).run(List.of(Step.INGEST));

    assertThat(fixture.version("raw_rows")).as("created, then one commit").isEqualTo(1);
    List<Row> rows =
        fixture
            .sql(
                "SELECT source_line, contract.contract_id, contract.entity_code, contract.year, "
                    + "contract.market, contract.contract_value, parse_error FROM ${db}.raw_rows "
                    + "ORDER BY source_line")
            .collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).mkString("|")).isEqualTo("2|C1|210200|2010|JP|1000.000000|null");
    // 6,769 CNY at 2010's 6.7695 CNY per USD: 999.926... USD
    assertThat(rows.get(1).getString(1)).isEqualTo("C2");
    assertThat(rows.get(1).getDecimal(5).doubleValue()).isCloseTo(999.93, within(0.01));
    assertThat(rows.get(2).getString(6)).startsWith("UNKNOWN_ENTITY: city \"Atlantis\"");

    fixture.run();
    assertThat(fixture.sql("SELECT contract_id FROM ${db}.contracts ORDER BY 1").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("C1", "C2");
    assertThat(fixture.sql("SELECT reason_code FROM ${db}.quarantine").first().getString(0))
        .isEqualTo("UNKNOWN_ENTITY");
  }

  @Test
  void aWarehouseLandedUntypedGainsTheColumnAndItsWaitingBatchIsReadFromItsText(@TempDir Path root)
      throws Exception {
    // A batch landed by typed ingest elsewhere, copied into a raw_rows of the former schema.
    PipelineFixture elsewhere =
        new PipelineFixture(root.resolve("elsewhere"))
            .withTablesCreated()
            .write("contracts", "r.csv", REGISTER, StandardCharsets.UTF_8);
    new Pipeline(elsewhere.context()).run(List.of(Step.INGEST));
    PipelineFixture former = new PipelineFixture(root.resolve("former"));
    String formerColumns =
        Arrays.stream(Tables.RAW_ROWS.schema().fields())
            .filter(field -> !field.name().equals("contract"))
            .map(field -> field.name())
            .collect(Collectors.joining(", "));
    String formerDdl =
        Arrays.stream(Tables.RAW_ROWS.schema().fields())
            .filter(field -> !field.name().equals("contract"))
            .map(field -> field.toDDL())
            .collect(Collectors.joining(", "));
    PipelineTables tables = former.context().tables();
    String database = tables.config().database();
    String folder = tables.config().warehouse() + "/" + database + ".db";
    former.sql("CREATE DATABASE " + database + " LOCATION " + PipelineTables.literal(folder));
    former.sql("CREATE TABLE ${db}.raw_rows (" + formerDdl + ") USING delta");
    former.sql(
        "INSERT INTO ${db}.raw_rows SELECT "
            + formerColumns
            + " FROM "
            + elsewhere.context().config().table("raw_rows"));

    String batch = former.sql("SELECT DISTINCT batch_id FROM ${db}.raw_rows").first().getString(0);

    former.run();

    assertThat(TypedLanding.untypedBatches(former.context().tables())).containsExactly(batch);
    assertThat(former.sql("SELECT contract_id FROM ${db}.contracts ORDER BY 1").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("C1", "C2");
    assertThat(former.sql("SELECT reason_code FROM ${db}.quarantine").first().getString(0))
        .isEqualTo("UNKNOWN_ENTITY");
    assertThat(
            former
                .sql("SELECT count(*) FROM ${db}.raw_rows WHERE contract IS NULL")
                .first()
                .getLong(0))
        .as("landed rows are never rewritten")
        .isEqualTo(3);

    // A register landed now is typed.
    former.write(
        "contracts",
        "s.csv",
        REGISTER.replace("C1,", "C7,").replace("C2,", "C8,").replace("C3,", "C9,"),
        StandardCharsets.UTF_8);
    former.run();
    assertThat(
            former
                .sql("SELECT count(*) FROM ${db}.raw_rows WHERE contract IS NOT NULL")
                .first()
                .getLong(0))
        .isEqualTo(3);
    assertThat(former.sql("SELECT count(*) FROM ${db}.contracts").first().getLong(0)).isEqualTo(4);
  }
}
