package org.outsourcingstats.jobs.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.Step;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.RowBuilder;
import org.outsourcingstats.jobs.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Lands raw files into {@code raw_rows} (bronze), each row as text with its file, line, checksum
 * and batch, in one commit per run. A file whose checksum is already landed is skipped, so
 * re-running changes nothing. A file that is not text, is refused (a link out of the landing
 * folder, not a regular file), cannot be read, or exceeds a limit ({@link IngestLimits}) is landed
 * as one row carrying the reason, for the normalise step to quarantine; the rest of the folder
 * lands.
 *
 * <p>Small shapes are read on the driver, which splits multi-line quoted records exactly. Contract
 * registers, the large input, are read by the executors line by line (a register has one contract a
 * line); their encoding is detected from the file's first bytes.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final int SNIFF_BYTES = 1 << 16;

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
    Timestamp now = Timestamp.from(started);
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
              wholeFile(
                  shape, refused.name(), refused.code(), refused.reason(), null, identity, now));
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
            driverRows.add(rejectedFile(shape, file, unreadable, identity, now));
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
            registers.add(register(landing, file, sha, now, driverRows));
          } else {
            driverRows.addAll(smallFile(shape, landing, file, sha, now));
          }
        } catch (FileRejection rejection) {
          driverRows.add(rejectedFile(shape, file, rejection, sha, now));
          rejected++;
        }
      }
    }
    Dataset<Row> rows = context.spark().createDataFrame(driverRows, Tables.RAW_ROWS.schema());
    for (Dataset<Row> register : registers) {
      rows = rows.union(register);
    }
    long count = 0;
    if (!driverRows.isEmpty() || !registers.isEmpty()) {
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
      Shape shape, LandingFolder landing, LandedFile file, String sha, Timestamp now) {
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
      return List.of(undecodable(shape, sourceFile, sha, now, bytes.length));
    }
    String text = decoded.get().text();
    List<RawRecord> records =
        shape == Shape.BULLETIN
            ? JsonLinesReader.read(text, limits)
            : CsvFileReader.read(text, limits);
    List<Row> rows = new ArrayList<>(records.size());
    for (RawRecord record : records) {
      rows.add(
          Tables.RAW_ROWS
              .row()
              .set("shape", shape.folder())
              .set("source_file", sourceFile)
              .set("source_line", record.line())
              .set("raw", record.raw())
              .set("header", record.header())
              .set("fields", record.fields())
              .set(
                  "parse_error",
                  record.parseError() == null
                      ? null
                      : ReasonCode.FIELD_COUNT.written(record.parseError()))
              .set("encoding", decoded.get().encoding())
              .set("file_sha256", sha)
              .set("batch_id", context.runId())
              .set("ingested_at", now)
              .build());
    }
    return rows;
  }

  /**
   * A contract register read by the executors: one raw row per non-blank line after the header,
   * numbered by its line in the file. An undecodable file becomes one row in {@code driverRows}
   * instead.
   */
  private Dataset<Row> register(
      LandingFolder landing, LandedFile file, String sha, Timestamp now, List<Row> driverRows) {
    String sourceFile = file.name();
    Optional<Charset> charset = sniffCharset(landing.readHead(file, SNIFF_BYTES));
    if (charset.isEmpty()) {
      driverRows.add(undecodable(Shape.CONTRACTS, sourceFile, sha, now, file.length()));
      return context.spark().createDataFrame(List.of(), Tables.RAW_ROWS.schema());
    }
    String encoding = charset.get().name();
    String shape = Shape.CONTRACTS.folder();
    String batch = context.runId();
    IngestLimits limits = context.config().ingestLimits();
    int maxLine = limits.maxLineChars();
    // Each line with whether it decodes in the file's encoding: a register is decoded line by line,
    // so a line in
    // another encoding is quarantined alone (the replacement characters of a lenient decoding are
    // checked strictly).
    JavaRDD<Tuple2<String, Boolean>> lines =
        JavaSparkContext.fromSparkContext(context.spark().sparkContext())
            .hadoopFile(file.uri(), TextInputFormat.class, LongWritable.class, Text.class)
            .map(
                pair -> {
                  Text text = pair._2();
                  String line =
                      new String(text.getBytes(), 0, text.getLength(), Charset.forName(encoding));
                  boolean decodes = line.indexOf('\ufffd') < 0 || decodesStrictly(text, encoding);
                  return new Tuple2<>(
                      line.startsWith("\ufeff") ? line.substring(1) : line, decodes);
                });
    String header = lines.first()._1();
    RowBuilder rawRows = new RowBuilder(Tables.RAW_ROWS.schema());
    JavaRDD<Row> rows =
        lines
            .zipWithIndex()
            .filter(pair -> pair._2() > 0 && !pair._1()._1().isBlank())
            .map(
                pair -> {
                  String line = stripCr(pair._1()._1());
                  // A register is read line by line: an oversized line is quarantined alone, its
                  // neighbours are unaffected.
                  boolean tooLong = line.length() > maxLine;
                  String problem =
                      tooLong
                          ? ReasonCode.LINE_TOO_LONG.written(
                              limits.lineTooLong("the line", line.length())
                                  + "; only its first "
                                  + maxLine
                                  + " characters are kept")
                          : !pair._1()._2()
                              ? ReasonCode.UNDECODABLE_ROW.written(
                                  "the line is not valid "
                                      + encoding
                                      + ", the "
                                      + "encoding of the file (detected from its first bytes); its text is kept with replacement "
                                      + "characters. Re-export the file in one encoding")
                              : null;
                  return rawRows
                      .row()
                      .set("shape", shape)
                      .set("source_file", sourceFile)
                      .set("source_line", pair._2() + 1)
                      .set("raw", tooLong ? line.substring(0, maxLine) : line)
                      .set("header", stripCr(header))
                      .set("parse_error", problem)
                      .set("encoding", encoding)
                      .set("file_sha256", sha)
                      .set("batch_id", batch)
                      .set("ingested_at", now)
                      .build();
                });
    return context.spark().createDataFrame(rows, Tables.RAW_ROWS.schema());
  }

  private static boolean decodesStrictly(Text text, String encoding) {
    try {
      Charset.forName(encoding)
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(text.getBytes(), 0, text.getLength()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /**
   * UTF-8 when the first bytes are valid UTF-8 (a multi-byte character cut at the end is allowed),
   * else GB18030.
   */
  private static Optional<Charset> sniffCharset(byte[] head) {
    for (int cut = 0; cut < 4 && cut <= head.length; cut++) {
      byte[] prefix = Arrays.copyOf(head, head.length - cut);
      Optional<DecodedText> decoded = DecodedText.decode(prefix);
      if (decoded.isPresent()) {
        return Optional.of(
            decoded.get().encoding().startsWith("UTF-8")
                ? StandardCharsets.UTF_8
                : Charset.forName("GB18030"));
      }
      if (head.length < SNIFF_BYTES) {
        break;
      }
    }
    return Optional.empty();
  }

  private Row undecodable(Shape shape, String sourceFile, String sha, Timestamp now, long bytes) {
    return wholeFile(
        shape,
        sourceFile,
        ReasonCode.UNDECODABLE_FILE,
        bytes
            + " bytes that are not text in UTF-8 or "
            + "GB18030 (byte sequences invalid in both, mixed encodings, or control characters such as NUL); re-export "
            + "the file as UTF-8 text",
        null,
        sha,
        now);
  }

  private Row rejectedFile(
      Shape shape, LandedFile file, FileRejection rejection, String identity, Timestamp now) {
    LOG.warn(
        "ingest: {} quarantined whole ({}): {}",
        file.name(),
        rejection.code(),
        rejection.getMessage());
    return wholeFile(
        shape, file.name(), rejection.code(), rejection.getMessage(), null, identity, now);
  }

  /**
   * The one raw row that stands for a file quarantined as a whole: line 0, no text, the reason as
   * parse error.
   */
  private Row wholeFile(
      Shape shape,
      String sourceFile,
      ReasonCode code,
      String reason,
      String encoding,
      String identity,
      Timestamp now) {
    return Tables.RAW_ROWS
        .row()
        .set("shape", shape.folder())
        .set("source_file", sourceFile)
        .set("source_line", 0L)
        .set("parse_error", code.written(reason))
        .set("encoding", encoding)
        .set("file_sha256", identity)
        .set("batch_id", context.runId())
        .set("ingested_at", now)
        .build();
  }

  private Set<String> landedChecksums() {
    Set<String> checksums = new HashSet<>();
    for (Row row :
        context.tables().read(Tables.RAW_ROWS).select("file_sha256").distinct().collectAsList()) {
      checksums.add(row.getString(0));
    }
    return checksums;
  }
}
