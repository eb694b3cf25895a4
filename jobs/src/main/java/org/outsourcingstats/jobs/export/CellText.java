package org.outsourcingstats.jobs.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;

/**
 * The exact text of a value of a Spark {@link Row}, as {@code sql} prints it and {@code export}
 * writes it. Numbers are written losslessly and never in scientific notation: a DECIMAL as its
 * plain digits at its scale ({@code 1800000000.000000}), a DOUBLE as the shortest decimal that
 * reads back as the same double, spelled out ({@code 1.0E10} becomes {@code 10000000000}).
 * Timestamps are ISO-8601 instants in UTC ({@code 2024-05-01T08:30:00.123456Z}), dates ISO dates,
 * binary Base64, arrays, maps and structs JSON.
 */
public final class CellText {
  private static final JsonFactory JSON = new JsonFactory();

  private CellText() {}

  /** The text of {@code value}, or null for NULL. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double number) {
      return plain(number);
    }
    if (value instanceof Float number) {
      return Float.isFinite(number) ? spelledOut(Float.toString(number)) : number.toString();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Row || value instanceof scala.collection.Iterable<?>) {
      StringWriter json = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(json)) {
        writeJson(generator, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return json.toString();
    }
    // Strings, integers, booleans, java.sql.Date and the java.time types print themselves in ISO
    // form.
    return value.toString();
  }

  /**
   * The shortest text that reads back as the same double, without exponent; NaN and ±Infinity as
   * Java spells them.
   */
  public static String plain(double number) {
    return Double.isFinite(number) ? spelledOut(Double.toString(number)) : Double.toString(number);
  }

  /**
   * Writes {@code value} as a JSON value: numbers as JSON numbers with the digits of {@link #text}
   * (DECIMAL stays exact for readers that parse it so), NaN and ±Infinity as strings (JSON has no
   * such numbers), booleans as booleans, structs and maps as objects, arrays as arrays, everything
   * else as the string {@link #text} gives.
   */
  public static void writeJson(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal.toPlainString());
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        json.writeNumber(text(value));
      } else {
        json.writeString(text(value));
      }
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof Row row) {
      writeStruct(json, row);
    } else if (value instanceof scala.collection.Map<?, ?> map) {
      json.writeStartObject();
      Iterator<? extends scala.Tuple2<?, ?>> entries = map.iterator();
      while (entries.hasNext()) {
        scala.Tuple2<?, ?> entry = entries.next();
        json.writeFieldName(String.valueOf(text(entry._1())));
        writeJson(json, entry._2());
      }
      json.writeEndObject();
    } else if (value instanceof scala.collection.Iterable<?> items) {
      json.writeStartArray();
      Iterator<?> elements = items.iterator();
      while (elements.hasNext()) {
        writeJson(json, elements.next());
      }
      json.writeEndArray();
    } else {
      json.writeString(text(value));
    }
  }

  private static void writeStruct(JsonGenerator json, Row row) throws IOException {
    StructType schema = row.schema();
    if (schema == null) {
      json.writeStartArray();
      for (int i = 0; i < row.length(); i++) {
        writeJson(json, row.get(i));
      }
      json.writeEndArray();
      return;
    }
    json.writeStartObject();
    for (int i = 0; i < row.length(); i++) {
      json.writeFieldName(schema.fields()[i].name());
      writeJson(json, row.get(i));
    }
    json.writeEndObject();
  }

  /**
   * Java's shortest round-trip digits, with an exponent ({@code 1.0E-5}) spelled out ({@code
   * 0.00001}).
   */
  private static String spelledOut(String javaText) {
    return javaText.indexOf('E') < 0
        ? javaText
        : new BigDecimal(javaText).stripTrailingZeros().toPlainString();
  }
}
