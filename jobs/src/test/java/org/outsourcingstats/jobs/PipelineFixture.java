package org.outsourcingstats.jobs;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.run.Pipeline;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;

/**
 * A landing folder and a warehouse of one test, with a database of its own in the shared session's
 * catalog.
 */
public final class PipelineFixture {
  public final Path landing;
  final Path warehouse;
  final String database;

  public PipelineFixture(Path root) throws IOException {
    this.landing = Files.createDirectories(root.resolve("landing"));
    this.warehouse = Files.createDirectories(root.resolve("warehouse"));
    this.database = SharedSpark.uniqueName("t_");
  }

  /** The repository's root, whether the tests run from it or from the jobs module. */
  public static Path repository() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("data/sample")) ? here : here.getParent();
  }

  /** The repository's folder of sample landing files. */
  public static Path sample() {
    return repository().resolve("data/sample");
  }

  /**
   * Copies every file of every shape folder of the sample (what {@code scripts/pipeline run}
   * lands).
   */
  public PipelineFixture copyWholeSample() throws IOException {
    copyTree(sample(), landing);
    return this;
  }

  /** Copies a folder with everything below it into {@code to}. */
  public static void copyTree(Path from, Path to) throws IOException {
    copyTree(from, to, UnaryOperator.identity());
  }

  /**
   * Copies every file under {@code from} to {@code to}, each at the relative path {@code renamed}
   * gives for its own, keeping modification times (Delta dates its commits by them).
   */
  static void copyTree(Path from, Path to, UnaryOperator<Path> renamed) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(renamed.apply(from.relativize(file)).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  PipelineFixture copySample(String file) throws IOException {
    Path target = Files.createDirectories(landing.resolve("observations")).resolve(file);
    Files.copy(sample().resolve("observations").resolve(file), target);
    return this;
  }

  public PipelineFixture write(String shape, String file, String content, Charset charset)
      throws IOException {
    Path folder = Files.createDirectories(landing.resolve(shape));
    Files.write(folder.resolve(file), content.getBytes(charset));
    return this;
  }

  PipelineFixture writeBytes(String shape, String file, byte[] content) throws IOException {
    Path folder = Files.createDirectories(landing.resolve(shape));
    Files.write(folder.resolve(file), content);
    return this;
  }

  Map<String, String> settings() {
    return Map.of(
        "pipeline.landing",
        landing.toString(),
        "pipeline.warehouse",
        warehouse.toString(),
        "pipeline.database",
        database,
        "pipeline.reference-dir",
        referenceDir().toString());
  }

  public PipelineContext context() {
    return context(Map.of());
  }

  /** A context of this fixture with {@code more} settings, by full key, over its own. */
  public PipelineContext context(Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(settings());
    settings.putAll(more);
    return new PipelineContext(PipelineConfig.load(null, settings), SharedSpark.spark());
  }

  public List<StepResult> run() {
    return new Pipeline(context()).run(Step.ALL);
  }

  /**
   * Gives this fixture's warehouse the tables a run of every step over its landing folder leaves,
   * for a test that starts from a run's result rather than testing the run: a copy of the warehouse
   * of the first run over the same landed files in this JVM, made in a folder of its own.
   */
  public PipelineFixture afterRun() throws IOException {
    WarehouseTemplates.copy(
        "run over " + landedFiles(),
        template -> {
          copyTree(landing, template.landing);
          template.run();
        },
        this);
    return this;
  }

  /**
   * Gives this fixture's warehouse every table, empty, as a run creates them before its first step
   * (a copy, made once per JVM, saving the creation's several seconds), for a test whose subject is
   * not that creation: a first run on an empty warehouse is still tested elsewhere.
   */
  public PipelineFixture withTablesCreated() throws IOException {
    WarehouseTemplates.copy(
        "tables created", template -> template.context().tables().ensureCreated(), this);
    return this;
  }

  /** Every file of the landing folder by its path in it and the SHA-256 of its bytes. */
  private String landedFiles() throws IOException {
    StringBuilder files = new StringBuilder();
    try (Stream<Path> walk = Files.walk(landing)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files
            .append(landing.relativize(file))
            .append(' ')
            .append(sha256(Files.readAllBytes(file)))
            .append('\n');
      }
    }
    return files.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Dataset<Row> sql(String query) {
    return SharedSpark.spark().sql(query.replace("${db}", database));
  }

  public long version(String table) {
    return sql("DESCRIBE HISTORY ${db}." + table + " LIMIT 1").first().getLong(0);
  }

  private static Path referenceDir() {
    return repository().resolve("conf/reference");
  }
}
