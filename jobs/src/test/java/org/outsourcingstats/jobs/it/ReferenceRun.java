package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.generate.SyntheticRegister;
import org.outsourcingstats.jobs.tables.WarehouseComparison;
import org.outsourcingstats.jobs.tables.WarehouseComparison.TableDifference;

/**
 * The landing every integration test runs on (the bundled sample plus a generated contract register
 * and firm register, so that every shape and the executor-side reading take part) and the warehouse
 * of one uninterrupted local {@code scripts/pipeline run} over it: the tables every other way of
 * running must reproduce. Made once per JVM, deleted when the suite ends.
 */
final class ReferenceRun implements BeforeAllCallback {
  static final String DATABASE = "outsourcing";
  private static Path root;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(ReferenceRun.class, key -> create(), Cleanup.class);
  }

  static Path landing() {
    return root.resolve("landing");
  }

  static Path warehouse() {
    return root.resolve("reference-warehouse");
  }

  /** A folder of the suite for a test's own warehouses and logs. */
  static Path work(String name) {
    try {
      return Files.createDirectories(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that every data table of {@code warehouse} holds exactly the reference run's rows. */
  static void assertReproducedBy(Path warehouse) {
    List<TableDifference> differences =
        WarehouseComparison.compare(
            SharedSpark.spark(), DATABASE, warehouse.toString(), warehouse().toString());
    assertThat(differences)
        .as("tables of %s against the reference run", warehouse)
        .allSatisfy(
            difference -> assertThat(difference.equal()).as(difference.toString()).isTrue());
    assertThat(differences)
        .filteredOn(d -> d.table().endsWith(".observations"))
        .singleElement()
        .satisfies(d -> assertThat(d.rows()).isPositive());
  }

  /** Rows of one table of a warehouse, read by path. */
  static long count(Path warehouse, String table) {
    return WarehouseComparison.read(SharedSpark.spark(), warehouse.toString(), DATABASE, table)
        .count();
  }

  private static synchronized Cleanup create() {
    try {
      root = Files.createTempDirectory("outsourcing-it");
      PipelineFixture.copyTree(PipelineFixture.sample(), landing());
      SyntheticRegister.builder().rows(5_000).seed(11).firms(200).build().writeTo(landing());
      Launcher.pipeline(
              root.resolve("logs"),
              "run",
              "--landing",
              landing().toString(),
              "--warehouse",
              warehouse().toString())
          .assertSucceeded();
      return new Cleanup(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the suite's folder when the JUnit root context closes. */
  record Cleanup(Path root) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
