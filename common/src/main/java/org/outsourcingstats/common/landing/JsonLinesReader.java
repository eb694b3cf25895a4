package org.outsourcingstats.common.landing;

import java.util.ArrayList;
import java.util.List;

/** Splits the decoded text of a JSON Lines file into one {@link RawRecord} per non-blank line; parsing is later. */
public final class JsonLinesReader {
  private JsonLinesReader() {}

  public static List<RawRecord> read(String text) {
    List<RawRecord> records = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        records.add(new RawRecord(i + 1L, lines[i], null, null, null));
      }
    }
    return records;
  }
}
