package org.outsourcingstats.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.generate.SyntheticRegister.CurrencyTotals;
import org.outsourcingstats.jobs.generate.SyntheticRegister.GeneratedFile;
import org.outsourcingstats.jobs.generate.SyntheticRegister.Summary;

class SyntheticRegisterTest {
  private static final String CONTRACTS_HEADER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency";
  private static final String FIRMS_HEADER =
      "firm_id,firm_name,city,year,sector,revenue,unit,employees,fortune500";
  private static final Set<String> MARKETS =
      Set.of("CN", "JP", "US", "EU", "HK", "KR", "SG", "TW", "GB", "DE", "IN", "AU");
  private static final Set<String> SECTORS = Set.of("ITO", "BPO", "KPO");

  /** Every way a city is written, to its code. */
  private static final Map<String, String> CITY_CODES = cityCodes();

  /** 25,000 rows in files of 10,000: three files, the last one partly filled. */
  private static SyntheticRegister.Builder small() {
    return SyntheticRegister.builder()
        .rows(25_000)
        .rowsPerFile(10_000)
        .firms(500)
        .years(2016, 2023);
  }

  @Test
  void theSameSettingsWriteByteIdenticalFiles(@TempDir Path first, @TempDir Path second)
      throws IOException {
    small().build().writeTo(first);
    small().build().writeTo(second);

    Map<Path, byte[]> firstFiles = contents(first);
    Map<Path, byte[]> secondFiles = contents(second);
    assertThat(firstFiles).hasSize(4);
    assertThat(secondFiles.keySet()).isEqualTo(firstFiles.keySet());
    firstFiles.forEach(
        (file, bytes) -> assertThat(secondFiles.get(file)).as(file.toString()).isEqualTo(bytes));
  }

  @Test
  void writingAgainIntoTheSameFolderGivesTheSameBytes(@TempDir Path landing) throws IOException {
    SyntheticRegister register = small().build();
    register.writeTo(landing);
    Map<Path, byte[]> before = contents(landing);
    register.writeTo(landing);

    Map<Path, byte[]> after = contents(landing);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
  }

  @Test
  void anotherSeedWritesOtherDataUnderItsOwnNames(@TempDir Path landing) throws IOException {
    Summary seed42 = small().seed(42).build().writeTo(landing);
    Summary seed43 = small().seed(43).build().writeTo(landing);

    assertThat(seed43.files())
        .extracting(file -> file.path().getFileName().toString())
        .containsExactly(
            "contracts-s43-part-00000.csv",
            "contracts-s43-part-00001.csv",
            "contracts-s43-part-00002.csv",
            "firms-s43.csv");
    for (int i = 0; i < seed42.files().size(); i++) {
      assertThat(Files.exists(seed42.files().get(i).path())).isTrue();
      assertThat(Files.readAllBytes(seed43.files().get(i).path()))
          .isNotEqualTo(Files.readAllBytes(seed42.files().get(i).path()));
    }
  }

  @Test
  void contractsAreSplitIntoFilesOfAtMostRowsPerFile(@TempDir Path landing) throws IOException {
    Summary summary = small().build().writeTo(landing);

    List<GeneratedFile> contracts = summary.files().subList(0, 3);
    assertThat(contracts)
        .extracting(GeneratedFile::path)
        .containsExactly(
            landing.resolve("contracts/contracts-s42-part-00000.csv"),
            landing.resolve("contracts/contracts-s42-part-00001.csv"),
            landing.resolve("contracts/contracts-s42-part-00002.csv"));
    assertThat(contracts).extracting(GeneratedFile::rows).containsExactly(10_000L, 10_000L, 5_000L);
    assertThat(contracts).extracting(GeneratedFile::shape).containsOnly("contracts");
    for (GeneratedFile file : summary.files()) {
      assertThat(dataLines(file.path())).as(file.path().toString()).hasSize((int) file.rows());
      assertThat(Files.size(file.path())).isEqualTo(file.bytes());
    }
    assertThat(summary.contractRows()).isEqualTo(25_000);
    assertThat(summary.files().get(3).path()).isEqualTo(landing.resolve("firms/firms-s42.csv"));
    assertThat(summary.bytesWritten())
        .isEqualTo(summary.files().stream().mapToLong(GeneratedFile::bytes).sum());
    try (Stream<Path> contractFolder = Files.list(landing.resolve("contracts"))) {
      assertThat(contractFolder).hasSize(3); // no temporary file left behind
    }
  }

