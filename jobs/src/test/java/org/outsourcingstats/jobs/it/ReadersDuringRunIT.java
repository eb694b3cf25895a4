package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.generate.SyntheticRegister;
import org.outsourcingstats.jobs.tables.WarehouseComparison;
import org.outsourcingstats.jobs.tables.WarehouseComparison.TableDifference;

/**
 * Readers never wait for a writer: while a {@code run} over a register of a million contracts
 * writes, other processes query and export its tables, each answer is a committed version of every
 * table it read, and the run's tables equal those of a run nobody read.
 */
@ExtendWith(SharedSpark.class)
class ReadersDuringRunIT {
  private static final String DATABASE = "outsourcing";
  private static final List<String> QUERIED = List.of("raw_rows", "contracts", "observations");

  @Test
  void queriesAndExportsDuringARunAnswerAtOnceFromCommittedVersions(@TempDir Path work)
      throws IOException {
    Path landing = work.resolve("landing");
    SyntheticRegister.builder().rows(1_000_000).seed(16).firms(2_000).build().writeTo(landing);
    Path logs = work.resolve("logs");
    Path alone = work.resolve("alone");
    Path read = work.resolve("read");
    Launcher.pipeline(logs, "run", "--landing", landing.toString(), "--warehouse", alone.toString())
        .assertSucceeded();

    Launcher.Started run = Launcher.startRun(logs, landing, read);
    Launcher.await(
        "the run's first commits",
        run,
        Launcher.RUN_TIMEOUT,
        () ->
            QUERIED.stream()
                .allMatch(
                    table ->
                        Files.exists(
                            read.resolve(
                                DATABASE
                                    + ".db/"
                                    + table
                                    + "/_delta_log/00000000000000000000.json"))));
    Map<String, Set<Long>> seen = new HashMap<>();
    int answeredDuringRun = 0;
    while (run.process().isAlive()) {
      String query =
          Launcher.sqlCsv(
              logs,
              read,
              "SELECT "
                  + String.join(
                      ", ",
                      QUERIED.stream()
                          .map(table -> "(SELECT count(*) FROM " + table + ") AS " + table)
                          .toList()));
      Path exported = work.resolve("export");
      Launcher.pipeline(
              logs,
              "export",
              "--table",
              "observations",
              "--out",
              exported.toString(),
              "--overwrite",
              "--warehouse",
              read.toString())
          .assertSucceeded();
      if (run.process().isAlive()) {
        answeredDuringRun++;
      }
      List<String> lines = query.strip().lines().toList();
      assertThat(lines).as("sql --format csv output").hasSize(2);
      String[] counts = lines.get(1).split(",");
      for (int i = 0; i < QUERIED.size(); i++) {
        seen.computeIfAbsent(QUERIED.get(i), t -> new LinkedHashSet<>())
            .add(Long.parseLong(counts[i].strip()));
      }
      long exportedRows =
          Files.readAllLines(exported.resolve("observations.csv"), StandardCharsets.UTF_8).size()
              - 1;
      seen.computeIfAbsent("observations", t -> new LinkedHashSet<>()).add(exportedRows);
    }
    run.waitFor(Duration.ofMinutes(1)).assertSucceeded();

    assertThat(answeredDuringRun)
        .as("queries and exports that finished while the run was still writing")
        .isGreaterThanOrEqualTo(1);
    seen.forEach(
        (table, counts) -> {
          assertThat(committedCounts(read, table))
              .as("row counts of the committed versions of %s", table)
              .containsAll(counts);
        });
    List<TableDifference> differences =
        WarehouseComparison.compare(
            SharedSpark.spark(), DATABASE, read.toString(), alone.toString());
    assertThat(differences)
        .isNotEmpty()
        .allSatisfy(
            difference -> assertThat(difference.equal()).as(difference.toString()).isTrue());
  }

  /** The row count of every committed version of a table, read by path. */
  private static List<Long> committedCounts(Path warehouse, String table) {
    String path = warehouse.resolve(DATABASE + ".db").resolve(table).toString();
    long latest =
        io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), path)
            .history(1)
            .select("version")
            .first()
            .getLong(0);
    List<Long> counts = new ArrayList<>();
    for (long version = 0; version <= latest; version++) {
      counts.add(
          SharedSpark.spark()
              .read()
              .format("delta")
              .option("versionAsOf", version)
              .load(path)
              .count());
    }
    return counts;
  }
}
