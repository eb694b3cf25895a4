package org.outsourcingstats.common.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The lookup key under which vocabulary names are matched: Unicode NFKC (so full-width ％ and （
 * match their ASCII forms), lower case, and without whitespace, underscores, hyphens, apostrophes
 * and dots. "Xi'an", "XIAN" and "xi an" share one key.
 */
public final class TextKeys {
  private TextKeys() {}

  public static String key(String text) {
    if (text == null) {
      return "";
    }
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || c == '_'
          || c == '-'
          || c == '\''
          || c == '\u2019'
          || c == '.'
          || c == '\u00b7'
          || c == '\ufeff') {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Trimmed text with a UTF-8 byte-order mark and NFKC compatibility forms removed; empty for null.
   */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).replace("\ufeff", "");
    return normalized.strip();
  }

  public static boolean isBlank(String text) {
    return text == null || clean(text).isEmpty();
  }
}
