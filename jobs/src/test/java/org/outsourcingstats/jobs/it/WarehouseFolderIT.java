package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;

/**
 * The warehouse folder is its own catalog: every process finds its tables by name where the folder
 * is now, so a copy works at its new place without touching the original, and a warehouse an
 * earlier release wrote (with its Derby metastore beside the tables) keeps every table and version.
 */
@ExtendWith(SharedSpark.class)
class WarehouseFolderIT {
  private static final String ARTICLE = "dalian-2010-article.csv";
  private static final String CHINESE = "dalian-zh.csv";
  private static final String REGIONS = "china-regions-zh.csv";

  /**
   * A warehouse written by the release before this catalog (commit 9c80878, Derby metastore in
   * {@code warehouse/metastore_db}); how it was made is in the README beside it.
   */
  private static final String DERBY_RELEASE_WAREHOUSE =
      "jobs/src/test/resources/warehouses/derby-release.tar.gz";

  @Test
  void aCopiedWarehouseRunsAtItsNewPlaceAndLeavesTheOriginalUnchanged(@TempDir Path work)
      throws IOException {
    Path logs = work.resolve("logs");
    Path first = landing(work.resolve("first"), ARTICLE);
    Path second = landing(work.resolve("second"), ARTICLE, CHINESE);
    Path original = work.resolve("original");
    Launcher.pipeline(
            logs, "run", "--landing", first.toString(), "--warehouse", original.toString())
        .assertSucceeded();
    long originalRows = observations(logs, original);
    Map<String, String> before = listing(original);

    Path copy = work.resolve("copy");
    PipelineFixture.copyTree(original, copy);
    Launcher.pipeline(logs, "run", "--landing", second.toString(), "--warehouse", copy.toString())
        .assertSucceeded();

    assertThat(listing(original)).as("every file of the original warehouse").isEqualTo(before);
    assertThat(observations(logs, original)).isEqualTo(originalRows);
    assertThat(observations(logs, copy))
        .as("the copy took the second landing's figures")
        .isGreaterThan(originalRows);

    Path moved = work.resolve("moved");
    Files.move(copy, moved);
    assertThat(observations(logs, moved)).isGreaterThan(originalRows);
  }

  @Test
  void aWarehouseOfTheDerbyMetastoreReleaseKeepsEveryTableAndVersion(@TempDir Path work)
      throws IOException, InterruptedException {
    Path logs = work.resolve("logs");
    Path warehouse = work.resolve("warehouse");
    unpack(PipelineFixture.repository().resolve(DERBY_RELEASE_WAREHOUSE), work);
    assertThat(warehouse.resolve("metastore_db")).as("the fixture's Derby metastore").isDirectory();
    long observationsAtVersion1 = observationsAt(warehouse, 1);

    Launcher.Finished status =
        Launcher.pipeline(logs, "status", "--warehouse", warehouse.toString()).assertSucceeded();
    latestVersions(warehouse)
        .forEach(
            (table, version) ->
                assertThat(status.stdout())
                    .as("status of %s", table)
                    .containsPattern("outsourcing\\." + table + " +\\| " + version + " "));
    assertThat(
            sqlCount(
                logs, warehouse, "SELECT count(*) FROM outsourcing.observations VERSION AS OF 1"))
        .isEqualTo(observationsAtVersion1);

    Path landing = landing(work.resolve("landing"), ARTICLE, CHINESE, REGIONS);
    long before = latestVersions(warehouse).get("observations");
    Launcher.pipeline(
            logs, "run", "--landing", landing.toString(), "--warehouse", warehouse.toString())
        .assertSucceeded();
    assertThat(latestVersions(warehouse).get("observations"))
        .as("the new release commits on top of the earlier versions")
        .isGreaterThan(before);
    assertThat(
            sqlCount(
                logs, warehouse, "SELECT count(*) FROM outsourcing.observations VERSION AS OF 1"))
        .isEqualTo(observationsAtVersion1);
  }

  private static Path landing(Path landing, String... files) throws IOException {
    Path folder = Files.createDirectories(landing.resolve("observations"));
    for (String file : files) {
      Files.copy(
          PipelineFixture.sample().resolve("observations").resolve(file), folder.resolve(file));
    }
    return landing;
  }

  private static long observations(Path logs, Path warehouse) {
    return sqlCount(logs, warehouse, "SELECT count(*) FROM observations");
  }

  private static long sqlCount(Path logs, Path warehouse, String query) {
    return Long.parseLong(
        Launcher.sqlCsv(logs, warehouse, query).strip().lines().toList().get(1).strip());
  }

  /** Every file below {@code folder} with its size and modification time. */
  private static Map<String, String> listing(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      Map<String, String> listing = new TreeMap<>();
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        listing.put(
            folder.relativize(file).toString(),
            attributes.size() + " " + attributes.lastModifiedTime());
      }
      return listing;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The latest version of every table, from the commit files in its log. */
  private static Map<String, Long> latestVersions(Path warehouse) {
    Map<String, Long> versions = new TreeMap<>();
    try (Stream<Path> tables = Files.list(warehouse.resolve("outsourcing.db"))) {
      for (Path table : tables.toList()) {
        try (Stream<Path> commits = Files.list(table.resolve("_delta_log"))) {
          versions.put(
              table.getFileName().toString(),
              commits
                  .map(commit -> commit.getFileName().toString())
                  .filter(name -> name.matches("\\d{20}\\.json"))
                  .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
                  .max()
                  .orElseThrow());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  /** Rows of the observations table at one version, read by path (no catalog). */
  private static long observationsAt(Path warehouse, long version) {
    return SharedSpark.spark()
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(warehouse.resolve("outsourcing.db/observations").toString())
        .count();
  }

  private static void unpack(Path archive, Path into) throws IOException, InterruptedException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).as("tar -xzf %s", archive).isZero();
  }
}
