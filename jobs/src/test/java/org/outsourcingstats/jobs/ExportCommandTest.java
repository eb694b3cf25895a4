package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.outsourcingstats.jobs.Cli.execute;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.outsourcingstats.jobs.export.ExportFormat;

@ExtendWith(SharedSpark.class)
class ExportCommandTest {
  @TempDir static Path root;
  private static PipelineFixture fixture;

  /**
   * A table written in two commits, neither in sorted order, with the values an export can lose: a
   * DECIMAL(38,6) with all 38 digits, the seed's $1.8 billion, doubles Java prints with an
   * exponent, a timestamp with microseconds, text with a comma, quotes and a line break, an empty
   * string beside NULL, and a map.
   */
  @BeforeAll
  static void createTable() throws IOException {
    fixture = new PipelineFixture(root);
    fixture.sql("CREATE DATABASE ${db} LOCATION '" + fixture.warehouse.resolve("db") + "'");
    fixture.sql(
        "CREATE TABLE ${db}.figures (name STRING, amount DECIMAL(38,6), ratio DOUBLE, seen TIMESTAMP, "
            + "note STRING, tags MAP<STRING, STRING>) USING delta");
    fixture.sql(
        "INSERT INTO ${db}.figures VALUES "
            + "('Many digits', 12345678901234567890123456789012.123456, 1.0E10, NULL, '', NULL), "
            + "('Dalian', 1800000000.000000, 0.286, TIMESTAMP '2010-12-31 00:00:00', 'export revenue, \"software\"', "
            + "map('source', 'Outsource Portfolio'))");
    fixture.sql(
        "INSERT INTO ${db}.figures VALUES "
            + "('Dalian', -2.5, NULL, NULL, 'line\\nbreak', NULL), "
            + "('Beijing', 0.000001, 1.0E-5, TIMESTAMP '2013-07-22 08:30:00.123456', NULL, NULL)");
  }

  private static Cli.Outcome export(Path out, String... args) {
    String[] all =
        Stream.concat(Stream.of("export", "--out", out.toString()), Stream.of(args))
            .toArray(String[]::new);
    return execute(fixture, all);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void csvHasTheTablesColumnsRowsSortedByEveryColumnAndExactValues(@TempDir Path out)
      throws IOException {
    Cli.Outcome outcome = export(out, "--table", "figures");

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("figures.csv (4 rows of " + fixture.database + ".figures)");
    // By hand: sorted by name, then amount; DECIMAL at its scale, doubles spelled out, NULL empty,
    // "" quoted.
    assertThat(read(out.resolve("figures.csv")))
        .isEqualTo(
            """
        name,amount,ratio,seen,note,tags
        Beijing,0.000001,0.00001,2013-07-22T08:30:00.123456Z,,
        Dalian,-2.500000,,,"line
        break",
        Dalian,1800000000.000000,0.286,2010-12-31T00:00:00Z,"export revenue, ""software\"\"\",\
        "{""source"":""Outsource Portfolio""}"
        Many digits,12345678901234567890123456789012.123456,10000000000,,"",
        """);
    assertThat(out)
        .isDirectoryContaining(path -> path.getFileName().toString().equals("figures.csv"))
        .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("."));
  }

  @Test
  void jsonLinesKeepTheDecimalDigitsAndNullKeys(@TempDir Path out) throws IOException {
    Cli.Outcome outcome = export(out, "--table", "figures", "--format", "json");

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(read(out.resolve("figures.jsonl")))
        .isEqualTo(
            """
        {"name":"Beijing","amount":0.000001,"ratio":0.00001,"seen":"2013-07-22T08:30:00.123456Z","note":null,\
        "tags":null}
        {"name":"Dalian","amount":-2.500000,"ratio":null,"seen":null,"note":"line\\nbreak","tags":null}
        {"name":"Dalian","amount":1800000000.000000,"ratio":0.286,"seen":"2010-12-31T00:00:00Z",\
        "note":"export revenue, \\"software\\"","tags":{"source":"Outsource Portfolio"}}
        {"name":"Many digits","amount":12345678901234567890123456789012.123456,"ratio":10000000000,"seen":null,\
        "note":"","tags":null}
        """);
  }

