package org.outsourcingstats.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.common.landing.IngestLimits;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.common.quality.ReasonCode;

/**
 * The pipeline's settings, resolved once: command-line overrides over the {@code --config-file}
 * file over the defaults in {@code reference.conf}. Paths without a URI scheme are made absolute
 * against the working directory.
 *
 * <p>Size: One class: every setting's reading, precedence and validation, so that one file lists
 * what can be set and how it is checked.
 */
public final class PipelineConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ROOT = "pipeline";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** Where sessions find the tables by name. */
  public enum Catalog {
    /**
     * The warehouse folder is the catalog: every process finds the Delta tables of {@code
     * <warehouse>/<database>.db/} by name, with no metastore to share (the local default).
     */
    WAREHOUSE("warehouse"),
    /** The cluster's Hive metastore ({@code hive-site.xml} or {@code hive.metastore.uris}). */
    EXTERNAL_HIVE("external-hive");

    /**
     * Names of earlier releases, read as today's catalog: the warehouse-folder catalog replaced
     * both the embedded Derby metastore (whose tables lie in the same folders) and the in-memory
     * one.
     */
    private static final Map<String, Catalog> FORMER_NAMES =
        Map.of("embedded-derby", WAREHOUSE, "in-memory", WAREHOUSE);

    private final String setting;

    Catalog(String setting) {
      this.setting = setting;
    }

    /** The value of {@code pipeline.catalog} that selects it. */
    public String setting() {
      return setting;
    }

    static Catalog of(String setting) {
      for (Catalog catalog : values()) {
        if (catalog.setting.equals(setting)) {
          return catalog;
        }
      }
      Catalog former = FORMER_NAMES.get(setting);
      if (former != null) {
        return former;
      }
      throw Errors.configInvalid(
          "pipeline.catalog", "'" + setting + "' is not one of warehouse, external-hive");
    }
  }

  private final String database;
  private final String warehouse;
  private final String landing;
  private final String referenceDir;
  private final int currentYear;
  private final double growthTolerance;
  private final Catalog catalog;
  private final String formerCatalogName;
  private final Map<String, String> sparkSettings;
  private final int lockWaitSeconds;
  private final String reportDir;
  private final boolean reportAfterRun;
  private final IngestLimits ingestLimits;
  private final QualityGate qualityGate;
  private final ProgressWhen progressWhen;
  private final java.time.Duration progressEvery;

  /**
   * Where a setting's value comes from, highest precedence first: the command line ({@code --set},
   * {@code --landing}, {@code --warehouse}), the configuration file ({@code --config-file}), the
   * defaults ({@code reference.conf}).
   */
  public enum Origin {
    COMMAND_LINE("command line"),
    FILE("configuration file"),
    DEFAULT("default (reference.conf)");

    private final String description;

    Origin(String description) {
      this.description = description;
    }

    /** How the {@code config} command names it. */
    public String description() {
      return description;
    }
  }

  /** One resolved setting: its full key, its value as text and where the value came from. */
  public record Setting(String key, String value, Origin origin) implements Serializable {}

  private final List<Setting> settings;

  private PipelineConfig(Config config, Config commandLine, Config fromFile) {
    Map<String, ConfigValue> leaves = new TreeMap<>();
    config
        .getConfig(ROOT)
        .entrySet()
        .forEach(entry -> leaves.put(entry.getKey(), entry.getValue()));
    List<Setting> resolved = new ArrayList<>();
    leaves.forEach(
        (path, value) -> {
          String key = ROOT + "." + path;
          Origin origin =
              commandLine.hasPath(key)
                  ? Origin.COMMAND_LINE
                  : fromFile.hasPath(key) ? Origin.FILE : Origin.DEFAULT;
          resolved.add(new Setting(key, text(value), origin));
        });
    this.settings = List.copyOf(resolved);
    try {
      Config p = config.getConfig("pipeline");
      this.database = p.getString("database");
      if (!isIdentifier(database)) {
        throw Errors.configInvalid(
            "pipeline.database",
            "'"
                + database
                + "' is not a SQL identifier "
                + "(letters, digits and underscores, not starting with a digit)");
      }
      this.warehouse = absolute(p.getString("warehouse"));
      this.landing = absolute(p.getString("landing"));
      String reference = p.getString("reference-dir");
      this.referenceDir = reference.isBlank() ? null : absolute(reference);
      int year = p.getInt("current-year");
      this.currentYear = year == 0 ? Year.now().getValue() : year;
      double tolerancePp = p.getDouble("growth.tolerance-pp");
      if (tolerancePp < 0) {
        throw Errors.configInvalid(
            "pipeline.growth.tolerance-pp", "it must not be negative, got " + tolerancePp);
      }
      this.growthTolerance = tolerancePp / 100.0;
      String catalogName = p.getString("catalog");
      this.catalog = Catalog.of(catalogName);
      this.formerCatalogName = catalog.setting().equals(catalogName) ? null : catalogName;
      this.lockWaitSeconds = p.getInt("lock-wait-seconds");
      String report = p.getString("report.dir");
      this.reportDir =
          report.isBlank() ? warehouse.replaceAll("/+$", "") + "/report" : absolute(report);
      this.reportAfterRun = p.getBoolean("report.after-run");
      try {
        this.ingestLimits =
            new IngestLimits(
                p.getInt("ingest.max-columns"),
                p.getInt("ingest.max-field-chars"),
                p.getInt("ingest.max-line-chars"),
                p.getBytes("ingest.max-file-bytes"));
      } catch (IllegalArgumentException e) {
        throw Errors.configInvalid("pipeline.ingest", e.getMessage());
      }
      this.progressWhen = ProgressWhen.of(p.getString("progress.when"));
      this.progressEvery = p.getDuration("progress.every");
      if (progressEvery.toMillis() < 1) {
        throw Errors.configInvalid(
            "pipeline.progress.every", "it must be at least 1ms, got " + progressEvery);
      }
      try {
        this.qualityGate = qualityGate(p.getConfig("quality-gate"));
      } catch (IllegalArgumentException e) {
        throw Errors.configInvalid(QualityGate.SETTING, e.getMessage());
      }
      Map<String, String> spark = new LinkedHashMap<>();
      for (Map.Entry<String, ConfigValue> entry : p.getConfig("spark").entrySet()) {
        spark.put(entry.getKey().replace("\"", ""), String.valueOf(entry.getValue().unwrapped()));
      }
      this.sparkSettings = Collections.unmodifiableMap(spark);
    } catch (ConfigException e) {
      throw Errors.configInvalid(
          e.origin() == null ? "pipeline" : e.origin().description(), e.getMessage());
    }
  }

  private static QualityGate qualityGate(Config gate) {
    Map<ReasonCode, QualityGate.Limit> byReason = new EnumMap<>(ReasonCode.class);
    Config reasons = gate.getConfig("reasons");
    // Each key was checked to be a reason code by rejectUnknownKeys.
    reasons
        .root()
        .keySet()
        .forEach(code -> byReason.put(ReasonCode.valueOf(code), limit(reasons.getConfig(code))));
    return QualityGate.of(limit(gate), byReason);
  }

  private static QualityGate.Limit limit(Config limits) {
    return new QualityGate.Limit(
        limits.hasPath(QualityGate.MAX_ROWS) ? limits.getLong(QualityGate.MAX_ROWS) : -1,
        limits.hasPath(QualityGate.MAX_FRACTION)
            ? limits.getDouble(QualityGate.MAX_FRACTION)
            : 1.0);
  }

  /**
   * Resolves the settings.
   *
   * @param file the {@code --config-file} file, or null for the defaults alone
   * @param overrides settings from the command line, by full key ({@code pipeline.landing})
   */
  public static PipelineConfig load(Path file, Map<String, String> overrides)
      throws PipelineException {
    Config fromFile = ConfigFactory.empty();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw Errors.configFileMissing(file);
      }
      fromFile = ConfigFactory.parseFile(file.toFile());
    }
    Config commandLine = ConfigFactory.parseMap(overrides, "command line");
    Config reference = ConfigFactory.defaultReference(PipelineConfig.class.getClassLoader());
    rejectUnknownKeys(commandLine, true, reference);
    rejectUnknownKeys(fromFile, false, reference);
    Config resolved = commandLine.withFallback(fromFile).withFallback(reference).resolve();
    return new PipelineConfig(resolved, commandLine, fromFile);
  }

  /**
   * Fails on the first key of {@code given} that is not a setting of {@code reference.conf}: a
   * misspelt setting would otherwise be ignored and its default used without a word. Under {@code
   * pipeline.spark} any key is a Spark setting; keys outside {@code pipeline} belong to other tools
   * sharing the file, unless they came from the command line (where only pipeline settings are
   * taken).
   */
  private static void rejectUnknownKeys(Config given, boolean commandLine, Config reference) {
    Set<String> known =
        new TreeSet<>(
            reference.getConfig(ROOT).entrySet().stream()
                .map(entry -> ROOT + "." + entry.getKey())
                .toList());
    // The limits of each reason code:
    // pipeline.quality-gate.reasons.UNKNOWN_ENTITY.max-quarantined-rows
    for (ReasonCode code : ReasonCode.values()) {
      for (String limit : List.of(QualityGate.MAX_ROWS, QualityGate.MAX_FRACTION)) {
        known.add(QualityGate.SETTING + ".reasons." + code.name() + "." + limit);
      }
    }
    for (Map.Entry<String, ConfigValue> entry : given.entrySet()) {
      String key = entry.getKey();
      boolean pipeline = key.startsWith(ROOT + ".");
      if ((!pipeline && !commandLine) || key.startsWith(ROOT + ".spark.") || known.contains(key)) {
        continue;
      }
      throw Errors.unknownSetting(key, nearest(key, known));
    }
  }

  /**
   * The known key closest to {@code key} in edit distance, when it is close enough to be a
   * plausible misspelling.
   */
  private static String nearest(String key, Set<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String plain = key.startsWith(ROOT + ".") ? key : ROOT + "." + key;
    for (String candidate : known) {
      int d = distance.apply(plain, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (!key.startsWith(ROOT + ".") && key.startsWith("spark.")) {
      return ROOT + ".spark.\"" + key + "\"";
    }
    return bestDistance <= Math.max(2, plain.length() / 3) ? best : null;
  }

  /**
   * Whether {@code name} is a plain SQL identifier (letters, digits and underscores, not starting
   * with a digit, at most 128 characters): the only database and table names the pipeline puts into
   * SQL text.
   */
  public static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /**
   * A location as the pipeline uses it: a URI with a scheme ({@code s3a://bucket/x}) as given, a
   * path without one made absolute against the working directory; blank stays blank.
   */
  public static String absolute(String location) {
    if (location.isBlank()) {
      return location;
    }
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() != null && uri.getScheme().length() > 1) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }

  public String database() {
    return database;
  }

  /** Warehouse location: an absolute local path or a URI. */
  public String warehouse() {
    return warehouse;
  }

  public String landing() {
    return landing;
  }

  /** Folder of reference CSVs, or null for the copy bundled in the jar. */
  public String referenceDir() {
    return referenceDir;
  }

  public int currentYear() {
    return currentYear;
  }

  /** Tolerance of the published-growth check, as a fraction (0.001 for 0.1 percentage point). */
  public double growthTolerance() {
    return growthTolerance;
  }

  public Catalog catalog() {
    return catalog;
  }

  /**
   * The name of an earlier release {@code pipeline.catalog} was given as ({@code embedded-derby},
   * {@code in-memory}), for a deprecation warning; null when it was given by today's name.
   */
  public String formerCatalogName() {
    return formerCatalogName;
  }

  /** How long to wait for another process holding a local warehouse. */
  public int lockWaitSeconds() {
    return lockWaitSeconds;
  }

  /**
   * The warehouse as a local folder, or null when it is a remote URI (locking is then the
   * platform's job).
   */
  public Path localWarehouse() {
    return localPath(warehouse);
  }

  /**
   * The report folder as a local folder, or null when it is a remote URI (written through Hadoop's
   * FileSystem).
   */
  public Path localReportDir() {
    return localPath(reportDir);
  }

  private static Path localPath(String location) {
    return location.contains("://") && !location.startsWith("file:")
        ? null
        : Path.of(location.replaceFirst("^file:(//)?", ""));
  }

  /**
   * Folder of the HTML report: {@code pipeline.report.dir}, else {@code <warehouse>/report}; a path
   * or a URI.
   */
  public String reportDir() {
    return reportDir;
  }

  /** Whether {@code run} writes the HTML report after its steps. */
  public boolean reportAfterRun() {
    return reportAfterRun;
  }

  /** When a step reports its progress ({@code pipeline.progress.when}). */
  public enum ProgressWhen {
    /** When standard error is a terminal. */
    AUTO,
    ALWAYS,
    NEVER;

    static ProgressWhen of(String name) {
      for (ProgressWhen when : values()) {
        if (when.name().equalsIgnoreCase(name)) {
          return when;
        }
      }
      throw Errors.configInvalid(
          "pipeline.progress.when", "'" + name + "' is not one of auto, always, never");
    }
  }

  /** When a step reports its progress. */
  public ProgressWhen progressWhen() {
    return progressWhen;
  }

  /** How often a step reports its progress, at most. */
  public java.time.Duration progressEvery() {
    return progressEvery;
  }

  /** What one run may quarantine before it fails ({@code pipeline.quality-gate.*}). */
  public QualityGate qualityGate() {
    return qualityGate;
  }

  /** What ingest accepts of one file ({@code pipeline.ingest.*}). */
  public IngestLimits ingestLimits() {
    return ingestLimits;
  }

  /** The Spark settings of {@code pipeline.spark}, by Spark key ({@code spark.sql.x}). */
  public Map<String, String> sparkSettings() {
    return sparkSettings;
  }

  /**
   * Every setting under {@code pipeline}, sorted by key, with its value and origin; the Spark
   * settings as {@code pipeline.spark."spark.x.y"}.
   */
  public List<Setting> settings() {
    return settings;
  }

  /** Where the value of Spark setting {@code key} of {@link #sparkSettings()} came from. */
  public Origin sparkSettingOrigin(String key) {
    String path = ConfigUtil.joinPath(ROOT, "spark", key);
    return settings.stream()
        .filter(setting -> setting.key().equals(path))
        .map(Setting::origin)
        .findFirst()
        .orElse(Origin.DEFAULT);
  }

  private static String text(ConfigValue value) {
    Object unwrapped = value.unwrapped();
    return unwrapped == null ? "" : String.valueOf(unwrapped);
  }

  /** The fully qualified name of one of the pipeline's tables. */
  public String table(String name) {
    return database + "." + name;
  }
}
