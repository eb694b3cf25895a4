package org.outsourcingstats.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

/**
 * A MERGE into a table that holds no row is the append of what it inserts; into a table that holds
 * rows it is Delta's MERGE. Both write the same rows.
 */
@ExtendWith(SharedSpark.class)
class TableMergeTest {
  /** Two firms' register rows; the columns a register MERGE owns, the rest left NULL. */
  private static final String REGISTER =
      "SELECT * FROM VALUES ('F1', 'Neusoft', 2010, 'ITO', 1200), ('F2', 'HiSoft', 2010, 'ITO', 900)"
          + " AS s(firm_id, firm_name, year, sector, employees)";

  private static final Map<String, String> INSERTED =
      Map.of(
          "firm_id", "s.firm_id",
          "firm_name", "s.firm_name",
          "year", "s.year",
          "sector", "s.sector",
          "employees", "s.employees");

  private String database;
  private PipelineTables tables;

  @BeforeEach
  void warehouse() {
    tables = SharedSpark.tablesOf("merge", Tables.FIRM_OBSERVATIONS);
    database = tables.config().database();
  }

  private void merge(String source) {
    tables
        .merge(Tables.FIRM_OBSERVATIONS, SharedSpark.spark().sql(source))
        .updateWhenMatched("t.employees <> s.employees", Map.of("employees", "s.employees"))
        .insertWhenNotMatched(INSERTED)
        .execute();
  }

  private List<String> rows() {
    return SharedSpark.spark()
        .sql(
            "SELECT firm_id, firm_name, year, sector, employees, revenue, contracts FROM "
                + database
                + ".firm_observations ORDER BY firm_id")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  private String lastOperation() {
    Dataset<Row> history =
        SharedSpark.spark().sql("DESCRIBE HISTORY " + database + ".firm_observations LIMIT 1");
    return history.select("operation").first().getString(0);
  }

  @Test
  void intoAnEmptyTableTheMergeIsTheAppendOfItsInsertedRows() {
    merge(REGISTER);

    assertThat(lastOperation()).isEqualTo("WRITE");
    assertThat(rows())
        .containsExactly(
            "[F1,Neusoft,2010,ITO,1200,null,null]", "[F2,HiSoft,2010,ITO,900,null,null]");
  }

  @Test
  void intoATableWithRowsItIsAMergeThatUpdatesAndInserts() {
    merge(REGISTER);

    // F2 grows to 950 employees, F3 is new; F1 is unchanged.
    merge(
        "SELECT * FROM VALUES ('F1', 'Neusoft', 2010, 'ITO', 1200), ('F2', 'HiSoft', 2010, 'ITO', 950),"
            + " ('F3', 'Pactera', 2010, 'BPO', 300) AS s(firm_id, firm_name, year, sector, employees)");

    assertThat(lastOperation()).isEqualTo("MERGE");
    assertThat(rows())
        .containsExactly(
            "[F1,Neusoft,2010,ITO,1200,null,null]",
            "[F2,HiSoft,2010,ITO,950,null,null]",
            "[F3,Pactera,2010,BPO,300,null,null]");
  }

  @Test
  void aTableEmptiedByADeleteIsWrittenByAnAppendAgain() {
    merge(REGISTER);
    SharedSpark.spark().sql("DELETE FROM " + database + ".firm_observations").collect();

    merge(REGISTER);

    assertThat(lastOperation()).isEqualTo("WRITE");
    assertThat(rows()).hasSize(2);
  }

  @Test
  void aMergeTouchingOnlyRowsNoneOfWhichIsThereIsAnAppend() {
    merge(REGISTER);
    String kpo =
        "SELECT * FROM VALUES ('F3', 'Pactera', 2010, 'KPO', %d) AS s(firm_id, firm_name, year, sector, employees)";

    // The MERGE can touch KPO rows only, and the table has none: an append.
    mergeTouchingKpo(String.format(kpo, 300));
    assertThat(lastOperation()).isEqualTo("WRITE");

    // Now it has one: a MERGE, which updates it.
    mergeTouchingKpo(String.format(kpo, 320));
    assertThat(lastOperation()).isEqualTo("MERGE");
    assertThat(rows())
        .containsExactly(
            "[F1,Neusoft,2010,ITO,1200,null,null]",
            "[F2,HiSoft,2010,ITO,900,null,null]",
            "[F3,Pactera,2010,KPO,320,null,null]");
  }

  private void mergeTouchingKpo(String source) {
    tables
        .merge(Tables.FIRM_OBSERVATIONS, SharedSpark.spark().sql(source))
        .touchingOnly("t.sector = 'KPO'")
        .updateWhenMatched("t.employees <> s.employees", Map.of("employees", "s.employees"))
        .insertWhenNotMatched(INSERTED)
        .deleteWhenNotMatchedBySource("t.sector = 'KPO'")
        .execute();
  }
}
