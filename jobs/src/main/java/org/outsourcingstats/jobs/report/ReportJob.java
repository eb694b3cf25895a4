package org.outsourcingstats.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.report.HtmlReport;
import org.outsourcingstats.common.report.ReportInput;
import org.outsourcingstats.common.report.ReportInput.ConcentrationRow;
import org.outsourcingstats.common.report.ReportInput.GrowthRow;
import org.outsourcingstats.common.report.ReportInput.TargetRow;
import org.outsourcingstats.common.vocab.Entity;
import org.outsourcingstats.common.vocab.Indicator;
import org.outsourcingstats.common.vocab.Market;
import org.outsourcingstats.common.vocab.Vocabulary;
import org.outsourcingstats.jobs.run.BuildInfo;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTML report ({@code <folder>/index.html}) from the gold tables {@code growth}, {@code
 * concentration} and {@code targets}. The tables are small (one row per entity, indicator and
 * year), so they are collected to the driver and rendered there by the plain-Java {@link
 * HtmlReport}.
 *
 * <p>Size: One class: a query and its mapping per report section, each a few lines, over the same
 * three tables.
 */
public final class ReportJob {
  /** The report's file name inside its folder. */
  public static final String FILE_NAME = "index.html";

  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
  private static final DateTimeFormatter WRITTEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final List<String> LEVELS = List.of("country", "province", "city");

  private final PipelineContext context;

  public ReportJob(PipelineContext context) {
    this.context = context;
  }

  /**
   * Renders the report and writes it into {@code pipeline.report.dir}; returns the file written.
   */
  public String write() {
    return write(input());
  }

  /**
   * Writes the report unless the page in place was rendered from the gold tables as they are now
   * (their data versions and the build, {@link #sources}): a run that changed no table spares
   * reading them. Returns the file written, or empty when the page is current.
   */
  public Optional<String> writeIfChanged() {
    String sources = sources();
    String current = existingPage();
    if (current != null && current.contains(HtmlReport.sourcesElement(sources))) {
      LOG.info("report: {} is current ({}), not written again", location(), sources);
      return Optional.empty();
    }
    return Optional.of(write(input(sources)));
  }

  /** Where the report is written: {@code index.html} in the report folder. */
  public String location() {
    Path local = context.config().localReportDir();
    return local != null
        ? local.resolve(FILE_NAME).toString()
        : new org.apache.hadoop.fs.Path(context.config().reportDir(), FILE_NAME).toString();
  }

  /**
   * What the report is read from, as text that changes when it does: the data version of each gold
   * table (maintenance commits do not count) and the application's build.
   */
  String sources() {
    // A table whose log cannot say is named by this run: the page is then always written again.
    return context
            .tables()
            .dataVersions(List.of(Tables.GROWTH, Tables.CONCENTRATION, Tables.TARGETS))
            .orElse("unknown versions in run " + context.runId())
        + " build "
        + BuildInfo.id();
  }

