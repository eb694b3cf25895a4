package org.outsourcingstats.common.units;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.vocab.UnitToken;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * Reads a published value and unit as bureaus write them: thousands separators ({@code 1,309.3}),
 * scale words in the value or the unit ({@code 1.8 billion}, {@code 14亿}, {@code 万美元}, {@code USD
 * bn}), currency signs ({@code $1.8 billion}), percent signs ({@code 28.6%}), and the exponent
 * notation of JSON numbers ({@code 1.8e9}). A number out of all proportion ({@code 1e400}) is
 * {@link ReasonCode#VALUE_OUT_OF_RANGE}, never a failure.
 */
public final class QuantityParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern NUMBER =
      Pattern.compile("^([+-]?)((?:\\d{1,3}(?:[, ]\\d{3})+)|\\d+)?(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final List<String> APPROXIMATE_PREFIXES =
      List.of("approximately", "approx", "about", "around", "nearly", "约", "約", "近", "~", "≈");
  private static final List<String> BOUND_PREFIXES =
      List.of("morethan", "over", "above", "atleast", "超过", "超過", "逾", "以上", ">", "<", "≥", "≤");

  private final Vocabulary vocabulary;
  private final int longestKey;

  public QuantityParser(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.longestKey = vocabulary.longestUnitOrScaleKey();
  }

  /**
   * Parses one figure.
   *
   * @throws RowRejection with {@link ReasonCode#INVALID_VALUE} when there is no number, or {@link
   *     ReasonCode#UNKNOWN_UNIT} when the words around it are not units or scales
   */
  public Quantity parse(String valueText, String unitText) {
    String value = TextKeys.clean(valueText);
    boolean approximate = false;
    String lowered = value.toLowerCase(java.util.Locale.ROOT);
    for (String bound : BOUND_PREFIXES) {
      if (lowered.replace(" ", "").startsWith(bound)) {
        throw new RowRejection(
            ReasonCode.INVALID_VALUE,
            "value '" + valueText + "' is a bound, not a figure; publish the figure itself");
      }
    }
    for (String prefix : APPROXIMATE_PREFIXES) {
      if (lowered.startsWith(prefix)) {
        approximate = true;
        value = value.substring(prefix.length()).strip();
        break;
      }
    }
    StringBuilder unitWords = new StringBuilder();
    // Currency signs written before the number: $1.8 billion, US$ 300 million, ¥14亿.
    for (String sign : List.of("US$", "us$", "$", "¥")) {
      if (value.startsWith(sign)) {
        unitWords.append(sign).append(' ');
        value = value.substring(sign.length()).strip();
        break;
      }
    }
    Matcher matcher = NUMBER.matcher(value);
    if (!matcher.find() || (matcher.group(2) == null && matcher.group(3) == null)) {
      throw new RowRejection(ReasonCode.INVALID_VALUE, "value '" + valueText + "' is not a number");
    }
    String digits =
        matcher.group(1)
            + (matcher.group(2) == null ? "0" : matcher.group(2).replaceAll("[, ]", ""))
            + (matcher.group(3) == null ? "" : matcher.group(3))
            + (matcher.group(4) == null ? "" : matcher.group(4));
    BigDecimal number;
    try {
      number = ValueRange.written(new BigDecimal(digits), valueText);
    } catch (NumberFormatException e) { // an exponent beyond the range of an int
      throw ValueRange.outOfRange(valueText);
    }
    unitWords
        .append(value.substring(matcher.end()))
        .append(' ')
        .append(unitText == null ? "" : unitText);

    BigDecimal scale = BigDecimal.ONE;
    UnitToken unit = null;
    for (String token : tokenize(TextKeys.key(unitWords.toString()), valueText, unitText)) {
      var unitToken = vocabulary.unitByKey(token);
      if (unitToken.isPresent()) {
        if (unit != null && !sameUnit(unit, unitToken.get())) {
          throw new RowRejection(
              ReasonCode.UNIT_MISMATCH,
              "value '"
                  + valueText
                  + "' with unit '"
                  + unitText
                  + "' names two different units: "
                  + unit.token()
                  + " and "
                  + unitToken.get().token());
        }
        unit = unitToken.get();
      } else {
        scale = scale.multiply(vocabulary.scaleByKey(token).orElseThrow());
      }
    }
    return new Quantity(number.multiply(scale), unit, approximate);
  }

  private static boolean sameUnit(UnitToken a, UnitToken b) {
    return a.kind() == b.kind() && java.util.Objects.equals(a.currency(), b.currency());
  }

  /**
   * Splits the unit words into vocabulary tokens, preferring the longest token at each position.
   */
  private List<String> tokenize(String key, String valueText, String unitText) {
    List<String> tokens = new ArrayList<>();
    if (!split(key, 0, tokens)) {
      throw new RowRejection(
          ReasonCode.UNKNOWN_UNIT,
          "unit '"
              + (unitText == null ? "" : unitText)
              + "' (with value '"
              + valueText
              + "') holds words that are not units or scales in conf/reference");
    }
    return tokens;
  }

  private boolean split(String key, int from, List<String> tokens) {
    if (from == key.length()) {
      return true;
    }
    for (int end = Math.min(key.length(), from + longestKey); end > from; end--) {
      String candidate = key.substring(from, end);
      if (vocabulary.unitByKey(candidate).isPresent()
          || vocabulary.scaleByKey(candidate).isPresent()) {
        tokens.add(candidate);
        if (split(key, end, tokens)) {
          return true;
        }
        tokens.remove(tokens.size() - 1);
      }
    }
    return false;
  }
}
