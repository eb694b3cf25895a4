package org.outsourcingstats.jobs.export;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one CSV dialect the pipeline writes ({@code sql --format csv} and {@code export}): RFC 4180,
 * UTF-8 without a byte order mark, {@code \n} between records, a field quoted when it holds a
 * comma, quote, line break or leading or trailing space, quotes doubled. NULL is an empty field and
 * an empty string a quoted empty field ({@code ""}), so the two stay apart. Values are written
 * exactly as given: no trimming, no line-end normalisation.
 */
public final class CsvDialect {
  private CsvDialect() {}

  /** A writer of this dialect on {@code out}; the caller closes (or flushes) it. */
  public static CsvWriter writer(OutputStream out) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setNullValue("");
    settings.setEmptyValue("\"\"");
    // univocity's defaults trim spaces and leave a lone quote unescaped: both would change values.
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setQuoteEscapingEnabled(true);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    return new CsvWriter(out, StandardCharsets.UTF_8, settings);
  }
}
