package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class PipelineEndToEndTest {
  private static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(6);
  }

  @Test
  void theSeedArticlesFiguresLandNormalisedInUsdPersonsAndCounts(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root).copySample("dalian-2010-article.csv").afterRun();

    Dataset<Row> actual =
        fixture.sql(
            "SELECT indicator, market, value, status FROM ${db}.observations "
                + "WHERE entity_code = '210200' AND year = 2010 ORDER BY indicator, market");
    // By hand from the article: $1.8 billion, +28.6%, $8.1 billion, +33.75%, 100,000 employees, 941
    // firms, 56 Fortune 500, Japan about 80% of the offshore market (so 0.8 x 1.8e9 = 1.44e9
    // derived), $4.7 million, and the prior-year levels the published rates imply are dated 2009,
    // not 2010.
    List<Row> expected =
        List.of(
            RowFactory.create("employees", "ALL", d("100000"), "A"),
            RowFactory.create("executed_value", "JP", d("1440000000"), "D"),
            RowFactory.create("executed_value", "OFFSHORE", d("1800000000"), "A"),
            RowFactory.create("executed_value_share", "JP", d("0.8"), "E"),
            RowFactory.create("executed_value_yoy", "OFFSHORE", d("0.286"), "A"),
            RowFactory.create("firms", "ALL", d("941"), "A"),
            RowFactory.create("fortune500_firms", "ALL", d("56"), "A"),
            RowFactory.create("funding", "ALL", d("4700000"), "A"),
            RowFactory.create("sales_revenue", "ALL", d("8100000000"), "A"),
            RowFactory.create("sales_revenue_yoy", "ALL", d("0.3375"), "A"));
    assertThat(actual.collectAsList()).containsExactlyInAnyOrderElementsOf(expected);

    // 1.8e9 / 1.286 = 1,399,688,958.009331 (to 6 places): the 2009 level the published growth
    // implies.
    Row prior =
        fixture
            .sql(
                "SELECT value, status FROM ${db}.observations WHERE entity_code = '210200' "
                    + "AND year = 2009 AND indicator = 'executed_value' AND market = 'OFFSHORE'")
            .first();
    assertThat(prior.getDecimal(0)).isEqualByComparingTo("1399688958.009331");
    assertThat(prior.getString(1)).isEqualTo("D");
  }

  @Test
  void everyRowReadIsAccountedForAndASecondRunChangesNoTable(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root)
            .copySample("dalian-2010-article.csv")
            .copySample("china-mofcom-national.csv");
    fixture.run();

    long dataLines = 0;
    for (Path file :
        List.of(
            fixture.landing.resolve("observations/dalian-2010-article.csv"),
            fixture.landing.resolve("observations/china-mofcom-national.csv"))) {
      dataLines +=
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                  .filter(l -> !l.isBlank())
                  .count()
              - 1;
    }
    Row normalize =
        fixture
            .sql(
                "SELECT rows_read, rows_accepted, rows_quarantined, rows_duplicate "
                    + "FROM ${db}.runs WHERE job = 'normalize'")
            .first();
    assertThat(normalize.getLong(0)).isEqualTo(dataLines);
    assertThat(normalize.getLong(1) + normalize.getLong(2) + normalize.getLong(3))
        .isEqualTo(dataLines);
    assertThat(fixture.sql("SELECT * FROM ${db}.raw_rows").count()).isEqualTo(dataLines);

    List<String> tables = List.of("raw_rows", "observations", "quarantine", "growth", "batches");
    long[] before = tables.stream().mapToLong(fixture::version).toArray();
    fixture.run();
    long[] after = tables.stream().mapToLong(fixture::version).toArray();
    assertThat(after).as("Delta versions of %s after a second run", tables).isEqualTo(before);
  }

  @Test
  void publishedNationalGrowthAgreesWithTheLevelsOnEveryConsistentPair(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture = new PipelineFixture(root).copySample("china-mofcom-national.csv");
    fixture.run();

    // MOFCOM offshore executed value, 亿美元 and USD bn mixed: 144.5 (2010), 238.3 (2011, +65.0%),
    // 336.4 (2012, +41.1%), 454.1 (2013, +35.0%). By hand: 238.3/144.5-1 = 64.91%, 336.4/238.3-1 =
    // 41.17%,
    // 454.1/336.4-1 = 34.99%: each within 0.1 percentage point of the published rate.
    List<Row> offshore =
        fixture
            .sql(
                "SELECT year, yoy, reported_yoy, yoy_check FROM ${db}.growth "
                    + "WHERE entity_code = '000000' AND indicator = 'executed_value' AND market = 'OFFSHORE' "
                    + "AND sector = 'ALL' AND period = 'FY' AND year BETWEEN 2011 AND 2013 ORDER BY year")
            .collectAsList();
    assertThat(offshore).hasSize(3);
    assertThat(offshore.get(0).getDouble(1)).isCloseTo(0.6491349481, within(1e-9));
    assertThat(offshore.get(1).getDouble(1)).isCloseTo(0.4116659673, within(1e-9));
    assertThat(offshore.get(2).getDouble(1)).isCloseTo(0.3498810939, within(1e-9));
    assertThat(offshore).extracting(row -> row.getString(3)).containsOnly("OK");

    // Every published rate whose base is a published level agrees with it.
    assertThat(
            fixture
                .sql(
                    "SELECT yoy_check FROM ${db}.growth WHERE reported_yoy IS NOT NULL "
                        + "AND prev_status IN ('A', 'P', 'E')")
                .collectAsList())
        .isNotEmpty()
        .extracting(row -> row.getString(0))
        .containsOnly("OK");
  }

  @Test
  void aLaterFileRevisesAFigureAndTheOldVintageStaysReachable(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root).copySample("dalian-2010-article.csv").afterRun();
    long firstVersion = fixture.version("observations");

    fixture.write(
        "observations",
        "dalian-revised.csv",
        "city,year,indicator,value,unit,source\n" + "大连市,2010年,从业人员,10.05,万人,revised bulletin\n",
        StandardCharsets.UTF_8);
    fixture.run();

    String employees =
        "SELECT value, source FROM ${db}.observations%s WHERE entity_code = '210200' "
            + "AND year = 2010 AND indicator = 'employees' AND status = 'A'";
    Row revised = fixture.sql(String.format(employees, "")).first();
    assertThat(revised.getDecimal(0)).isEqualByComparingTo("100500");
    assertThat(revised.getString(1)).isEqualTo("revised bulletin");
    Row original = fixture.sql(String.format(employees, " VERSION AS OF " + firstVersion)).first();
    assertThat(original.getDecimal(0)).isEqualByComparingTo("100000");
  }

  @Test
  void actualFiguresTakePrecedenceOverProvisionalOnesAndDerivedOnesOnlyFillGaps(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture = new PipelineFixture(root);
    fixture.write(
        "observations",
        "1-provisional.csv",
        "city,year,indicator,value,unit,status\n"
            + "Wuxi,2010,离岸执行金额,10,亿美元,P\n"
            + "Wuxi,2011,离岸执行金额,12,亿美元,A\n"
            + "Wuxi,2011,离岸执行金额同比增长,25,%,A\n",
        StandardCharsets.UTF_8);
    fixture.run();
    // 2011 against the provisional 2010 figure: 12 / 10 - 1 = 20%, the published 25% does not
    // agree.
    Row first =
        fixture
            .sql(
                "SELECT yoy, status, prev_status, yoy_check FROM ${db}.growth WHERE entity_code = "
                    + "'320200' AND indicator = 'executed_value' AND year = 2011")
            .first();
    assertThat(first.getDouble(0)).isCloseTo(0.20, within(1e-9));
    assertThat(first.getString(2)).isEqualTo("P");
    assertThat(first.getString(3)).isEqualTo("MISMATCH");

    fixture.write(
        "observations",
        "2-actual.csv",
        "city,year,indicator,value,unit,status\n" + "Wuxi,2010,离岸执行金额,9.6,亿美元,A\n",
        StandardCharsets.UTF_8);
    fixture.run();
    // The actual 2010 figure replaces the provisional one in growth: 12 / 9.6 - 1 = 25%, as
    // published.
    Row second =
        fixture
            .sql(
                "SELECT yoy, prev_value, prev_status, yoy_check FROM ${db}.growth WHERE entity_code = "
                    + "'320200' AND indicator = 'executed_value' AND year = 2011")
            .first();
    assertThat(second.getDouble(0)).isCloseTo(0.25, within(1e-9));
    assertThat(second.getDecimal(1)).isEqualByComparingTo("960000000");
    assertThat(second.getString(2)).isEqualTo("A");
    assertThat(second.getString(3)).isEqualTo("OK");
    // Both vintages of 2010 stay in observations, each under its status; no derived 2010 figure was
    // made, since a published one covers the year.
    assertThat(
            fixture
                .sql(
                    "SELECT status FROM ${db}.observations WHERE entity_code = '320200' AND year = 2010 "
                        + "AND indicator = 'executed_value' ORDER BY status")
                .collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("A", "P");
  }

  @Test
  void daliansJapaneseMarketAndItsJobsPlanGiveTheHandComputedConcentrationAndGrowth(
      @TempDir Path root) throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root).copySample("dalian-2010-article.csv").afterRun();

    // About 80% from Japan: 80² = 6,400 with the other 20% fragmented, 6,400 + 20² = 6,800 as one
    // member.
    Row market =
        fixture
            .sql(
                "SELECT hhi_lower, hhi_upper, other_share, band_2023, band_2010, top_member, n_members "
                    + "FROM ${db}.concentration WHERE scope_code = '210200' AND dimension = 'market' AND year = 2010")
            .first();
    assertThat(market.getDouble(0)).isCloseTo(6400, within(1e-6));
    assertThat(market.getDouble(1)).isCloseTo(6800, within(1e-6));
    assertThat(market.getDouble(2)).isCloseTo(0.2, within(1e-9));
    assertThat(market.getString(3)).isEqualTo("highly");
    assertThat(market.getString(4)).isEqualTo("highly");
    assertThat(market.getString(5)).isEqualTo("JP");
    assertThat(market.getInt(6)).isEqualTo(1);

    // 200,000 jobs in 2015 from 100,000 in 2010: 2^(1/5) - 1 = 0.14870.
    Row jobs =
        fixture
            .sql(
                "SELECT base_year, base_value, required_cagr, on_track FROM ${db}.targets "
                    + "WHERE entity_code = '210200' AND indicator = 'employees' AND target_year = 2015")
            .first();
    assertThat(jobs.getInt(0)).isEqualTo(2010);
    assertThat(jobs.getDecimal(1)).isEqualByComparingTo("100000");
    assertThat(jobs.getDouble(2)).isCloseTo(0.1487, within(5e-5));
    assertThat(jobs.isNullAt(3)).as("no actual after 2010 yet").isTrue();
  }
}
