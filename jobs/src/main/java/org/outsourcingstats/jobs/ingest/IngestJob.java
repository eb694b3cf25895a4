package org.outsourcingstats.jobs.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.landing.CsvFileReader;
import org.outsourcingstats.common.landing.FileRejection;
import org.outsourcingstats.common.landing.IngestLimits;
import org.outsourcingstats.common.landing.JsonLinesReader;
import org.outsourcingstats.common.landing.RawRecord;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.DecodedText;
import org.outsourcingstats.jobs.ingest.LandingFolder.LandedFile;
import org.outsourcingstats.jobs.register.ContractClassifier;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands raw files into {@code raw_rows} (bronze), each row as text with its file, line, checksum
 * and batch, in one commit per run. A file whose checksum is already landed is skipped, so
 * re-running changes nothing. A file that is not text, is refused (a link out of the landing
 * folder, not a regular file), cannot be read, or exceeds a limit ({@link IngestLimits}) is landed
 * as one row carrying the reason, for the normalise step to quarantine; the rest of the folder
 * lands.
 *
 * <p>Small shapes are read on the driver, which splits multi-line quoted records exactly. Contract
 * registers, the large input, are read by the executors line by line ({@link RegisterReader}), and
 * typed and checked in the same pass: one read of the file and one write.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private final PipelineContext context;

  public IngestJob(PipelineContext context) {
    this.context = context;
  }

  public StepResult run() {
    Instant started = Instant.now();
    LandingFolder landing =
        LandingFolder.open(
            context.config().landing(), context.spark().sparkContext().hadoopConfiguration());
    Set<String> landed = landedChecksums();
    LandedRows rowsOf = new LandedRows(context.runId(), Timestamp.from(started));
    RegisterReader registerReader =
        new RegisterReader(
            context.spark(),
            context.config().ingestLimits(),
            rowsOf,
            new ContractClassifier(context));
    List<Row> driverRows = new ArrayList<>();
    List<Dataset<Row>> registers = new ArrayList<>();
    int files = 0;
    int skipped = 0;
    int empty = 0;
    int rejected = 0;
    for (Shape shape : Shape.values()) {
      LandingFolder.Listing listing = landing.list(shape);
      for (LandingFolder.RefusedFile refused : listing.refused()) {
        String identity = LandingFolder.identityOfUnread(refused.name(), refused.reason());
        if (landed.add(identity)) {
          LOG.warn("ingest: {} refused: {}", refused.name(), refused.reason());
          driverRows.add(
              rowsOf.wholeFile(shape, refused.name(), refused.code(), refused.reason(), identity));
          rejected++;
        }
      }
      for (LandedFile file : listing.files()) {
        if (file.length() == 0) {
          empty++;
          continue;
        }
        String sha;
        try {
          sha = landing.sha256(file);
        } catch (FileRejection unreadable) {
          String identity = LandingFolder.identityOfUnread(file.name(), unreadable.getMessage());
          if (landed.add(identity)) {
            driverRows.add(rowsOf.rejectedFile(shape, file, unreadable, identity));
            rejected++;
          }
          continue;
        }
        if (!landed.add(sha)) {
          skipped++;
          continue;
        }
        files++;
        try {
          if (shape == Shape.CONTRACTS) {
            registers.add(registerReader.read(landing, file, sha, driverRows));
          } else {
            driverRows.addAll(smallFile(shape, landing, file, sha, rowsOf));
          }
        } catch (FileRejection rejection) {
          driverRows.add(rowsOf.rejectedFile(shape, file, rejection, sha));
          rejected++;
        }
      }
    }
    long count = 0;
    // Nothing new plans no query: a process's first analysis costs most of a second.
    if (!driverRows.isEmpty() || !registers.isEmpty()) {
      Dataset<Row> rows = context.spark().createDataFrame(driverRows, Tables.RAW_ROWS.schema());
      for (Dataset<Row> register : registers) {
        rows = rows.union(register);
      }
      long before = context.tables().version(Tables.RAW_ROWS);
      context.tables().append(Tables.RAW_ROWS, rows);
      boolean committed = context.tables().version(Tables.RAW_ROWS) != before;
      count = committed ? context.tables().lastCommitRows(Tables.RAW_ROWS) : 0;
    }
    String detail =
        files
            + " new file(s), "
            + skipped
            + " already landed, "
            + empty
            + " empty, "
            + rejected
            + " quarantined whole";
    LOG.info("ingest: {}; {} raw row(s) in batch {}", detail, count, context.runId());
    return StepResult.unvalidated(Step.INGEST.id(), started, count, count, detail);
  }

  private List<Row> smallFile(
      Shape shape, LandingFolder landing, LandedFile file, String sha, LandedRows rowsOf) {
    String sourceFile = file.name();
    IngestLimits limits = context.config().ingestLimits();
    if (file.length() > limits.maxFileBytes()) {
      throw new FileRejection(
          ReasonCode.FILE_TOO_LARGE,
          "the file has "
              + file.length()
              + " bytes, more than "
              + "pipeline.ingest.max-file-bytes ("
              + limits.maxFileBytes()
              + "); a "
              + shape.folder()
              + " file is read "
              + "whole on the driver: split it, or raise the limit together with the driver's memory");
    }
    byte[] bytes = landing.readAll(file);
    Optional<DecodedText> decoded = DecodedText.decode(bytes);
    if (decoded.isEmpty()) {
      return List.of(rowsOf.undecodable(shape, sourceFile, sha, bytes.length));
    }
    String text = decoded.get().text();
    List<RawRecord> records =
        shape == Shape.BULLETIN
            ? JsonLinesReader.read(text, limits)
            : CsvFileReader.read(text, limits);
    List<Row> rows = new ArrayList<>(records.size());
    for (RawRecord record : records) {
      rows.add(rowsOf.record(shape, sourceFile, record, sha, decoded.get().encoding()));
    }
    return rows;
  }

  private Set<String> landedChecksums() {
    return context.tables().distinctValues(Tables.RAW_ROWS, "file_sha256");
  }
}
