package org.outsourcingstats.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.outsourcingstats.jobs.tables.PipelineTables;

/**
 * Warehouses built once per JVM and copied into every test that starts from one. A warehouse folder
 * is its own catalog (tables found under {@code <warehouse>/<database>.db/} by relative path), so a
 * copy works wherever it is put: the copy gets the test's database name and is registered in the
 * shared session under it. A template is built in a folder of its own, never a test's, and only
 * copied from, so no test sees another's writes, whatever order they run in.
 */
final class WarehouseTemplates {
  /** How a template is made, in a fixture of its own. */
  @FunctionalInterface
  interface Build {
    void into(PipelineFixture template) throws IOException;
  }

  private static final Map<String, PipelineFixture> BUILT = new HashMap<>();

  private WarehouseTemplates() {}

  /**
   * Copies the warehouse {@code build} makes into {@code target}'s warehouse, under {@code
   * target}'s database, building it the first time {@code key} is asked for in this JVM.
   */
  static synchronized void copy(String key, Build build, PipelineFixture target)
      throws IOException {
    PipelineFixture template = BUILT.get(key);
    if (template == null) {
      template =
          new PipelineFixture(Files.createTempDirectory(SharedSpark.root(), "warehouse-template"));
      build.into(template);
      BUILT.put(key, template);
    }
    copyWarehouse(template, target);
    register(target);
  }

  /** Copies the template's warehouse, its database folder renamed to the target's. */
  private static void copyWarehouse(PipelineFixture template, PipelineFixture target)
      throws IOException {
    Path templateFolder = Path.of(template.database + ".db");
    PipelineFixture.copyTree(
        template.warehouse,
        target.warehouse,
        relative ->
            relative.startsWith(templateFolder)
                ? Path.of(target.database + ".db").resolve(templateFolder.relativize(relative))
                : relative);
  }

  /** Registers the copied database and each Delta table of it in the shared session. */
  private static void register(PipelineFixture target) throws IOException {
    Path folder = target.warehouse.resolve(target.database + ".db");
    target.sql("CREATE DATABASE ${db} LOCATION " + PipelineTables.literal(folder.toString()));
    List<Path> tables;
    try (Stream<Path> entries = Files.list(folder)) {
      tables = entries.filter(table -> Files.isDirectory(table.resolve("_delta_log"))).toList();
    }
    for (Path table : tables) {
      target.sql(
          "CREATE TABLE ${db}."
              + table.getFileName()
              + " USING delta LOCATION "
              + PipelineTables.literal(table.toString()));
    }
  }
}
