package org.outsourcingstats.jobs.generate;

import static org.outsourcingstats.common.error.Errors.checkArgument;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic synthetic raw data for benchmarks and tests: a register of contracts (shape {@code
 * contracts}) and of firms (shape {@code firms}) in the model service-outsourcing cities, written
 * as the landing folder expects it.
 *
 * <pre>{@code
 * Summary summary = SyntheticRegister.builder().rows(10_000_000).seed(42).build().writeTo(Path.of("data/generated"));
 * }</pre>
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The same rows, seed, firms and years give byte-identical files, on any JVM and platform;
 *       the clock is never read. The firm register does not depend on the number of rows, and the
 *       contracts of a smaller run are the first contracts of a larger one with the same seed,
 *       firms and years.
 *   <li>{@code <landing>/contracts/contracts-s<seed>-part-00000.csv}, {@code -part-00001.csv}, ...
 *       hold at most {@link Builder#rowsPerFile(int) rowsPerFile} rows each (a run of 0 rows writes
 *       one file with the header only); {@code <landing>/firms/firms-s<seed>.csv} holds one row per
 *       firm and year.
 *   <li>UTF-8 without BOM, {@code \n} line endings, the header of the shape on the first line; no
 *       field contains a comma, a double quote or a line break, so nothing is quoted. Numbers are
 *       plain decimals with a point.
 *   <li>Each file is written under a hidden temporary name and renamed when complete, so an
 *       interrupted run never leaves a truncated file for ingestion to land. Files of the same seed
 *       are replaced, and contract parts left by an earlier, larger run of the same seed are
 *       deleted, so the folder holds exactly one run per seed.
 * </ul>
 *
 * <p>Instances are immutable; {@link #writeTo(Path)} may be called again and writes the same bytes.
 *
 * <p>Size: Its length is the builder and the byte-for-byte contract above; the rows themselves come
 * from {@link ContractRows} and {@link FirmRows}.
 */
public final class SyntheticRegister {
  /** The most contract rows one file holds, and the default of {@link Builder#rowsPerFile(int)}. */
  public static final int MAX_ROWS_PER_FILE = 1_000_000;

  /** The most contract rows a run writes: contract ids have ten digits. */
  public static final long MAX_ROWS = 9_999_999_999L;

  /** The most firms: firm ids have six digits. */
  public static final int MAX_FIRMS = 999_999;

  public static final int MIN_YEAR = 1900;
  public static final int MAX_YEAR = 2100;

  private static final int MAX_PARTS = 100_000; // part numbers have five digits
  private static final int BUFFER_BYTES = 1 << 20;

  private final long rows;
  private final long seed;
  private final int firms;
  private final int fromYear;
  private final int toYear;
  private final int rowsPerFile;

  private SyntheticRegister(Builder builder) {
    this.rows = builder.rows;
    this.seed = builder.seed;
    this.firms = builder.firms;
    this.fromYear = builder.fromYear;
    this.toYear = builder.toYear;
    this.rowsPerFile = builder.rowsPerFile;
  }

  /**
   * A builder with the defaults: seed 42, 2,000 firms, years 2016 to 2023, 1,000,000 rows per file;
   * rows unset.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the register under {@code landing} (created if missing) and returns what was written.
   *
   * @throws IllegalArgumentException when {@code landing} exists and is not a folder
   * @throws IOException when a file cannot be written; files already complete stay in place
   */
  public Summary writeTo(Path landing) throws IOException {
    Objects.requireNonNull(landing, "landing");
    checkArgument(
        !Files.exists(landing) || Files.isDirectory(landing),
        "The landing folder %s is a file, not a folder: name a folder (it is created when missing).",
        landing);
    // Separate streams for firms and contracts: the firm register does not change with the number
    // of rows.
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom firmRandom = root.split();
    SplittableRandom contractRandom = root.split();
    List<Firm> register = Firm.draw(firms, firmRandom);

    List<GeneratedFile> files = new ArrayList<>();
    Path contractsFolder = Files.createDirectories(landing.resolve("contracts"));
    ContractRows contracts = new ContractRows(register, fromYear, toYear, contractRandom);
    long written = 0;
    int part = 0;
    do {
      long first = written;
      long count = Math.min(rowsPerFile, rows - written);
      files.add(
          writeFile(
              contractsFolder.resolve(contractFileName(part)),
              "contracts",
              ContractRows.HEADER,
              sink -> {
                for (long index = first; index < first + count; index++) {
                  contracts.write(sink, index);
                }
                return count;
              }));
      written += count;
      part++;
    } while (written < rows);
    deleteStaleParts(contractsFolder, part);

    Path firmsFolder = Files.createDirectories(landing.resolve("firms"));
    files.add(
        writeFile(
            firmsFolder.resolve("firms-s" + seed + ".csv"),
            "firms",
            FirmRows.HEADER,
            sink -> FirmRows.write(sink, register, fromYear, toYear, firmRandom)));

    long firmRows = (long) firms * (toYear - fromYear + 1);
    long bytes = files.stream().mapToLong(GeneratedFile::bytes).sum();
    return new Summary(
        files, rows, firmRows, bytes, contracts.currencyTotals(), contracts.rowsByClientMarket());
  }

  private String contractFileName(int part) {
    return String.format(Locale.ROOT, "contracts-s%d-part-%05d.csv", seed, part);
  }

  /** Writes the body of one file. */
  @FunctionalInterface
  private interface Body {
    /** Writes the rows after the header and returns how many. */
    long write(ByteSink sink) throws IOException;
  }

  private static GeneratedFile writeFile(Path target, String shape, String header, Body body)
      throws IOException {
    // Hidden and not *.csv, so ingestion never picks up a file still being written.
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    long rows;
    long bytes;
    try (ByteSink sink = new ByteSink(Files.newOutputStream(temporary), BUFFER_BYTES)) {
      sink.put(header);
      sink.put('\n');
      rows = body.write(sink);
      bytes = sink.bytesWritten();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return new GeneratedFile(target, shape, rows, bytes);
  }

  /**
   * Deletes contract parts of this seed numbered {@code parts} or above, left by an earlier and
   * larger run.
   */
  private void deleteStaleParts(Path folder, int parts) throws IOException {
    Pattern ours =
        Pattern.compile(Pattern.quote("contracts-s" + seed + "-part-") + "(\\d{5})\\.csv");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        Matcher matcher = ours.matcher(file.getFileName().toString());
        if (matcher.matches() && Integer.parseInt(matcher.group(1)) >= parts) {
          Files.delete(file);
        }
      }
    }
  }

  /**
   * Sets up a {@link SyntheticRegister}; {@link #build()} checks the settings. Only {@link
   * #rows(long)} is required.
   */
  public static final class Builder {
    private long rows;
    private boolean rowsSet;
    private long seed = 42;
    private int firms = 2_000;
    private int fromYear = 2016;
    private int toYear = 2023;
    private int rowsPerFile = MAX_ROWS_PER_FILE;

    private Builder() {}

    /** Number of contract rows, 0 to {@link #MAX_ROWS}. Required. */
    public Builder rows(long rows) {
      this.rows = rows;
      this.rowsSet = true;
      return this;
    }

    /** Seed of the random streams, any long; it also names the files. Default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of firms in the register, 1 to {@link #MAX_FIRMS}. Default 2,000. */
    public Builder firms(int firms) {
      this.firms = firms;
      return this;
    }

    /**
     * Years of the contracts' signing dates and of the firm register, both included. Default 2016
     * to 2023.
     */
    public Builder years(int from, int to) {
      this.fromYear = from;
      this.toYear = to;
      return this;
    }

    /**
     * Most contract rows per file, 1 to {@link #MAX_ROWS_PER_FILE} (the default); smaller values
     * suit tests.
     */
    public Builder rowsPerFile(int rowsPerFile) {
      this.rowsPerFile = rowsPerFile;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    public SyntheticRegister build() {
      checkArgument(
          rowsSet,
          "The number of contract rows is not set: call rows(n) (--rows N) with 0 or more.");
      checkArgument(
          rows >= 0,
          "rows must be 0 or more, not %d: give the number of contract rows to write.",
          rows);
      checkArgument(
          rows <= MAX_ROWS,
          "rows must be at most %d (contract ids have ten digits), not %d: write fewer rows.",
          MAX_ROWS,
          rows);
      checkArgument(
          firms >= 1 && firms <= MAX_FIRMS,
          "firms must be between 1 and %d (contracts need a firm to reference; firm ids have six digits), not %d.",
          MAX_FIRMS,
          firms);
      checkArgument(
          fromYear <= toYear,
          "The first year %d is after the last year %d: give the earlier year first (e.g. 2016 to 2023).",
          fromYear,
          toYear);
      checkArgument(
          fromYear >= MIN_YEAR && toYear <= MAX_YEAR,
          "Years must lie between %d and %d, not %d to %d: choose a range within them.",
          MIN_YEAR,
          MAX_YEAR,
          fromYear,
          toYear);
      checkArgument(
          rowsPerFile >= 1 && rowsPerFile <= MAX_ROWS_PER_FILE,
          "rowsPerFile must be between 1 and %d, not %d.",
          MAX_ROWS_PER_FILE,
          rowsPerFile);
      long parts = Math.max(1, (rows + rowsPerFile - 1) / rowsPerFile);
      checkArgument(
          parts <= MAX_PARTS,
          "%d rows at %d rows per file need %d files, more than the %d that five-digit part numbers allow: "
              + "raise rowsPerFile.",
          rows,
          rowsPerFile,
          parts,
          MAX_PARTS);
      return new SyntheticRegister(this);
    }
  }

  /**
   * One file written.
   *
   * @param shape {@code contracts} or {@code firms}, the landing sub-folder it is in
   * @param rows data rows, without the header
   * @param bytes size of the file
   */
  public record GeneratedFile(Path path, String shape, long rows, long bytes) {}

  /**
   * The contracts of one currency, summed while they were written, as they are written (in that
   * currency, two decimals): a check for what the pipeline reads back.
   */
  public record CurrencyTotals(long rows, BigDecimal contractValue, BigDecimal executedValue) {}

  /**
   * What {@link #writeTo(Path)} wrote.
   *
   * @param files contract parts in order, then the firm register
   * @param contractRows contract rows over all parts
   * @param firmRows rows of the firm register: firms times years
   * @param bytesWritten size of all files
   * @param currencyTotals by currency ({@code USD}, {@code CNY}) present in the rows
   * @param contractRowsByClientMarket by client market present in the rows: {@code CN} first, then
   *     offshore markets
   */
  public record Summary(
      List<GeneratedFile> files,
      long contractRows,
      long firmRows,
      long bytesWritten,
      Map<String, CurrencyTotals> currencyTotals,
      Map<String, Long> contractRowsByClientMarket) {
    public Summary {
      files = List.copyOf(files);
      currencyTotals = Collections.unmodifiableMap(new LinkedHashMap<>(currencyTotals));
      contractRowsByClientMarket =
          Collections.unmodifiableMap(new LinkedHashMap<>(contractRowsByClientMarket));
    }
  }
}
