package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.outsourcingstats.jobs.Cli.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.report.ReportJob;

@ExtendWith(SharedSpark.class)
class PipelineCliTest {
  @Test
  void theWholeSampleRunsAndSqlPrintsPlainCsv(@TempDir Path root) throws IOException {
    PipelineFixture fixture = new PipelineFixture(root);
    try (Stream<Path> files = Files.list(PipelineFixture.sample().resolve("observations"))) {
      for (Path file : files.toList()) {
        fixture.copySample(file.getFileName().toString());
      }
    }
    Cli.Outcome run = execute(fixture, "run");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("reconciled").doesNotContain("NOT RECONCILED");
    // run ends by writing the HTML report, by default into <warehouse>/report.
    Path report = fixture.warehouse.resolve("report").resolve(ReportJob.FILE_NAME);
    assertThat(run.out()).contains("Report written to " + report);
    assertThat(Files.readString(report)).contains("<h3>Dalian, 2010</h3>");
    summaryShowsTheFirstPublishedRatesOfHowManyWithTheSeedsAmongThem(fixture, run.out());

    Cli.Outcome sql =
        execute(
            fixture,
            "sql",
            "--format",
            "csv",
            "SELECT indicator, market, value FROM "
                + fixture.database
                + ".observations WHERE entity_code='210200' AND year=2010 AND status = 'A' "
                + "ORDER BY indicator, market");
    assertThat(sql.exit()).as(sql.err()).isZero();
    // The done-when figures of the walking skeleton, by hand from the article.
    assertThat(sql.out().lines())
        .startsWith("indicator,market,value")
        .contains(
            "executed_value,OFFSHORE,1800000000.000000",
            "sales_revenue,ALL,8100000000.000000",
            "employees,ALL,100000.000000",
            "firms,ALL,941.000000",
            "fortune500_firms,ALL,56.000000");

    // The seed's +28.6% against the 2009 software exports published in Chinese (14亿美元, estimate):
    // 1.8 / 1.4 - 1 = 28.57%, within 0.1 percentage point.
    Cli.Outcome growth =
        execute(
            fixture,
            "sql",
            "--format",
            "csv",
            "SELECT round(yoy, 6), yoy_check FROM "
                + fixture.database
                + ".growth WHERE entity_code='210200' AND indicator='executed_value' "
                + "AND market='OFFSHORE' AND year=2010");
    assertThat(growth.out().lines()).contains("0.285714,OK");

    Cli.Outcome maintain = execute(fixture, "maintain");
    assertThat(maintain.exit()).as(maintain.err()).isZero();
    assertThat(
            fixture
                .sql("SELECT count(*) FROM ${db}.observations VERSION AS OF 1")
                .first()
                .getLong(0))
        .as("time travel within the retention still works after VACUUM")
        .isPositive();

    Cli.Outcome status = execute(fixture, "status");
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains(fixture.database + ".observations");
  }

  /**
   * The run summary's growth check holds 40 rows; the sample has more published rates, counted here
   * by a query of the table, not taken from the summary.
   */
  private static void summaryShowsTheFirstPublishedRatesOfHowManyWithTheSeedsAmongThem(
      PipelineFixture fixture, String summary) {
    long published =
        fixture
            .sql("SELECT count(*) FROM ${db}.growth WHERE reported_yoy IS NOT NULL")
            .first()
            .getLong(0);
    assertThat(published).as("published rates, more than the summary shows").isGreaterThan(40);
    String growthCheck = summary.substring(summary.indexOf("Published growth checked"));
    Matcher footer =
        Pattern.compile("(?m)^40 of (\\d+) rows; all of them: scripts/pipeline sql \"(.+)\"$")
            .matcher(growthCheck);
    assertThat(footer.find()).as(growthCheck).isTrue();
    assertThat(Long.parseLong(footer.group(1))).isEqualTo(published);
    Cli.Outcome all = execute(fixture, "sql", "--format", "csv", footer.group(2));
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out().lines().count()).as("header and every rate").isEqualTo(published + 1);