  /** The page in place, or null when there is none or it cannot be read. */
  private String existingPage() {
    try {
      Path local = context.config().localReportDir();
      if (local != null) {
        Path page = local.resolve(FILE_NAME);
        return Files.isRegularFile(page) ? Files.readString(page, StandardCharsets.UTF_8) : null;
      }
      org.apache.hadoop.fs.Path page = new org.apache.hadoop.fs.Path(location());
      FileSystem fs = page.getFileSystem(context.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(page)) {
        return null;
      }
      try (InputStream in = fs.open(page)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable page is rewritten; the write says what is wrong if it cannot be.
      LOG.debug("report: cannot read the page in place", e);
      return null;
    }
  }

  private String write(ReportInput input) {
    String folder = context.config().reportDir();
    String html = HtmlReport.render(input);
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    String written;
    try {
      Path local = context.config().localReportDir();
      written = local != null ? writeLocal(local, bytes) : writeRemote(folder, bytes);
    } catch (IOException | RuntimeException e) {
      throw Errors.reportNotWritten(folder, e);
    }
    LOG.info("report: {} bytes written to {}", bytes.length, written);
    return written;
  }

  /** The report's content, read from the tables. */
  public ReportInput input() {
    return input(sources());
  }

  private ReportInput input(String sources) {
    Vocabulary vocabulary = context.vocabulary();
    Comparator<String> byEntity = Comparator.comparing((String code) -> level(vocabulary, code));
    List<GrowthRow> growth =
        context
            .tables()
            .readLatest(Tables.GROWTH)
            .selectExpr(
                "entity_code",
                "entity_name",
                "sector",
                "market",
                "indicator",
                "unit",
                "period",
                "year",
                "CAST(value AS DOUBLE) AS value",
                "status",
                "yoy",
                "reported_yoy",
                "yoy_check",
                "reason")
            .orderBy("entity_name", "indicator", "period", "sector", "market", "year")
            .collectAsList()
            .stream()
            .map(ReportJob::growthRow)
            .sorted(Comparator.comparing(GrowthRow::entityCode, byEntity))
            .toList();
    List<ConcentrationRow> concentration =
        context
            .tables()
            .readLatest(Tables.CONCENTRATION)
            .selectExpr(
                "scope_code",
                "scope_name",
                "dimension",
                "indicator",
                "sector",
                "market",
                "period",
                "year",
                "n_members",
                "other_share",
                "hhi_lower",
                "hhi_upper",
                "cr4",
                "top_member",
                "top_share",
                "band_2023",
                "band_2010")
            .orderBy("scope_name", "dimension", "indicator", "sector", "market", "period", "year")
            .collectAsList()
            .stream()
            .map(ReportJob::concentrationRow)
            .sorted(Comparator.comparing(ConcentrationRow::scopeCode, byEntity))
            .toList();
    List<TargetRow> targets =
        context
            .tables()
            .readLatest(Tables.TARGETS)
            .selectExpr(
                "entity_code",
                "entity_name",
                "indicator",
                "sector",
                "market",
                "target_year",
                "CAST(target_value AS DOUBLE)",
                "base_year",
                "CAST(base_value AS DOUBLE)",
                "required_cagr",
                "latest_year",
                "CAST(latest_value AS DOUBLE)",
                "actual_cagr",
                "on_track")
            .orderBy("entity_name", "indicator", "sector", "market", "target_year")
            .collectAsList()
            .stream()
            .map(row -> targetRow(row, vocabulary))
            .sorted(Comparator.comparing(TargetRow::entityCode, byEntity))
            .toList();
    Map<String, String> markets = new LinkedHashMap<>();
    for (Market market : vocabulary.markets().values()) {
      markets.put(market.code(), market.nameEn());
    }
    return new ReportInput(
        "Service outsourcing statistics",
        subtitle(),
        growth,
        concentration,
        targets,
        markets,
        sources);
  }

  /**
   * Where the figures come from: the database, its warehouse and the last run, and when the page
   * was written.
   */
  private String subtitle() {
    String source =
        "Database " + context.config().database() + " in " + context.config().warehouse();
    List<Row> last =
        context
            .tables()
            .readLatest(Tables.RUNS)
            .orderBy(org.apache.spark.sql.functions.col("finished_at").desc())
            .select("run_id", "finished_at")
            .limit(1)
            .collectAsList();
    String run =
        last.isEmpty() || last.get(0).isNullAt(1)
            ? "no run recorded"
            : "last run "
                + last.get(0).getString(0)
                + " finished "
                + WRITTEN.format(last.get(0).getTimestamp(1).toInstant());
    return source + " · " + run + " · written " + WRITTEN.format(Instant.now());
  }

  /**
   * Nation, provinces, cities; an entity missing from the vocabulary last. Stable, so names stay
   * sorted within.
   */
  private static int level(Vocabulary vocabulary, String code) {
    int level = vocabulary.entityByCode(code).map(Entity::level).map(LEVELS::indexOf).orElse(-1);
    return level < 0 ? LEVELS.size() : level;
  }

  private static GrowthRow growthRow(Row r) {
    return new GrowthRow(
        r.getString(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getInt(7),
        r.getDouble(8),
        r.getString(9),
        (Double) r.get(10),
        (Double) r.get(11),
        r.getString(12),
        r.getString(13));
  }

  private static ConcentrationRow concentrationRow(Row r) {
    return new ConcentrationRow(
        r.getString(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getInt(7),
        r.getInt(8),
        r.getDouble(9),
        r.getDouble(10),
        r.getDouble(11),
        r.getDouble(12),
        r.getString(13),
        r.getDouble(14),
        r.getString(15),
        r.getString(16));
  }

  private static TargetRow targetRow(Row r, Vocabulary vocabulary) {
    String unit =
        vocabulary
            .indicatorByCode(r.getString(2))
            .map(Indicator::unitKind)
            .map(kind -> kind.normalizedUnit())
            .orElse("");
    return new TargetRow(
        r.getString(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        unit,
        r.getInt(5),
        r.getDouble(6),
        (Integer) r.get(7),
        (Double) r.get(8),
        (Double) r.get(9),
        (Integer) r.get(10),
        (Double) r.get(11),
        (Double) r.get(12),
        (Boolean) r.get(13));
  }

  /** Written beside the old page and moved over it, so a reader never sees half a page. */
  private static String writeLocal(Path folder, byte[] bytes) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve(FILE_NAME);
    // Not createTempFile: its owner-only permissions would stay on the page.
    Path partial = folder.resolve("." + FILE_NAME + "." + java.util.UUID.randomUUID() + ".tmp");
    try {
      Files.write(partial, bytes);
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target.toString();
  }

  private String writeRemote(String folder, byte[] bytes) throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(folder, FILE_NAME);
    FileSystem fs = target.getFileSystem(context.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    }
    return target.toString();
  }
}