  @Test
  void filesStartWithTheExactHeaderAndUsePlainUtf8LinesWithoutQuotes(@TempDir Path landing)
      throws IOException {
    Summary summary = small().build().writeTo(landing);

    for (GeneratedFile file : summary.files()) {
      byte[] bytes = Files.readAllBytes(file.path());
      String text = new String(bytes, StandardCharsets.UTF_8);
      String header = file.shape().equals("contracts") ? CONTRACTS_HEADER : FIRMS_HEADER;
      assertThat(text)
          .startsWith(header + "\n")
          .endsWith("\n")
          .doesNotContain("\r")
          .doesNotContain("\"");
      assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(text)).isTrue();
      assertThat(text.getBytes(StandardCharsets.UTF_8))
          .isEqualTo(bytes); // valid UTF-8, no BOM added
    }
  }

  @Test
  void everyContractRowIsWellFormed(@TempDir Path landing) throws IOException {
    Summary summary = small().years(2018, 2020).build().writeTo(landing);
    Set<String> firmIds =
        firmRows(landing).stream().map(fields -> fields[0]).collect(Collectors.toSet());

    Set<String> contractIds = new HashSet<>();
    long index = 0;
    for (String[] fields : contractRows(summary)) {
      index++;
      assertThat(fields).hasSize(9);
      assertThat(fields[0]).isEqualTo(String.format("C%010d", index));
      assertThat(contractIds.add(fields[0])).as("unique " + fields[0]).isTrue();
      assertThat(firmIds).contains(fields[1]);
      assertThat(CITY_CODES).containsKey(fields[2]);
      assertThat(LocalDate.parse(fields[3]).getYear()).isBetween(2018, 2020);
      assertThat(SECTORS).contains(fields[4]);
      assertThat(MARKETS).contains(fields[5]);
      assertThat(fields[6]).matches("\\d+\\.\\d\\d");
      assertThat(fields[7]).matches("\\d+\\.\\d\\d");
      assertThat(fields[8]).isIn("USD", "CNY");
      BigDecimal value = new BigDecimal(fields[6]);
      BigDecimal usd =
          fields[8].equals("CNY")
              ? value.divide(BigDecimal.valueOf(6.5), 2, RoundingMode.HALF_UP)
              : value;
      assertThat(usd).isBetween(new BigDecimal("1000.00"), new BigDecimal("50000000.00"));
      assertThat(new BigDecimal(fields[7])).isBetween(BigDecimal.ZERO, value);
    }
    assertThat(contractIds).hasSize(25_000);
  }

  @Test
  void summaryTotalsEqualTheSumsOfTheFiles(@TempDir Path landing) throws IOException {
    Summary summary = small().build().writeTo(landing);

    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Long> rowsByCurrency = new TreeMap<>();
    Map<String, Long> rowsByMarket = new TreeMap<>();
    for (String[] fields : contractRows(summary)) {
      BigDecimal[] sum =
          sums.computeIfAbsent(
              fields[8], currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(new BigDecimal(fields[6]));
      sum[1] = sum[1].add(new BigDecimal(fields[7]));
      rowsByCurrency.merge(fields[8], 1L, Long::sum);
      rowsByMarket.merge(fields[5], 1L, Long::sum);
    }

    assertThat(summary.currencyTotals()).containsOnlyKeys("USD", "CNY");
    sums.forEach(
        (currency, sum) ->
            assertThat(summary.currencyTotals().get(currency))
                .isEqualTo(new CurrencyTotals(rowsByCurrency.get(currency), sum[0], sum[1])));
    assertThat(new TreeMap<>(summary.contractRowsByClientMarket())).isEqualTo(rowsByMarket);
    assertThat(summary.contractRowsByClientMarket().keySet()).first().isEqualTo("CN");
  }

  @Test
  void firmRegisterHasOneRowPerFirmAndYearWithAStableCityAndSector(@TempDir Path landing)
      throws IOException {
    Summary summary =
        SyntheticRegister.builder().rows(10).firms(120).years(2019, 2023).build().writeTo(landing);

    List<String[]> rows = firmRows(landing);
    assertThat(summary.firmRows()).isEqualTo(600);
    assertThat(rows).hasSize(600);
    Map<String, List<String>> yearsByFirm = new HashMap<>();
    Map<String, Set<String>> citiesByFirm = new HashMap<>();
    Map<String, Set<String>> sectorsByFirm = new HashMap<>();
    for (String[] fields : rows) {
      assertThat(fields).hasSize(9);
      assertThat(fields[0]).matches("F\\d{6}");
      int number = Integer.parseInt(fields[0].substring(1));
      assertThat(fields[1])
          .endsWith(Integer.toString(number))
          .matches(number % 2 == 1 ? "[A-Za-z' ]+ Co\\. \\d+" : "\\p{IsHan}+有限公司\\d+");
      assertThat(CITY_CODES).containsKey(fields[2]);
      assertThat(SECTORS).contains(fields[4]);
      assertThat(fields[5]).matches("\\d+\\.\\d\\d");
      assertThat(new BigDecimal(fields[5])).isPositive();
      assertThat(fields[6]).isIn("万美元", "万元");
      assertThat(Long.parseLong(fields[7])).isPositive();
      assertThat(fields[8]).isIn("Y", "N");
      yearsByFirm.computeIfAbsent(fields[0], id -> new ArrayList<>()).add(fields[3]);
      citiesByFirm.computeIfAbsent(fields[0], id -> new HashSet<>()).add(CITY_CODES.get(fields[2]));
      sectorsByFirm.computeIfAbsent(fields[0], id -> new HashSet<>()).add(fields[4]);
    }
    assertThat(yearsByFirm)
        .hasSize(120)
        .allSatisfy(
            (firm, years) ->
                assertThat(years).containsExactly("2019", "2020", "2021", "2022", "2023"));
    assertThat(citiesByFirm.values()).allSatisfy(cities -> assertThat(cities).hasSize(1));
    assertThat(sectorsByFirm.values()).allSatisfy(sectors -> assertThat(sectors).hasSize(1));
  }

  @Test
  void aSmallerRunIsTheBeginningOfALargerOneWithTheSameFirms(
      @TempDir Path smaller, @TempDir Path larger) throws IOException {
    Summary few = small().rows(4_000).rowsPerFile(3_000).build().writeTo(smaller);
    Summary many = small().build().writeTo(larger);

    List<String> fewLines =
        contractRows(few).stream().map(fields -> String.join(",", fields)).toList();
    List<String> manyLines =
        contractRows(many).stream().map(fields -> String.join(",", fields)).toList();
    assertThat(manyLines.subList(0, fewLines.size())).isEqualTo(fewLines);
    assertThat(Files.readAllBytes(smaller.resolve("firms/firms-s42.csv")))
        .isEqualTo(Files.readAllBytes(larger.resolve("firms/firms-s42.csv")));
  }

  @Test
  void contentFollowsTheAdvertisedMix(@TempDir Path landing) throws IOException {
    Summary summary = small().firms(2_000).build().writeTo(landing);
    List<String[]> rows = contractRows(summary);

    assertThat(share(rows, fields -> fields[5].equals("CN"))).isCloseTo(0.35, within(0.02));
    assertThat(share(rows, fields -> fields[8].equals("USD"))).isCloseTo(0.60, within(0.02));
    assertThat(share(rows, fields -> fields[4].equals("ITO"))).isCloseTo(0.55, within(0.02));
    assertThat(share(rows, fields -> fields[4].equals("BPO"))).isCloseTo(0.15, within(0.02));
    assertThat(share(rows, fields -> fields[2].matches("[A-Za-z' ]+")))
        .isCloseTo(0.80, within(0.02));
    List<String[]> dalianOffshore =
        rows.stream()
            .filter(fields -> CITY_CODES.get(fields[2]).equals("210200") && !fields[5].equals("CN"))
            .toList();
    List<String[]> otherOffshore =
        rows.stream()
            .filter(
                fields -> !CITY_CODES.get(fields[2]).equals("210200") && !fields[5].equals("CN"))
            .toList();
    assertThat(dalianOffshore).hasSizeGreaterThan(500);
    assertThat(share(dalianOffshore, fields -> fields[5].equals("JP")))
        .isCloseTo(0.70, within(0.05));
    assertThat(share(otherOffshore, fields -> fields[5].equals("JP")))
        .isCloseTo(0.22, within(0.03));
    Map<Integer, Long> byYear =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    fields -> LocalDate.parse(fields[3]).getYear(), Collectors.counting()));
    assertThat(byYear.get(2023)).isGreaterThan(byYear.get(2016)); // the market grows
  }

  @Test
  void aSmallerRerunRemovesThePartsLeftByALargerRunOfTheSameSeedOnly(@TempDir Path landing)
      throws IOException {
    small().build().writeTo(landing);
    small().seed(7).build().writeTo(landing);
    small().rows(500).build().writeTo(landing);

    try (Stream<Path> files = Files.list(landing.resolve("contracts"))) {
      assertThat(files.map(file -> file.getFileName().toString()).sorted())
          .containsExactly(
              "contracts-s42-part-00000.csv",
              "contracts-s7-part-00000.csv",
              "contracts-s7-part-00001.csv",
              "contracts-s7-part-00002.csv");
    }
  }

  @Test
  void zeroRowsWriteAContractsFileWithTheHeaderOnly(@TempDir Path landing) throws IOException {
    Summary summary =
        SyntheticRegister.builder().rows(0).firms(3).years(2020, 2020).build().writeTo(landing);

    assertThat(summary.files()).extracting(GeneratedFile::rows).containsExactly(0L, 3L);
    assertThat(Files.readString(landing.resolve("contracts/contracts-s42-part-00000.csv")))
        .isEqualTo(CONTRACTS_HEADER + "\n");
    assertThat(summary.currencyTotals()).isEmpty();
    assertThat(summary.contractRowsByClientMarket()).isEmpty();
  }

  @Test
  void invalidSettingsAreRejectedWithWhatToChange() {
    assertThatThrownBy(() -> SyntheticRegister.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows(n)");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows must be 0 or more, not -1");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(1).firms(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firms must be between 1 and");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(1).years(2023, 2016).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give the earlier year first");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(1).years(1850, 2016).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1900 and 2100");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(1).rowsPerFile(1_000_001).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rowsPerFile must be between 1 and");
    assertThatThrownBy(() -> SyntheticRegister.builder().rows(200_001).rowsPerFile(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("raise rowsPerFile");
    assertThatThrownBy(
            () -> SyntheticRegister.builder().rows(SyntheticRegister.MAX_ROWS + 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ten digits");
  }

  @Test
  void aLandingThatIsAFileIsRejected(@TempDir Path root) throws IOException {
    Path file = Files.writeString(root.resolve("landing"), "");

    assertThatThrownBy(() -> small().build().writeTo(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a file, not a folder");
  }

  /**
   * Measures a large run: {@code mvn -o test -pl jobs -Dtest=SyntheticRegisterTest
   * -Dgenerate.benchmark.rows=10000000} (optionally {@code -Dgenerate.benchmark.dir=DIR} to keep
   * the files).
   */
  @Test
  @EnabledIfSystemProperty(named = "generate.benchmark.rows", matches = "\\d+")
  void benchmark(@TempDir Path temporary) throws IOException {
    long rows = Long.parseLong(System.getProperty("generate.benchmark.rows"));
    Path landing = Path.of(System.getProperty("generate.benchmark.dir", temporary.toString()));
    long started = System.nanoTime();
    Summary summary = SyntheticRegister.builder().rows(rows).build().writeTo(landing);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "benchmark: %,d contract rows in %d files, %,d bytes in %.2f s (%,.0f rows/s)%n",
        summary.contractRows(),
        summary.files().size() - 1,
        summary.bytesWritten(),
        seconds,
        rows / seconds);
    assertThat(summary.contractRows()).isEqualTo(rows);
  }

  private static Map<String, String> cityCodes() {
    Map<String, String> codes = new HashMap<>();
    for (ModelCity city : ModelCity.ALL) {
      codes.put(city.nameEn(), city.code());
      codes.put(city.code(), city.code());
      codes.put(city.nameZh(), city.code());
    }
    return codes;
  }

  private static double share(List<String[]> rows, Predicate<String[]> test) {
    return rows.stream().filter(test).count() / (double) rows.size();
  }

  /** Every file under the landing folder by its relative path, with its bytes. */
  private static Map<Path, byte[]> contents(Path landing) throws IOException {
    Map<Path, byte[]> contents = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(landing)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        contents.put(landing.relativize(file), Files.readAllBytes(file));
      }
    }
    return contents;
  }

  private static List<String> dataLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size());
  }

  private static List<String[]> contractRows(Summary summary) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (GeneratedFile file : summary.files()) {
      if (file.shape().equals("contracts")) {
        dataLines(file.path()).forEach(line -> rows.add(line.split(",", -1)));
      }
    }
    return rows;
  }

  private static List<String[]> firmRows(Path landing) throws IOException {
    return dataLines(landing.resolve("firms/firms-s42.csv")).stream()
        .map(line -> line.split(",", -1))
        .toList();
  }
}