    List<String[]> rows =
        growthCheck
            .lines()
            .filter(line -> line.startsWith("| ") && !line.startsWith("| entity_name "))
            .map(line -> Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new))
            .toList();
    assertThat(rows).hasSize(40);
    // Every rate the levels could check before those they could not (none contradicts them here).
    assertThat(rows.stream().map(row -> row[10]).toList())
        .isSortedAccordingTo(Comparator.comparing(List.of("MISMATCH", "OK", "NA")::indexOf));
    // The seed's two rates, which the nation's long series no longer push out: export revenue
    // +28.6% (checked) and sales +33.75% (not: its base was derived from it).
    assertThat(rows)
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("", "Dalian", "executed_value", "OFFSHORE", "ALL", "FY", "2010")
                    .contains("28.6", "OK"))
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("", "Dalian", "sales_revenue", "ALL", "ALL", "FY", "2010")
                    .contains("33.75"));
  }

  @Test
  void failuresPrintOneClearMessageAndExitNonZero(@TempDir Path root) throws IOException {
    PipelineFixture fixture = new PipelineFixture(root);
    Cli.Outcome missing =
        execute(fixture, "sql", "SELECT * FROM " + fixture.database + ".nothing_here");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: The query failed");

    Cli.Outcome noLanding =
        execute(
            null,
            "run",
            "--landing",
            root.resolve("absent").toString(),
            "--warehouse",
            root.resolve("wh").toString(),
            "--set",
            "pipeline.database=" + fixture.database);
    assertThat(noLanding.exit()).isEqualTo(1);
    assertThat(noLanding.err()).contains("landing folder").contains("absent");

    Cli.Outcome badDatabase = execute(null, "status", "--set", "pipeline.database=drop table;");
    assertThat(badDatabase.exit()).isEqualTo(1);
    assertThat(badDatabase.err()).contains("not a SQL identifier");

    Cli.Outcome unsafe = execute(null, "maintain", "--retain-hours", "1");
    assertThat(unsafe.exit()).isEqualTo(1);
    assertThat(unsafe.err()).contains("safety window").contains("--allow-unsafe-retention");

    assertThat(execute(null, "frobnicate").exit()).isEqualTo(2);
    Cli.Outcome help = execute(null, "run", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("--landing")
        .contains("--warehouse")
        .contains("--master")
        .contains("--config-file");

    // A Spark setting after the command is not taken for a configuration file.
    Cli.Outcome sparkSetting = execute(null, "status", "--conf", "spark.sql.shuffle.partitions=3");
    assertThat(sparkSetting.exit()).isEqualTo(2);
    assertThat(sparkSetting.err())
        .contains("names no configuration file")
        .contains("--set pipeline.spark.\"spark.sql.shuffle.partitions\"=3");
  }

  @Test
  void sqlAndExportRefuseStatementsThatWriteBeforeRunningThem(@TempDir Path root)
      throws IOException {
    // A copy of a warehouse after a run over the article (the CLI's own run is tested by
    // theWholeSampleRunsAndSqlPrintsPlainCsv).
    PipelineFixture fixture =
        new PipelineFixture(root).copySample("dalian-2010-article.csv").afterRun();
    long version = fixture.version("targets");

    Cli.Outcome export =
        execute(
            fixture,
            "export",
            "--query",
            "DROP TABLE " + fixture.database + ".targets",
            "--out",
            root.resolve("out").toString());
    assertThat(export.exit()).isNotZero();
    assertThat(export.err())
        .startsWith("error: 'export' runs queries only")
        .contains("(DropTable)")
        .contains("nothing was run");
    Cli.Outcome sql = execute(fixture, "sql", "DELETE FROM " + fixture.database + ".targets");
    assertThat(sql.err()).contains("(DeleteFromTable)").contains("sql --allow-writes");
    assertThat(fixture.version("targets")).as("the table is untouched").isEqualTo(version);
    assertThat(fixture.sql("SHOW TABLES IN ${db}").where("tableName = 'targets'").count()).isOne();

    Cli.Outcome allowed =
        execute(
            fixture,
            "sql",
            "--allow-writes",
            "DELETE FROM " + fixture.database + ".targets WHERE false");
    assertThat(allowed.exit()).as(allowed.err()).isZero();
  }

  @Test
  void unknownSettingsAndAWarehouseThatIsAFileAreOneLineErrors(@TempDir Path root)
      throws IOException {
    Cli.Outcome unknown = execute(null, "status", "--set", "pipeline.no-such-key=1");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err())
        .startsWith("error: Configuration 'pipeline.no-such-key' is not a setting");
    Path file = java.nio.file.Files.writeString(root.resolve("file"), "x");
    Cli.Outcome warehouse = execute(null, "status", "--warehouse", file.toString());
    assertThat(warehouse.err())
        .startsWith("error: The warehouse " + file + " is a file, not a folder.");
    assertThat(warehouse.err().lines().count()).isOne();
  }

  @Test
  void compareFindsEqualWarehousesEqualAndNamesTheTableThatDiffers(@TempDir Path root)
      throws IOException {
    PipelineFixture fixture =
        new PipelineFixture(root).copySample("dalian-2010-article.csv").afterRun();
    Path copy = root.resolve("copy");
    PipelineFixture.copyTree(fixture.warehouse, copy);

    Cli.Outcome same = execute(fixture, "compare", "--against", copy.toString());
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.out()).contains(fixture.database + ".observations").doesNotContain("false");

    fixture.sql(
        "DELETE FROM ${db}.observations WHERE entity_code = '210200' AND indicator = 'employees' "
            + "AND year = 2010 AND status = 'A'");
    Cli.Outcome different = execute(fixture, "compare", "--against", copy.toString());
    assertThat(different.exit()).isEqualTo(1);
    // The article gives Dalian's 2010 employees once: one row only in the copy, the rest equal.
    assertThat(different.out().lines().filter(line -> line.contains(".observations")))
        .singleElement()
        .satisfies(line -> assertThat(line.replaceAll("\\s+", " ")).contains("| 0 | 1 | false |"));
    assertThat(different.out().lines().filter(line -> line.contains("| false |"))).hasSize(1);
  }

  @Test
  void benchJobsRunThroughTheCliAndSayWhatIsMissing(@TempDir Path root) throws IOException {
    PipelineFixture fixture = new PipelineFixture(root);

    Cli.Outcome noJob = execute(null, "bench");
    assertThat(noJob.exit()).isEqualTo(2);
    assertThat(noJob.err()).contains("Missing job: name one of [floor, lean, noop]");

    Cli.Outcome noop = execute(fixture, "bench", "noop");
    assertThat(noop.exit()).as(noop.err()).isZero();
    assertThat(noop.out()).contains("noop: SELECT 1 returned 1");

    Path schema = PipelineFixture.sample().getParent().getParent().resolve("bench/contracts.ddl");
    Cli.Outcome noRegister = execute(fixture, "bench", "floor", "--schema", schema.toString());
    assertThat(noRegister.exit()).isEqualTo(1);
    assertThat(noRegister.err())
        .contains(
            "contracts register was not found",
            fixture.landing + "/contracts",
            "scripts/pipeline generate --rows N");

    Files.createDirectories(fixture.landing.resolve("contracts"));
    Cli.Outcome noSql =
        execute(fixture, "bench", "lean", "--schema", schema.toString(), "--sql", "absent.sql");
    assertThat(noSql.exit()).isEqualTo(1);
    assertThat(noSql.err())
        .contains("aggregation SQL was not found", "absent.sql", "run from the repository root");
  }
}
