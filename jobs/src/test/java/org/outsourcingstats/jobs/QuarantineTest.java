package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.run.StepResult;

@ExtendWith(SharedSpark.class)
class QuarantineTest {
  /** The committed example of hostile input, data/examples/hostile (see its README). */
  @Test
  void badRowsAreQuarantinedWithTheirReasonAndGoodRowsKept(@TempDir Path root) throws IOException {
    PipelineFixture fixture = new PipelineFixture(root).withTablesCreated();
    Path examples = PipelineFixture.sample().getParent().resolve("examples/hostile/observations");
    try (var files = Files.list(examples)) {
      for (Path file : files.toList()) {
        fixture.writeBytes("observations", file.getFileName().toString(), Files.readAllBytes(file));
      }
    }

    List<StepResult> results = fixture.run();

    Map<String, Long> reasons =
        fixture.sql("SELECT reason_code FROM ${db}.quarantine").collectAsList().stream()
            .collect(Collectors.groupingBy(row -> row.getString(0), Collectors.counting()));
    Map<String, Long> expected =
        Map.ofEntries(
            Map.entry("UNKNOWN_ENTITY", 1L),
            Map.entry("INVALID_YEAR", 1L),
            Map.entry("INVALID_VALUE", 1L),
            Map.entry("NEGATIVE_VALUE", 1L),
            Map.entry("UNKNOWN_UNIT", 1L),
            Map.entry("UNKNOWN_INDICATOR", 1L),
            Map.entry("FIELD_COUNT", 1L),
            Map.entry("CONFLICTING_DUPLICATE", 2L),
            Map.entry("FUTURE_ACTUAL", 1L),
            Map.entry("UNDECODABLE_FILE", 1L));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(expected);

    List<Row> kept =
        fixture
            .sql(
                "SELECT year, indicator, value, source FROM ${db}.observations "
                    + "WHERE status = 'A' ORDER BY year, indicator")
            .collectAsList();
    assertThat(kept)
        .extracting(row -> row.getString(3))
        .containsExactly(
            "good simplified", "good traditional", "bureau,\nbulletin 3", "same figure twice");
    assertThat(kept.get(0).getDecimal(2)).isEqualByComparingTo("100000");
    assertThat(kept.get(2).getDecimal(2))
        .as("quoted fields with a comma and a line break, BOM and CRLF")
        .isEqualByComparingTo("110000");

    StepResult normalize = results.get(1);
    // 14 data rows of the GB18030 file + 1 of the BOM file + 1 row standing for the random file.
    assertThat(normalize.rowsRead()).isEqualTo(16);
    assertThat(normalize.rowsAccepted()).isEqualTo(4);
    assertThat(normalize.rowsQuarantined()).isEqualTo(11);
    assertThat(normalize.rowsDuplicate()).isEqualTo(1);
    assertThat(normalize.reconciles()).isTrue();
    assertThat(normalize.quarantinedByReason()).isEqualTo(expected);

    Row line =
        fixture
            .sql(
                "SELECT source_line, raw FROM ${db}.quarantine WHERE reason_code = 'UNKNOWN_ENTITY'")
            .first();
    assertThat(line.getLong(0)).as("line in the file, header = 1").isEqualTo(4);
    assertThat(line.getString(1)).startsWith("亚特兰蒂斯,2010年");

    List<String> tables = List.of("raw_rows", "observations", "quarantine", "growth", "batches");
    long[] before = tables.stream().mapToLong(fixture::version).toArray();
    fixture.run();
    assertThat(tables.stream().mapToLong(fixture::version).toArray()).isEqualTo(before);
  }
}
