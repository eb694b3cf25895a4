package org.outsourcingstats.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /**
   * Copies every file of the template's warehouse, its database folder renamed to the target's,
   * keeping modification times (Delta dates its commits by them).
   */
  private static void copyWarehouse(PipelineFixture template, PipelineFixture target)
      throws IOException {
    Path from = template.warehouse;
    String templateFolder = template.database + ".db";
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path relative = from.relativize(file);
        if (relative.getName(0).toString().equals(templateFolder)) {
          String inside =
              relative.getNameCount() > 1
                  ? relative.subpath(1, relative.getNameCount()).toString()
                  : "";
          relative = Path.of(target.database + ".db", inside);
        }
        Path copy = target.warehouse.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
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
