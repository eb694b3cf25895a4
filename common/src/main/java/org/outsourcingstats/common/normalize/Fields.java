package org.outsourcingstats.common.normalize;

import java.util.Map;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.vocab.Entity;
import org.outsourcingstats.common.vocab.Vocabulary;

/** Reading required and optional fields of a row by canonical column. */
final class Fields {
  private Fields() {}

  static String required(Map<String, String> fields, String column) {
    String value = TextKeys.clean(fields.get(column));
    if (value.isEmpty()) {
      throw new RowRejection(
          ReasonCode.MISSING_FIELD,
          "required field '"
              + column
              + "' is "
              + (fields.containsKey(column) ? "empty" : "not a column of this file"));
    }
    return value;
  }

  static String optional(Map<String, String> fields, String column) {
    return TextKeys.clean(fields.get(column));
  }

  /** The entity a row's required {@code city} field names. */
  static Entity entity(Vocabulary vocabulary, Map<String, String> fields) {
    String cityText = required(fields, "city");
    return vocabulary
        .entity(cityText)
        .orElseThrow(
            () ->
                new RowRejection(
                    ReasonCode.UNKNOWN_ENTITY,
                    "entity '"
                        + cityText
                        + "' is not a known nation, province or city; add it or an alias to "
                        + "conf/reference/entities.csv"));
  }
}
