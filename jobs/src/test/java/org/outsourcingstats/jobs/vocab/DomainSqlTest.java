package org.outsourcingstats.jobs.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * The domain rules as Spark evaluates them, on cases worked out from the contract: destinations
 * partition OFFSHORE, OFFSHORE and ONSHORE partition ALL; {@code _yoy} marks a published growth
 * rate and {@code _share} a share.
 */
@ExtendWith(SharedSpark.class)
class DomainSqlTest {
  private static Row evaluate(String expression, String value) {
    return SharedSpark.spark()
        .sql(
            DomainSql.expand(
                "SELECT "
                    + expression
                    + " FROM VALUES ("
                    + PipelineTables.literal(value)
                    + ") AS t(x)"))
        .first();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {"ALL, NULL", "OFFSHORE, ALL", "ONSHORE, ALL", "JP, OFFSHORE", "EU, OFFSHORE"})
  void aMarketsParentIsTheTotalItIsPartOf(String market, String parent) {
    assertThat(evaluate("{parent_market(x)}", market).getString(0)).isEqualTo(parent);
  }

  @ParameterizedTest
  @CsvSource({"JP, JP|OFFSHORE|ALL", "ONSHORE, ONSHORE|ALL", "OFFSHORE, OFFSHORE|ALL", "ALL, ALL"})
  void aMarketRollsUpIntoEveryTotalAboveIt(String market, String rolled) {
    List<String> markets = evaluate("{rolled_up_markets(x)}", market).getList(0);
    assertThat(String.join("|", markets)).isEqualTo(rolled);
  }

  @ParameterizedTest
  @CsvSource({"JP, true", "EU, true", "ALL, false", "OFFSHORE, false", "ONSHORE, false"})
  void onlyCountriesAndRegionsAreDestinations(String market, boolean destination) {
    assertThat(evaluate("{destination(x)}", market).getBoolean(0)).isEqualTo(destination);
  }

  @ParameterizedTest
  @CsvSource({
    "contract_value, true, false, false, contract_value, contract_value",
    "executed_value_yoy, false, true, false, executed_value, executed_value_yoy",
    "employees_share, false, false, true, employees_share, employees",
    "contract_valueyoy, true, false, false, contract_valueyoy, contract_valueyoy"
  })
  void indicatorSuffixesMarkRatesAndShares(
      String indicator,
      boolean level,
      boolean growth,
      boolean share,
      String growthBase,
      String shareBase) {
    Row row =
        evaluate(
            "{level(x)}, {growth(x)}, {share(x)}, "
                + "CASE WHEN {growth(x)} THEN {growth_base(x)} ELSE x END, CASE WHEN {share(x)} THEN {share_base(x)} ELSE x END",
            indicator);
    assertThat(List.of(row.getBoolean(0), row.getBoolean(1), row.getBoolean(2)))
        .containsExactly(level, growth, share);
    assertThat(List.of(row.getString(3), row.getString(4))).containsExactly(growthBase, shareBase);
  }

  @Test
  void statusesRankActualOverProvisionalOverEstimateOverDerivedAndTargetsLast() {
    List<String> ranked =
        SharedSpark.spark()
            .sql(
                "SELECT s FROM VALUES ('T'), ('D'), ('E'), ('A'), ('P') AS t(s) "
                    + "ORDER BY "
                    + DomainSql.statusPreference("s"))
            .collectAsList()
            .stream()
            .map(row -> row.getString(0))
            .toList();
    assertThat(ranked).containsExactly("A", "P", "E", "D", "T");
  }

  @Test
  void aWrittenReasonReadsBackAsItsCodeAndText() {
    String written = ReasonCode.FIELD_COUNT.written("the row has more fields than the header (9)");
    Row reason = evaluate(DomainSql.writtenReason("x"), written).getStruct(0);
    assertThat(List.of(reason.getString(0), reason.getString(1)))
        .containsExactly("FIELD_COUNT", "the row has more fields than the header (9)");
    assertThat(ReasonCode.ofWritten(written)).isEqualTo(ReasonCode.FIELD_COUNT);
    assertThat(ReasonCode.textOfWritten(written))
        .isEqualTo("the row has more fields than the header (9)");
  }

  @Test
  void anUnknownTokenIsRefusedRatherThanSentToSpark() {
    assertThatThrownBy(() -> DomainSql.expand("SELECT {OFFSHOR}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{OFFSHOR}");
    assertThat(DomainSql.expand("SELECT '[0-9]{4}', {ALL}")).isEqualTo("SELECT '[0-9]{4}', 'ALL'");
  }
}
