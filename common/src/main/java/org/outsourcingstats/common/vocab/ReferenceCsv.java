package org.outsourcingstats.common.vocab;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.outsourcingstats.common.error.Errors;

/**
 * Reads one reference CSV (header line, UTF-8) either from a folder or from the copy bundled in the
 * jar.
 */
final class ReferenceCsv {
  static final String BUNDLED_PREFIX = "/org/outsourcingstats/reference/";

  private ReferenceCsv() {}

  /** One row of a reference file: its line number and its fields by lower-case header name. */
  record Row(long line, Map<String, String> fields) {
    String get(String column) {
      String value = fields.get(column);
      return value == null ? "" : value.strip();
    }

    String required(String file, String column) {
      String value = get(column);
      if (value.isEmpty()) {
        throw Errors.referenceFileInvalid(file, line, "column '" + column + "' is empty");
      }
      return value;
    }
  }

  static List<Row> read(Path folder, String name) {
    try (Reader reader = open(folder, name)) {
      CsvParserSettings settings = new CsvParserSettings();
      settings.setLineSeparatorDetectionEnabled(true);
      settings.setSkipEmptyLines(true);
      settings.setNullValue("");
      settings.setEmptyValue("");
      CsvParser parser = new CsvParser(settings);
      List<String[]> records = parser.parseAll(reader);
      if (records.isEmpty()) {
        throw Errors.referenceFileInvalid(name, 1, "the file has no header line");
      }
      String[] header = records.get(0);
      List<Row> rows = new ArrayList<>(records.size() - 1);
      for (int i = 1; i < records.size(); i++) {
        String[] record = records.get(i);
        if (record.length > header.length) {
          throw Errors.referenceFileInvalid(
              name,
              i + 1L,
              "it has " + record.length + " fields but the header names " + header.length);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
          fields.put(
              header[c].strip().toLowerCase(Locale.ROOT), c < record.length ? record[c] : "");
        }
        rows.add(new Row(i + 1L, fields));
      }
      return rows;
    } catch (IOException e) {
      throw Errors.referenceFileInvalid(name, 0, e.getMessage());
    }
  }

  private static Reader open(Path folder, String name) throws IOException {
    if (folder != null) {
      Path file = folder.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw Errors.referenceFileMissing(name, folder.toString());
      }
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
    InputStream in = ReferenceCsv.class.getResourceAsStream(BUNDLED_PREFIX + name);
    if (in == null) {
      throw Errors.referenceFileMissing(name, "the application jar (" + BUNDLED_PREFIX + ")");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  static List<String> splitAliases(String aliases) {
    List<String> out = new ArrayList<>();
    for (String alias : aliases.split("\\|")) {
      if (!alias.isBlank()) {
        out.add(alias.strip());
      }
    }
    return out;
  }
}
