package org.outsourcingstats.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.outsourcingstats.common.delta.TableSchemas;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.landing.CsvFileReader;
import org.outsourcingstats.common.landing.RawRecord;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.DecodedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands raw files into {@code raw_rows} (bronze), each row as text with its file, line, checksum and batch. A file
 * whose checksum is already landed is skipped, so re-running changes nothing. A file that is not text is landed as
 * one row carrying the reason, for the normalise step to quarantine.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  /** Shapes this build reads, by landing sub-folder. */
  static final List<String> SHAPES = List.of("observations");

  private final PipelineContext context;

  public IngestJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    Instant started = Instant.now();
    Path landing = Path.of(context.config().landing());
    if (!Files.isDirectory(landing)) {
      throw Errors.landingNotFound(landing);
    }
    Set<String> landed = landedChecksums();
    List<Row> rows = new ArrayList<>();
    int files = 0;
    int skipped = 0;
    Timestamp now = Timestamp.from(started);
    for (String shape : SHAPES) {
      for (Path file : filesOf(landing.resolve(shape))) {
        byte[] bytes = readAllBytes(file);
        String sha = sha256(bytes);
        if (!landed.add(sha)) {
          skipped++;
          continue;
        }
        files++;
        String sourceFile = file.toAbsolutePath().normalize().toString();
        var decoded = DecodedText.decode(bytes);
        if (decoded.isEmpty()) {
          rows.add(RowFactory.create(shape, sourceFile, 0L, null, null,
              ReasonCode.UNDECODABLE_FILE.name() + ": " + bytes.length + " bytes that are neither UTF-8 nor GB18030 "
                  + "text; re-export the file as UTF-8 CSV",
              null, sha, context.runId(), now));
          continue;
        }
        for (RawRecord record : CsvFileReader.read(decoded.get().text())) {
          rows.add(RowFactory.create(shape, sourceFile, record.line(), record.raw(),
              record.fields(),
              record.parseError() == null ? null : ReasonCode.FIELD_COUNT.name() + ": " + record.parseError(),
              decoded.get().encoding(), sha, context.runId(), now));
        }
      }
    }
    if (!rows.isEmpty()) {
      Dataset<Row> frame = context.spark().createDataFrame(rows, TableSchemas.RAW_ROWS_SCHEMA);
      context.tables().append(TableSchemas.RAW_ROWS, frame);
    }
    LOG.info("ingest: {} new file(s), {} already landed, {} raw row(s) in batch {}", files, skipped, rows.size(),
        context.runId());
    return new StepResult("ingest", started, Instant.now(), rows.size(), 0, 0, 0, rows.size(),
        files + " new file(s), " + skipped + " already landed");
  }

  private Set<String> landedChecksums() {
    Set<String> checksums = new HashSet<>();
    for (Row row : context.tables().read(TableSchemas.RAW_ROWS).select("file_sha256").distinct().collectAsList()) {
      checksums.add(row.getString(0));
    }
    return checksums;
  }

  private static List<Path> filesOf(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAllBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read landed file " + file, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
