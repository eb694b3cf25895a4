package org.outsourcingstats.common.landing;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outsourcingstats.common.text.TextKeys;

/**
 * Splits the decoded text of a CSV file into {@link RawRecord}s keyed by its header: RFC 4180 quoting (commas and
 * line breaks inside quotes), any line ending. A record with more or fewer fields than the header is kept with a
 * parse error, for the quarantine to report.
 */
public final class CsvFileReader {
  private CsvFileReader() {}

  public static List<RawRecord> read(String text) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setMaxCharsPerColumn(1 << 20);
    settings.setMaxColumns(4096);
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(new StringReader(text));
    ParsingContext context = parser.getContext();
    List<RawRecord> records = new ArrayList<>();
    String[] header = null;
    String headerLine = null;
    String[] row;
    while ((row = parser.parseNext()) != null) {
      String raw = stripLineEnd(context.currentParsedContent());
      long endLine = context.currentLine();
      long line = Math.max(1, endLine - newlines(raw));
      if (header == null) {
        header = row;
        headerLine = raw;
        for (int i = 0; i < header.length; i++) {
          header[i] = TextKeys.clean(header[i]).toLowerCase(Locale.ROOT);
        }
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(header.length, row.length); i++) {
        fields.put(header[i], row[i]);
      }
      String error = row.length == header.length ? null
          : "the row has " + row.length + " fields but the header has " + header.length;
      records.add(new RawRecord(line, raw, headerLine, fields, error));
    }
    parser.stopParsing();
    return records;
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
