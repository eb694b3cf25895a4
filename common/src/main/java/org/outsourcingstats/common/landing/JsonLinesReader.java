package org.outsourcingstats.common.landing;

import java.util.ArrayList;
import java.util.List;
import org.outsourcingstats.common.quality.ReasonCode;

/**
 * Splits the decoded text of a JSON Lines file into one {@link RawRecord} per non-blank line;
 * parsing is later. A line longer than {@link IngestLimits#maxLineChars} rejects the file.
 */
public final class JsonLinesReader {
  private JsonLinesReader() {}

  /**
   * The records of a file's text.
   *
   * @throws FileRejection when a line exceeds the limit
   */
  public static List<RawRecord> read(String text, IngestLimits limits) {
    List<RawRecord> records = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].length() > limits.maxLineChars()) {
        throw new FileRejection(
            ReasonCode.LINE_TOO_LONG,
            limits.lineTooLong("line " + (i + 1), lines[i].length())
                + "; write one object a line, or raise the limit");
      }
      if (!lines[i].isBlank()) {
        records.add(new RawRecord(i + 1L, lines[i], null, null, null));
      }
    }
    return records;
  }
}
