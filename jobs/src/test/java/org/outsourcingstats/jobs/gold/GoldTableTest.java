package org.outsourcingstats.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * When {@link GoldTable#replace} writes: only when the rows, as a multiset, differ from the
 * table's.
 */
@ExtendWith(SharedSpark.class)
class GoldTableTest {
  private PipelineFixture fixture;
  private PipelineContext context;

  @BeforeEach
  void createTables(@TempDir Path root) throws Exception {
    fixture = new PipelineFixture(root).withTablesCreated();
    context = fixture.context();
  }

  private static Row plan(String entity, Double requiredCagr, Double actualCagr) {
    return plan(entity, "ALL", "OFFSHORE", requiredCagr, actualCagr);
  }

  private static Row plan(
      String entity, String sector, String market, Double requiredCagr, Double actualCagr) {
    return RowFactory.create(
        entity,
        "Dalian",
        "executed_value",
        sector,
        market,
        2015,
        new BigDecimal("3000000000.000000"),
        2010,
        new BigDecimal("1800000000.000000"),
        requiredCagr,
        2012,
        new BigDecimal("2300000000.000000"),
        actualCagr,
        null);
  }

  private Dataset<Row> frame(List<Row> rows) {
    return SharedSpark.spark().createDataFrame(rows, Tables.TARGETS.schema());
  }

  private boolean replace(Row... rows) {
    return GoldTable.replace(context, Tables.TARGETS, frame(List.of(rows))).written();
  }

  @Test
  void writesNothingWhenTheSameRowsComeInAnotherOrder() {
    assertThat(replace(plan("210200", 0.108, 0.13), plan("370200", 0.2, null))).isTrue();
    long version = fixture.version(Tables.TARGETS.name());

    assertThat(replace(plan("370200", 0.2, null), plan("210200", 0.108, 0.13))).isFalse();
    assertThat(fixture.version(Tables.TARGETS.name())).isEqualTo(version);
  }

  @Test
  void writesWhenAValueMovesToTheNextColumnOfTheSameType() {
    // Spark's row hashes skip nulls: without the nullness hashed too, (x, null) and (null, x) would
    // look alike.
    replace(plan("210200", "ALL", null, 0.1, 0.13));

    assertThat(replace(plan("210200", null, "ALL", 0.1, 0.13))).isTrue();
    assertThat(fixture.sql("SELECT sector, market FROM ${db}.targets").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[null,ALL]");
  }

  @Test
  void writesWhenOnlyOneValueChanges() {
    replace(plan("210200", 0.108, 0.13), plan("370200", 0.2, 0.1));

    assertThat(replace(plan("210200", 0.108, 0.13), plan("370200", 0.2, 0.1000001))).isTrue();
  }

  @Test
  void countsRepeatedRowsAsDifferentContents() {
    replace(plan("210200", 0.108, 0.13));

    assertThat(replace(plan("210200", 0.108, 0.13), plan("210200", 0.108, 0.13))).isTrue();
    assertThat(fixture.sql("SELECT count(*) FROM ${db}.targets").first().getLong(0)).isEqualTo(2);
  }

  @Test
  void writesNothingWhenAnEmptyTableStaysEmptyAndEmptiesATableThatLosesItsRows() {
    long created = fixture.version(Tables.TARGETS.name());
    assertThat(GoldTable.replace(context, Tables.TARGETS, frame(new ArrayList<>())).written())
        .isFalse();
    assertThat(fixture.version(Tables.TARGETS.name())).isEqualTo(created);

    replace(plan("210200", 0.108, 0.13));
    assertThat(GoldTable.replace(context, Tables.TARGETS, frame(new ArrayList<>())).written())
        .isTrue();
    assertThat(fixture.sql("SELECT count(*) FROM ${db}.targets").first().getLong(0)).isZero();
  }
}
