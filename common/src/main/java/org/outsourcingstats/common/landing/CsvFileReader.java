package org.outsourcingstats.common.landing;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.text.TextKeys;

/**
 * Splits the decoded text of a CSV file into {@link RawRecord}s keyed by its header: RFC 4180
 * quoting (commas and line breaks inside quotes), any line ending. A record with more or fewer
 * fields than the header is kept with a parse error, for the quarantine to report. A file beyond
 * the {@link IngestLimits} (a row wider than {@code maxColumns}, a field longer than {@code
 * maxFieldChars}, a record longer than {@code maxLineChars}) is rejected as a whole: past an
 * oversized field the parser cannot tell where the next record starts.
 */
public final class CsvFileReader {
  private CsvFileReader() {}

  /**
   * The records of a file's text.
   *
   * @throws FileRejection when the file exceeds a limit
   */
  public static List<RawRecord> read(String text, IngestLimits limits) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setMaxCharsPerColumn(limits.maxFieldChars());
    // One more than the limit, so that a row just over it is parsed and reported with its width.
    settings.setMaxColumns(limits.maxColumns() + 1);
    settings.setErrorContentLength(0);
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(new StringReader(text));
    ParsingContext context = parser.getContext();
    List<RawRecord> records = new ArrayList<>();
    String[] header = null;
    String headerLine = null;
    String[] row;
    while ((row = parseNext(parser, limits)) != null) {
      String raw = stripLineEnd(context.currentParsedContent());
      long endLine = context.currentLine();
      long line = Math.max(1, endLine - newlines(raw));
      if (row.length > limits.maxColumns()) {
        parser.stopParsing();
        throw tooManyColumns(line, limits);
      }
      if (raw.length() > limits.maxLineChars()) {
        parser.stopParsing();
        throw new FileRejection(
            ReasonCode.LINE_TOO_LONG,
            limits.lineTooLong("the record at line " + line, raw.length())
                + "; check its quoting, or raise the limit");
      }
      if (header == null) {
        header = row;
        headerLine = raw;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.length; i++) {
          header[i] = TextKeys.clean(header[i]).toLowerCase(Locale.ROOT);
          if (!seen.add(header[i])) {
            parser.stopParsing();
            throw new FileRejection(
                ReasonCode.DUPLICATE_COLUMN,
                "the header names the column '"
                    + header[i]
                    + "' more than once: which one holds the value is anyone's guess; keep one");
          }
        }
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(header.length, row.length); i++) {
        fields.put(header[i], row[i]);
      }
      String error =
          row.length == header.length
              ? null
              : "the row has " + row.length + " fields but the header has " + header.length;
      records.add(new RawRecord(line, raw, headerLine, fields, error));
    }
    parser.stopParsing();
    return records;
  }

  /** The next row, or the file's rejection when the parser stops at a limit. */
  private static String[] parseNext(CsvParser parser, IngestLimits limits) {
    try {
      return parser.parseNext();
    } catch (TextParsingException e) {
      long line = e.getLineIndex() + 1;
      parser.stopParsing();
      // The parser reports both limits as an ArrayIndexOutOfBoundsException; only the field's says
      // "characters".
      if (e.getMessage() != null && e.getMessage().contains("maximum number of characters")) {
        throw new FileRejection(
            ReasonCode.FIELD_TOO_LONG,
            "a field that reaches line "
                + line
                + " is longer "
                + "than pipeline.ingest.max-field-chars ("
                + limits.maxFieldChars()
                + " characters); check its quoting "
                + "(an unclosed quote runs to the end of the file), or raise the limit");
      }
      if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
        throw tooManyColumns(line, limits);
      }
      throw new FileRejection(
          ReasonCode.FIELD_COUNT,
          "the CSV parser stopped at line " + line + ": " + Errors.firstLine(e.getMessage()));
    }
  }

  private static FileRejection tooManyColumns(long line, IngestLimits limits) {
    return new FileRejection(
        ReasonCode.TOO_MANY_COLUMNS,
        "the record at line "
            + line
            + " has more than "
            + limits.maxColumns()
            + " columns (pipeline.ingest.max-columns); check its quoting (an unclosed quote joins "
            + "the lines after it into one record), split the table, or raise the limit");
  }

  private static String stripLineEnd(String raw) {
    if (raw == null) {
      return "";
    }
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
      end--;
    }
    return raw.substring(0, end);
  }

  private static long newlines(String raw) {
    return raw.chars().filter(c -> c == '\n').count();
  }
}
