package org.outsourcingstats.jobs.ingest;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.landing.FileRejection;
import org.outsourcingstats.common.landing.RawRecord;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.jobs.ingest.LandingFolder.LandedFile;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code raw_rows} of one batch: every row it lands carries the batch and the moment. */
final class LandedRows implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LandedRows.class);

  private final RowBuilder rows = new RowBuilder(Tables.RAW_ROWS.schema());
  private final String batch;
  private final Timestamp landedAt;

  LandedRows(String batch, Timestamp landedAt) {
    this.batch = batch;
    this.landedAt = landedAt;
  }

  /** A row of {@code file} with its text, and its parse error if any. */
  RowBuilder.Values row(String shape, String sourceFile, long line, String sha, String encoding) {
    return rows.row()
        .set("shape", shape)
        .set("source_file", sourceFile)
        .set("source_line", line)
        .set("encoding", encoding)
        .set("file_sha256", sha)
        .set("batch_id", batch)
        .set("ingested_at", landedAt);
  }

  /** A record of a file read whole on the driver. */
  Row record(Shape shape, String sourceFile, RawRecord record, String sha, String encoding) {
    return row(shape.folder(), sourceFile, record.line(), sha, encoding)
        .set("raw", record.raw())
        .set("header", record.header())
        .set("fields", record.fields())
        .set(
            "parse_error",
            record.parseError() == null
                ? null
                : ReasonCode.FIELD_COUNT.written(record.parseError()))
        .build();
  }

  /** The row of a file whose bytes are not text in any supported encoding. */
  Row undecodable(Shape shape, String sourceFile, String sha, long bytes) {
    return wholeFile(
        shape,
        sourceFile,
        ReasonCode.UNDECODABLE_FILE,
        bytes
            + " bytes that are not text in UTF-8 or GB18030 (byte sequences invalid in both, mixed "
            + "encodings, or control characters such as NUL); re-export the file as UTF-8 text",
        sha);
  }

  /** The row of a file that was refused or could not be read. */
  Row rejectedFile(Shape shape, LandedFile file, FileRejection rejection, String identity) {
    LOG.warn(
        "ingest: {} quarantined whole ({}): {}",
        file.name(),
        rejection.code(),
        rejection.getMessage());
    return wholeFile(shape, file.name(), rejection.code(), rejection.getMessage(), identity);
  }

  /**
   * The one raw row that stands for a file quarantined as a whole: line 0, no text, the reason as
   * parse error.
   */
  Row wholeFile(Shape shape, String sourceFile, ReasonCode code, String reason, String identity) {
    return row(shape.folder(), sourceFile, 0L, identity, null)
        .set("parse_error", code.written(reason))
        .build();
  }
}
