package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * Hostile input, generated: numbers out of range, duplicate JSON keys, deep nesting, control
 * characters and NUL bytes, mixed encodings in one file, rows wider and fields and lines longer
 * than the ingest limits, links out of the landing folder and a FIFO. All of it lands in one folder
 * beside good rows and is run once: the run must finish, every case must be quarantined with its
 * exact reason code (by the file it came from), the good rows of the same files must be accepted,
 * and {@code read = accepted + quarantined + duplicate} must hold.
 */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialCorpusTest {
  private static final String OBSERVATIONS_HEADER = "city,year,indicator,value,unit\n";
  private static final String CONTRACTS_HEADER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency\n";
  private static final String FIRMS_HEADER =
      "firm_id,firm_name,city,year,sector,revenue,unit,employees,fortune500\n";

  /**
   * One file of the corpus.
   *
   * @param codes the reason codes its rows must be quarantined with, in line order (a whole-file
   *     code once)
   * @param accepted how many of its rows must be accepted
   */
  record Case(
      String name, String shape, String file, byte[] content, List<String> codes, int accepted) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The steps that land and validate; the gold steps have nothing to say about hostile input. */
  private static final List<Step> STEPS = List.of(Step.INGEST, Step.NORMALIZE);

  private final List<Case> cases = new ArrayList<>();
  private List<StepResult> results;
  private PipelineFixture fixture;
  private Path outside;

  @BeforeAll
  void landTheCorpusAndRunOnce(@TempDir Path root) throws IOException, InterruptedException {
    fixture = new PipelineFixture(root);
    outside =
        Files.writeString(
            root.resolve("secret.csv"), OBSERVATIONS_HEADER + "Dalian,2010,firms,941,家\n");
    cases.addAll(corpus());
    for (Case c : cases) {
      fixture.writeBytes(c.shape(), c.file(), c.content());
    }
    Path observations = fixture.landing.resolve("observations");
    Files.createSymbolicLink(observations.resolve("link-out.csv"), outside);
    Files.createSymbolicLink(
        observations.resolve("link-dangling.csv"), root.resolve("no-such-file.csv"));
    Files.createSymbolicLink(
        observations.resolve("zz-link-in.csv"), observations.resolve("numbers.csv"));
    boolean fifo =
        new ProcessBuilder("mkfifo", observations.resolve("fifo.csv").toString()).start().waitFor()
            == 0;
    assertThat(fifo).as("mkfifo").isTrue();

    results = new Pipeline(fixture.context()).run(STEPS);
  }

  private static List<Case> corpus() {
    List<Case> corpus = new ArrayList<>();
    corpus.add(
        bulletin(
            "the value 1e400, beyond a double",
            "e400.jsonl",
            "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":1e400,\"unit\":\"家\"}",
            "VALUE_OUT_OF_RANGE"));
    corpus.add(
        bulletin(
            "the value 1e308, a double but no figure",
            "e308.jsonl",
            "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":1e308,\"unit\":\"家\"}",
            "VALUE_OUT_OF_RANGE"));
    corpus.add(
        bulletin(
            "a key given twice",
            "duplicate-key.jsonl",
            "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":1,\"unit\":\"家\",\"city\":\"Shanghai\"}",
            "INVALID_JSON"));
    corpus.add(
        bulletin(
            "figures nested 10,000 deep",
            "deep.jsonl",
            "{\"city\":\"Dalian\",\"year\":2019,\"figures\":"
                + "[".repeat(10_000)
                + "]".repeat(10_000)
                + "}",
            "INVALID_JSON"));
    corpus.add(
        bulletin(
            "a number of 2,000 digits",
            "long-number.jsonl",
            "{\"city\":\"Dalian\",\"year\":2019,\"indicator\":\"firms\",\"value\":"
                + "9".repeat(2000)
                + ",\"unit\":\"家\"}",
            "INVALID_JSON"));
    corpus.add(
        new Case(
            "a line longer than max-line-chars",
            "bulletin",
            "long-line.jsonl",
            utf8(goodBulletin() + "\n{\"source\":\"" + "x".repeat(1_100_000) + "\"}\n"),
            List.of("LINE_TOO_LONG"),
            0));

    corpus.add(
        new Case(
            "numbers out of range and in exponent notation",
            "observations",
            "numbers.csv",
            utf8(
                OBSERVATIONS_HEADER
                    + "Dalian,2011,executed_value,1e308,USD\n"
                    + "Dalian,2012,executed_value,1.8e9,USD\n"
                    + "Dalian,2013,executed_value,1e-50,USD\n"
                    + "Dalian,2014,executed_value,100000000000,亿美元\n"
                    + "Dalian,2015,executed_value,1e99999999999,USD\n"
                    + "Dalian,2016,executed_value,NaN,USD\n"
                    + "Dalian,2017,executed_value,Infinity,USD\n"
                    + "Dalian,99999999999999999999,executed_value,1,USD\n"
                    + "Dalian,2018,executed_value,999999999999999999,USD\n"),
            List.of(
                "VALUE_OUT_OF_RANGE",
                "VALUE_OUT_OF_RANGE",
                "VALUE_OUT_OF_RANGE",
                "VALUE_OUT_OF_RANGE",
                "INVALID_VALUE",
                "INVALID_VALUE",
                "INVALID_YEAR"),
            2));
    corpus.add(
        new Case(
            "5,000 columns",
            "observations",
            "wide.csv",
            utf8(OBSERVATIONS_HEADER + "Dalian,2010,firms,941,家" + ",x".repeat(5000) + "\n"),
            List.of("TOO_MANY_COLUMNS"),
            0));
    corpus.add(
        new Case(
            "a field of 70,000 characters",
            "observations",
            "long-field.csv",
            utf8(OBSERVATIONS_HEADER + "Dalian,2010,firms,941,\"" + "家".repeat(70_000) + "\"\n"),
            List.of("FIELD_TOO_LONG"),
            0));
    corpus.add(
        new Case(
            "an unclosed quote running to the end of the file",
            "observations",
            "unclosed-quote.csv",
            utf8(
                OBSERVATIONS_HEADER
                    + "Dalian,2010,firms,\"941,家\n"
                    + "Dalian,2011,firms,1,家\n".repeat(4000)),
            List.of("FIELD_TOO_LONG"),
            0));
    corpus.add(
        new Case(
            "NUL bytes and control characters",
            "observations",
            "nul.csv",
            utf8(
                OBSERVATIONS_HEADER
                    + "Dal\u0000ian,2010,firms,941,家\nDalian,2011,firms,9\u0007,家\n"),
            List.of("UNDECODABLE_FILE"),
            0));
    corpus.add(
        new Case(
            "UTF-8 and GB18030 lines in one file",
            "observations",
            "mixed-encoding.csv",
            concat(
                utf8(OBSERVATIONS_HEADER + "大连,2010,firms,941,家\n"),
                "大连,2011,firms,1000,家\n".getBytes(Charset.forName("GB18030"))),
            List.of("UNDECODABLE_FILE"),
            0));
    corpus.add(
        new Case(
            "a header naming one column twice",
            "observations",
            "twice.csv",
            utf8("city,city,year,indicator,value,unit\nDalian,Shanghai,2010,firms,941,家\n"),
            List.of("DUPLICATE_COLUMN"),
            0));
    corpus.add(
        new Case(
            "two headers naming one column",
            "observations",
            "two-names.csv",
            utf8("city,城市,year,indicator,value,unit\nDalian,上海,2010,firms,941,家\n"),
            List.of("DUPLICATE_COLUMN"),
            0));
    corpus.add(
        bulletin(
            "two keys naming one column",
            "two-keys.jsonl",
            "{\"city\":\"Dalian\",\"城市\":\"上海\",\"year\":2019,\"indicator\":\"firms\",\"value\":1,\"unit\":\"家\"}",
            "DUPLICATE_COLUMN"));
    corpus.add(
        new Case(
            "a register header naming contract_id twice",
            "contracts",
            "contracts-twice.csv",
            utf8(
                CONTRACTS_HEADER.replace("firm_id,", "firm_id,contract_id,")
                    + "H1,F1,H9,Dalian,2010-03-01,ITO,JP,1,1,USD\n"),
            List.of("DUPLICATE_COLUMN"),
            0));
    corpus.add(
        new Case(
            "a 10^20 CNY figure in a yearbook",
            "yearbook",
            "yearbook-huge.csv",
            utf8("城市,年份,服务外包执行金额(万元),从业人员(人)\n大连,2010,10000000000000000,100000\n"),
            List.of("VALUE_OUT_OF_RANGE"),
            1));
    corpus.add(
        new Case(
            "a firm of 10^30 employees",
            "firms",
            "firms-huge.csv",
            utf8(
                FIRMS_HEADER
                    + "F1,Good,Dalian,2010,ITO,100,万美元,1200,N\nF2,Huge,Dalian,2010,ITO,100,万美元,1e30,N\n"),
            List.of("VALUE_OUT_OF_RANGE"),
            1));
    corpus.add(
        new Case(
            "contract values out of range",
            "contracts",
            "contracts-range.csv",
            utf8(
                CONTRACTS_HEADER
                    + "C1,F1,Dalian,2010-03-01,ITO,JP,1e400,10,USD\n"
                    + "C2,F1,Dalian,2010-03-02,ITO,JP,100,1e18,USD\n"
                    + "C3,F1,Dalian,2010-03-03,ITO,JP,1e17,5,USD\n"
                    + "C4,F1,Dalian,2010-03-04,ITO,JP,abc,5,USD\n"),
            List.of("VALUE_OUT_OF_RANGE", "VALUE_OUT_OF_RANGE", "INVALID_VALUE"),
            1));
    // The encoding of a register is detected from its first 64 KiB: the GB18030 line comes after
    // 1,500 UTF-8 lines.
    StringBuilder utf8Lines = new StringBuilder(CONTRACTS_HEADER);
    for (int i = 0; i < 1500; i++) {
      utf8Lines.append("E").append(i).append(",F1,大连,2012-03-01,ITO,US,100,10,USD\n");
    }
    corpus.add(
        new Case(
            "a register line in GB18030 after 64 KiB of UTF-8 lines",
            "contracts",
            "contracts-mixed.csv",
            concat(
                utf8(utf8Lines.toString()),
                concat(
                    "G1,F1,大连,2012-03-02,ITO,US,100,10,USD\n".getBytes(Charset.forName("GB18030")),
                    utf8("G2,F1,大连,2012-03-03,ITO,US,100,10,USD\n"))),
            List.of("UNDECODABLE_ROW"),
            1501));
    corpus.add(
        new Case(
            "a register line longer than max-line-chars",
            "contracts",
            "contracts-long-line.csv",
            utf8(
                CONTRACTS_HEADER
                    + "D1,F1,Dalian,2011-03-01,ITO,US,100,10,USD\n"
                    + "D2,F1,Dalian,2011-03-02,ITO,US,100,10,USD,"
                    + "x".repeat(1_100_000)
                    + "\n"
                    + "D3,F1,Dalian,2011-03-03,ITO,US,100,10,USD\n"),
            List.of("LINE_TOO_LONG"),
            2));
    return corpus;
  }

  private static int goodYear = 2000;

  /**
   * A good figure of a year of its own: good rows of different files must not be duplicates of each
   * other.
   */
  private static String goodBulletin() {
    goodYear++;
    return "{\"city\":\"Dalian\",\"year\":"
        + goodYear
        + ",\"indicator\":\"firms\",\"value\":1110,\"unit\":\"家\"}";
  }

  private static Case bulletin(String name, String file, String line, String code) {
    return new Case(
        name, "bulletin", file, utf8(goodBulletin() + "\n" + line + "\n"), List.of(code), 1);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  Stream<Case> cases() {
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseIsQuarantinedWithItsExactReasonAndItsGoodRowsAccepted(Case c) {
    String file = fixture.landing.resolve(c.shape()).resolve(c.file()).toString();
    List<String> codes =
        fixture
            .sql(
                "SELECT reason_code, reason FROM ${db}.quarantine WHERE source_file = '"
                    + file
                    + "' ORDER BY source_line")
            .collectAsList()
            .stream()
            .map(row -> row.getString(0))
            .toList();
    assertThat(codes).as("reasons: %s", reasons(file)).containsExactlyElementsOf(c.codes());
    String accepted =
        switch (c.shape()) {
          case "contracts" -> "contracts";
          case "firms" -> "firm_observations";
          default -> "observations";
        };
    assertThat(
            fixture
                .sql("SELECT * FROM ${db}." + accepted + " WHERE source_file = '" + file + "'")
                .count())
        .isEqualTo(c.accepted());
  }

  private List<Row> reasons(String file) {
    return fixture
        .sql(
            "SELECT source_line, reason_code, reason FROM ${db}.quarantine WHERE source_file = '"
                + file
                + "'")
        .collectAsList();
  }

  @Test
  void everyRowReadIsAccountedFor() {
    StepResult normalize = results.get(1);
    long expectedQuarantined =
        cases.stream().mapToLong(c -> c.codes().size()).sum() + 3; // two links, the FIFO
    long expectedAccepted = cases.stream().mapToLong(Case::accepted).sum();
    assertThat(normalize.reconciles()).isTrue();
    assertThat(normalize.rowsQuarantined()).isEqualTo(expectedQuarantined);
    assertThat(normalize.rowsAccepted())
        .as("yearbook: two figures of one row")
        .isEqualTo(expectedAccepted);
    assertThat(normalize.rowsDuplicate()).isZero();
    assertThat(normalize.heldBatches()).isEmpty();
  }

  @Test
  void linksOutOfTheLandingFolderAndAFifoAreRefusedUnread() {
    Path observations = fixture.landing.resolve("observations");
    List<Row> refused =
        fixture
            .sql(
                "SELECT source_file, reason FROM ${db}.quarantine WHERE reason_code = "
                    + "'REFUSED_FILE' ORDER BY source_file")
            .collectAsList();
    assertThat(refused)
        .extracting(row -> row.getString(0))
        .containsExactly(
            observations.resolve("fifo.csv").toString(),
            observations.resolve("link-dangling.csv").toString(),
            observations.resolve("link-out.csv").toString());
    assertThat(refused.get(2).getString(1)).contains("outside the landing folder");
    assertThat(
            fixture
                .sql(
                    "SELECT * FROM ${db}.raw_rows WHERE raw LIKE '%941%' AND source_file LIKE '%link-out%'")
                .count())
        .as("the file behind the link is never read")
        .isZero();
    assertThat(
            fixture
                .sql("SELECT * FROM ${db}.raw_rows WHERE source_file LIKE '%zz-link-in.csv'")
                .count())
        .as("a link inside the folder is read, and its file is landed once (same checksum)")
        .isZero();
  }

  @Test
  void aSecondRunChangesNothing() {
    List<String> tables = List.of("raw_rows", "observations", "quarantine", "contracts", "batches");
    long[] before = tables.stream().mapToLong(fixture::version).toArray();
    new Pipeline(fixture.context()).run(STEPS);
    assertThat(tables.stream().mapToLong(fixture::version).toArray()).isEqualTo(before);
  }
}
