package org.outsourcingstats.jobs;

import java.nio.charset.Charset;
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
import org.apache.spark.sql.RowFactory;
import org.outsourcingstats.common.delta.TableSchemas;
import org.outsourcingstats.common.landing.CsvFileReader;
import org.outsourcingstats.common.landing.JsonLinesReader;
import org.outsourcingstats.common.landing.LandingFolder;
import org.outsourcingstats.common.landing.LandingFolder.LandedFile;
import org.outsourcingstats.common.landing.RawRecord;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.DecodedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands raw files into {@code raw_rows} (bronze), each row as text with its file, line, checksum and batch, in one
 * commit per run. A file whose checksum is already landed is skipped, so re-running changes nothing. A file that
 * is not text is landed as one row carrying the reason, for the normalise step to quarantine.
 *
 * <p>Small shapes are read on the driver, which splits multi-line quoted records exactly. Contract registers, the
 * large input, are read by the executors line by line (a register has one contract a line); their encoding is
 * detected from the file's first bytes.
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
    LandingFolder landing = LandingFolder.open(context.config().landing(),
        context.spark().sparkContext().hadoopConfiguration());
    Set<String> landed = landedChecksums();
    Timestamp now = Timestamp.from(started);
    List<Row> driverRows = new ArrayList<>();
    List<Dataset<Row>> registers = new ArrayList<>();
    int files = 0;
    int skipped = 0;
    int empty = 0;
    for (Shape shape : Shape.values()) {
      for (LandedFile file : landing.files(shape)) {
        if (file.length() == 0) {
          empty++;
          continue;
        }
        String sha = landing.sha256(file);
        if (!landed.add(sha)) {
          skipped++;
          continue;
        }
        files++;
        if (shape == Shape.CONTRACTS) {
          registers.add(register(landing, file, sha, now, driverRows));
        } else {
          driverRows.addAll(smallFile(shape, landing, file, sha, now));
        }
      }
    }
    Dataset<Row> rows = context.spark().createDataFrame(driverRows, TableSchemas.RAW_ROWS_SCHEMA);
    for (Dataset<Row> register : registers) {
      rows = rows.union(register);
    }
    long count = 0;
    if (!driverRows.isEmpty() || !registers.isEmpty()) {
      long before = context.tables().version(TableSchemas.RAW_ROWS);
      context.tables().append(TableSchemas.RAW_ROWS, rows);
      boolean committed = context.tables().version(TableSchemas.RAW_ROWS) != before;
      count = committed ? context.tables().lastCommitRows(TableSchemas.RAW_ROWS) : 0;
    }
    String detail = files + " new file(s), " + skipped + " already landed, " + empty + " empty";
    LOG.info("ingest: {}; {} raw row(s) in batch {}", detail, count, context.runId());
    return new StepResult("ingest", started, Instant.now(), count, 0, 0, 0, count, detail);
  }

  private List<Row> smallFile(Shape shape, LandingFolder landing, LandedFile file, String sha, Timestamp now) {
    String sourceFile = file.name();
    byte[] bytes = landing.readAll(file);
    Optional<DecodedText> decoded = DecodedText.decode(bytes);
    if (decoded.isEmpty()) {
      return List.of(undecodable(shape, sourceFile, sha, now, bytes.length));
    }
    String text = decoded.get().text();
    List<RawRecord> records = shape == Shape.BULLETIN ? JsonLinesReader.read(text) : CsvFileReader.read(text);
    List<Row> rows = new ArrayList<>(records.size());
    for (RawRecord record : records) {
      rows.add(RowFactory.create(shape.folder(), sourceFile, record.line(), record.raw(), record.header(),
          record.fields(),
          record.parseError() == null ? null : ReasonCode.FIELD_COUNT.name() + ": " + record.parseError(),
          decoded.get().encoding(), sha, context.runId(), now));
    }
    return rows;
  }

  /**
   * A contract register read by the executors: one raw row per non-blank line after the header, numbered by its
   * line in the file. An undecodable file becomes one row in {@code driverRows} instead.
   */
  private Dataset<Row> register(LandingFolder landing, LandedFile file, String sha, Timestamp now,
      List<Row> driverRows) {
    String sourceFile = file.name();
    Optional<Charset> charset = sniffCharset(landing.readHead(file, SNIFF_BYTES));
    if (charset.isEmpty()) {
      driverRows.add(undecodable(Shape.CONTRACTS, sourceFile, sha, now, file.length()));
      return context.spark().createDataFrame(List.of(), TableSchemas.RAW_ROWS_SCHEMA);
    }
    String encoding = charset.get().name();
    String shape = Shape.CONTRACTS.folder();
    String batch = context.runId();
    JavaRDD<String> lines = JavaSparkContext.fromSparkContext(context.spark().sparkContext())
        .hadoopFile(file.uri(), TextInputFormat.class, LongWritable.class, Text.class)
        .map(pair -> {
          Text text = pair._2();
          String line = new String(text.getBytes(), 0, text.getLength(), Charset.forName(encoding));
          return line.startsWith("\ufeff") ? line.substring(1) : line;
        });
    String header = lines.first();
    JavaRDD<Row> rows = lines.zipWithIndex()
        .filter(pair -> pair._2() > 0 && !pair._1().isBlank())
        .map(pair -> RowFactory.create(shape, sourceFile, pair._2() + 1, stripCr(pair._1()), stripCr(header),
            null, null, encoding, sha, batch, now));
    return context.spark().createDataFrame(rows, TableSchemas.RAW_ROWS_SCHEMA);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** UTF-8 when the first bytes are valid UTF-8 (a multi-byte character cut at the end is allowed), else GB18030. */
  private static Optional<Charset> sniffCharset(byte[] head) {
    for (int cut = 0; cut < 4 && cut <= head.length; cut++) {
      byte[] prefix = Arrays.copyOf(head, head.length - cut);
      Optional<DecodedText> decoded = DecodedText.decode(prefix);
      if (decoded.isPresent()) {
        return Optional.of(decoded.get().encoding().startsWith("UTF-8") ? StandardCharsets.UTF_8
            : Charset.forName("GB18030"));
      }
      if (head.length < SNIFF_BYTES) {
        break;
      }
    }
    return Optional.empty();
  }

  private Row undecodable(Shape shape, String sourceFile, String sha, Timestamp now, long bytes) {
    return RowFactory.create(shape.folder(), sourceFile, 0L, null, null, null,
        ReasonCode.UNDECODABLE_FILE.name() + ": " + bytes + " bytes that are neither UTF-8 nor GB18030 text; "
            + "re-export the file as UTF-8", null, sha, context.runId(), now);
  }

  private Set<String> landedChecksums() {
    Set<String> checksums = new HashSet<>();
    for (Row row : context.tables().read(TableSchemas.RAW_ROWS).select("file_sha256").distinct().collectAsList()) {
      checksums.add(row.getString(0));
    }
    return checksums;
  }
}