  @Test
  void parquetKeepsDecimalTypesAndSortedRows(@TempDir Path out) {
    Cli.Outcome outcome = export(out, "--table", "figures", "--format", "parquet");

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(out)
        .isDirectoryContaining(path -> path.getFileName().toString().equals("figures.parquet"))
        .isDirectoryNotContaining(path -> !path.getFileName().toString().equals("figures.parquet"));
    Dataset<Row> back =
        SharedSpark.spark().read().parquet(out.resolve("figures.parquet").toString());
    assertThat(back.schema().apply("amount").dataType().simpleString()).isEqualTo("decimal(38,6)");
    List<Row> rows = back.collectAsList();
    assertThat(rows)
        .extracting(row -> row.getString(0))
        .containsExactly("Beijing", "Dalian", "Dalian", "Many digits");
    assertThat(rows)
        .extracting(row -> row.getDecimal(1))
        .containsExactly(
            new BigDecimal("0.000001"),
            new BigDecimal("-2.500000"),
            new BigDecimal("1800000000.000000"),
            new BigDecimal("12345678901234567890123456789012.123456"));
    assertThat(rows.get(0).getTimestamp(3))
        .isEqualTo(Timestamp.from(Instant.parse("2013-07-22T08:30:00.123456Z")));
    assertThat(rows.get(3).getDouble(2)).isEqualTo(1.0E10);
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void twoExportsOfTheSameDataAreByteIdentical(ExportFormat format, @TempDir Path out)
      throws IOException {
    String file = "figures." + format.extension();
    assertThat(export(out.resolve("first"), "--table", "figures", "--format", format.name()).exit())
        .isZero();
    assertThat(
            export(out.resolve("second"), "--table", "figures", "--format", format.name()).exit())
        .isZero();

    assertThat(Files.size(out.resolve("first").resolve(file))).isPositive();
    assertThat(
            Files.mismatch(out.resolve("first").resolve(file), out.resolve("second").resolve(file)))
        .as("first differing byte")
        .isEqualTo(-1L);
  }

  @Test
  void aQueryKeepsItsColumnOrderAndIsSortedByItsColumns(@TempDir Path out) throws IOException {
    Cli.Outcome outcome =
        export(
            out,
            "--query",
            "SELECT note, name FROM figures WHERE amount > 0 ORDER BY name",
            "--name",
            "positive");

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    // The file's order is the columns' (note first, NULL before ""), not the query's ORDER BY.
    assertThat(read(out.resolve("positive.csv")))
        .isEqualTo(
            """
        note,name
        ,Beijing
        "",Many digits
        "export revenue, ""software\"\"\",Dalian
        """);
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void anEmptyResultStillWritesItsFile(ExportFormat format, @TempDir Path out) {
    Cli.Outcome outcome =
        export(
            out,
            "--query",
            "SELECT name, amount FROM figures WHERE amount > 1e40",
            "--name",
            "nothing",
            "--format",
            format.name().toLowerCase());

    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("(0 rows of query)");
    assertThat(out.resolve("nothing." + format.extension())).exists();
  }

  @Test
  void anExistingFileIsReplacedOnlyWithOverwriteAndOtherFilesAreLeftAlone(@TempDir Path out)
      throws IOException {
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("figures.csv"), "stale");

    Cli.Outcome refused = export(out, "--table", "figures");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("error: The export target")
        .contains("figures.csv")
        .contains("already exists")
        .contains("--overwrite");
    assertThat(read(out.resolve("figures.csv"))).isEqualTo("stale");

    Cli.Outcome replaced = export(out, "--table", "figures", "--overwrite");
    assertThat(replaced.exit()).as(replaced.err()).isZero();
    assertThat(read(out.resolve("figures.csv"))).startsWith("name,amount,");
    assertThat(read(out.resolve("notes.txt"))).isEqualTo("mine");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("figures.csv", "notes.txt");
    }
  }

  @Test
  void badRequestsFailWithOneClearMessage(@TempDir Path out) {
    Cli.Outcome unknown = export(out, "--table", "nothing_here");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("error: Table " + fixture.database + ".nothing_here does not exist")
        .contains("holds: figures");

    Cli.Outcome injected = export(out, "--table", "figures; DROP TABLE figures");
    assertThat(injected.exit()).isEqualTo(1);
    assertThat(injected.err()).contains("is not a table name");

    Cli.Outcome both = export(out, "--table", "figures", "--query", "SELECT 1");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    Cli.Outcome neither = export(out);
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err())
        .contains("Missing required argument")
        .contains("--table")
        .contains("--query");

    Cli.Outcome repeatedColumn = export(out, "--query", "SELECT name, amount AS NAME FROM figures");
    assertThat(repeatedColumn.exit()).isEqualTo(1);
    assertThat(repeatedColumn.err()).contains("more than one column named name");

    Cli.Outcome pathAsName = export(out, "--query", "SELECT 1 AS one", "--name", "../elsewhere");
    assertThat(pathAsName.exit()).isEqualTo(2);
    assertThat(pathAsName.err()).contains("--name must be a plain name");

    Cli.Outcome oneNameForTwo =
        export(out, "--table", "figures", "--table", "other", "--name", "both");
    assertThat(oneNameForTwo.exit()).isEqualTo(2);
    assertThat(oneNameForTwo.err())
        .contains("with several --table each file is named after its table");

    Cli.Outcome badFormat = export(out, "--table", "figures", "--format", "xlsx");
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err()).contains("--format");

    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).as("nothing written by a failed export").isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
