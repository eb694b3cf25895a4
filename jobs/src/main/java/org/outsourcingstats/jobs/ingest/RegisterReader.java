package org.outsourcingstats.jobs.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.landing.IngestLimits;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.DecodedText;
import org.outsourcingstats.jobs.ingest.LandingFolder.LandedFile;
import org.outsourcingstats.jobs.register.ContractClassifier;
import org.outsourcingstats.jobs.tables.Tables;
import scala.Tuple2;

/**
 * A contracts register, the large input, read by the executors line by line (a register has one
 * contract a line): one raw row per non-blank line after the header, numbered by its line in the
 * file. The encoding is detected from the file's first bytes; a line that does not decode in it, or
 * is longer than the limit, is flagged alone and its neighbours are unaffected.
 */
final class RegisterReader {
  /** Bytes of a register read to detect its encoding. */
  static final int SNIFF_BYTES = 1 << 16;

  private final SparkSession spark;
  private final IngestLimits limits;
  private final LandedRows landed;
  private final ContractClassifier classifier;

  RegisterReader(
      SparkSession spark, IngestLimits limits, LandedRows landed, ContractClassifier classifier) {
    this.spark = spark;
    this.limits = limits;
    this.landed = landed;
    this.classifier = classifier;
  }

  /**
   * The register's raw rows, each typed and checked as it lands ({@link
   * ContractClassifier#landed}); an undecodable file becomes one row in {@code driverRows} instead.
   */
  Dataset<Row> read(LandingFolder landing, LandedFile file, String sha, List<Row> driverRows) {
    String sourceFile = file.name();
    Optional<Charset> charset = sniffCharset(landing.readHead(file, SNIFF_BYTES));
    if (charset.isEmpty()) {
      driverRows.add(landed.undecodable(Shape.CONTRACTS, sourceFile, sha, file.length()));
      return spark.createDataFrame(List.of(), Tables.RAW_ROWS.schema());
    }
    String encoding = charset.get().name();
    String shape = Shape.CONTRACTS.folder();
    int maxLine = limits.maxLineChars();
    // Locals, so that the functions below capture them and not this reader with its session.
    IngestLimits limits = this.limits;
    LandedRows landed = this.landed;
    // Each line with whether it decodes in the file's encoding: a line in another encoding is
    // quarantined alone (the replacement characters of a lenient decoding are checked strictly).
    JavaRDD<Tuple2<String, Boolean>> lines =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
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
    String header = stripCr(lines.first()._1());
    JavaRDD<Row> rows =
        lines
            .zipWithIndex()
            .filter(pair -> pair._2() > 0 && !pair._1()._1().isBlank())
            .map(
                pair -> {
                  String line = stripCr(pair._1()._1());
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
                                      + ", the encoding of the file (detected from its first "
                                      + "bytes); its text is kept with replacement characters. "
                                      + "Re-export the file in one encoding")
                              : null;
                  return landed
                      .row(shape, sourceFile, pair._2() + 1, sha, encoding)
                      .set("raw", tooLong ? line.substring(0, maxLine) : line)
                      .set("header", header)
                      .set("parse_error", problem)
                      .build();
                });
    return classifier.landed(spark.createDataFrame(rows, Tables.RAW_ROWS.schema()), header);
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
}
