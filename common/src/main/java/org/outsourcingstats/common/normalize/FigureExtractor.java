package org.outsourcingstats.common.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.units.ValueRange;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * Cuts the published figures out of a raw row of a figure shape, each as fields of the {@code
 * observations} shape:
 *
 * <ul>
 *   <li>{@code observations}: the row is one figure;
 *   <li>{@code yearbook}: each non-empty indicator column is a figure; the column header names the
 *       indicator and carries the unit in parentheses ({@code 离岸执行金额(万美元)}, {@code Employees
 *       (persons)}); the identity columns (city, year, period, sector, market, status, source)
 *       apply to every figure of the row. Yearbook marks for "not available" ({@code -}, {@code …})
 *       are no figure;
 *   <li>{@code bulletin}: a JSON object is one figure, or an entity/year header whose {@code
 *       figures} list holds figures that inherit the header's fields.
 * </ul>
 */
public final class FigureExtractor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> IDENTITY =
      Set.of("city", "year", "period", "sector", "market", "status", "source");
  private static final Set<String> NOT_AVAILABLE =
      Set.of("", "-", "--", "—", "…", "...", "n/a", "na", "null", "/");
  private static final Pattern HEADER_UNIT = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$");

  /**
   * Bulletin lines: a key given twice is an error (RFC 8259 leaves it open; taking either value
   * would pick one silently), and numbers stay exact decimals as written, so that {@code 1e400} is
   * a number out of range rather than a double's infinity.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private final Vocabulary vocabulary;

  public FigureExtractor(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * The figures of one raw row.
   *
   * @param fields the row's values by header as written (CSV shapes), or null
   * @param raw the row's text (JSON shapes)
   * @throws RowRejection when the row as a whole cannot be read, or holds no figure
   */
  public List<Figure> figures(Shape shape, Map<String, String> fields, String raw) {
    List<Figure> figures =
        switch (shape) {
          case OBSERVATIONS -> List.of(new Figure(null, canonical(fields)));
          case YEARBOOK -> yearbook(fields);
          case BULLETIN -> bulletin(raw);
          default ->
              throw new IllegalArgumentException("shape " + shape + " holds no published figures");
        };
    if (figures.isEmpty()) {
      throw new RowRejection(ReasonCode.EMPTY_ROW, "the row holds no figure");
    }
    return figures;
  }

  /** The row's values under canonical column names; headers that name no column are ignored. */
  public Map<String, String> canonical(Map<String, String> fields) {
    Map<String, String> canonical = new HashMap<>();
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      vocabulary
          .column(field.getKey())
          .ifPresent(
              column -> {
                canonical.put(column, field.getValue());
                String other = headers.putIfAbsent(column, field.getKey());
                if (other != null) {
                  throw twoNamesForOneColumn(column, other, field.getKey());
                }
              });
    }
    return canonical;
  }

  /**
   * Two headers (or keys) naming one column: which holds the value is anyone's guess, so the row is
   * refused.
   */
  private static RowRejection twoNamesForOneColumn(String column, String first, String second) {
    return new RowRejection(
        ReasonCode.DUPLICATE_COLUMN,
        "'"
            + first
            + "' and '"
            + second
            + "' both name the column "
            + column
            + "; keep one of them");
  }

  private List<Figure> yearbook(Map<String, String> fields) {
    Map<String, String> identity = new HashMap<>();
    Map<String, String> identityHeaders = new HashMap<>();
    List<Map.Entry<String, String>> cells = new ArrayList<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String column = vocabulary.column(field.getKey()).orElse(null);
      if (column != null && IDENTITY.contains(column)) {
        if (identity.containsKey(column)) {
          throw twoNamesForOneColumn(column, identityHeaders.get(column), field.getKey());
        }
        identity.put(column, field.getValue());
        identityHeaders.put(column, field.getKey());
      } else {
        cells.add(field);
      }
    }
    List<Figure> figures = new ArrayList<>();
    for (Map.Entry<String, String> cell : cells) {
      String value = TextKeys.clean(cell.getValue());
      if (NOT_AVAILABLE.contains(value.toLowerCase())) {
        continue;
      }
      Map<String, String> figure = new HashMap<>(identity);
      String header = TextKeys.clean(cell.getKey());
      Matcher unit = HEADER_UNIT.matcher(header);
      figure.put("indicator", unit.matches() ? unit.group(1) : header);
      figure.put("unit", unit.matches() ? unit.group(2) : "");
      figure.put("value", value);
      figures.add(new Figure("column '" + cell.getKey() + "'", figure));
    }
    return figures;
  }

  private List<Figure> bulletin(String raw) {
    JsonNode node;
    try {
      node = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new RowRejection(
          ReasonCode.INVALID_JSON, "the line is not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new RowRejection(ReasonCode.INVALID_JSON, "the line is not a JSON object");
    }
    Map<String, String> header = canonical(textFields(node));
    JsonNode nested = node.get("figures");
    if (nested == null) {
      return List.of(new Figure(null, header));
    }
    if (!nested.isArray()) {
      throw new RowRejection(ReasonCode.INVALID_JSON, "'figures' must be a list of figure objects");
    }
    List<Figure> figures = new ArrayList<>();
    for (int i = 0; i < nested.size(); i++) {
      JsonNode item = nested.get(i);
      Map<String, String> figure = new HashMap<>(header);
      if (item.isObject()) {
        figure.putAll(canonical(textFields(item)));
      } else {
        figure.put("indicator", "");
      }
      figures.add(new Figure("figures[" + i + "]", figure));
    }
    return figures;
  }

  /**
   * A JSON number as the text of a figure, in plain notation as bulletins write it. A number out of
   * all proportion is refused here, before any text is expanded: Jackson reads a literal beyond a
   * double's range ({@code 1e400}) as infinity up to 2.17 and as an exact decimal from 2.18 on
   * (Spark 3.5 and Spark 4 ship one each), and both must end the same way.
   */
  private static String numberText(String field, JsonNode number) {
    boolean infinite =
        (number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue());
    BigDecimal decimal = infinite ? null : number.decimalValue();
    if (decimal != null && decimal.signum() == 0) {
      return "0";
    }
    if (decimal == null || !ValueRange.withinWrittenRange(decimal)) {
      throw new RowRejection(
          ReasonCode.VALUE_OUT_OF_RANGE,
          "the number of '"
              + field
              + "' lies beyond "
              + "the range of a figure (below 10^18 once normalised); check the number and its exponent");
    }
    return decimal.toPlainString();
  }

  private static Map<String, String> textFields(JsonNode object) {
    Map<String, String> fields = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      JsonNode value = entry.getValue();
      if (value.isValueNode() && !value.isNull()) {
        fields.put(
            entry.getKey(), value.isNumber() ? numberText(entry.getKey(), value) : value.asText());
      }
    }
    return fields;
  }
}
