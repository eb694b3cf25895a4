package org.outsourcingstats.common.report;

import java.util.Locale;

/**
 * Writes SVG markup. Every attribute value and text node goes through {@link #escape}, so names
 * such as {@code AT&T <"Q1">} cannot break the document; coordinates are written in a fixed,
 * locale-independent form.
 */
final class SvgWriter {
  private final StringBuilder out = new StringBuilder();

  /** Escapes text for an XML/HTML attribute value or text node. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A coordinate with at most two decimals and no exponent: {@code 30}, {@code 181.14}. */
  static String number(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    return text.equals("-0") ? "0" : text;
  }

  /**
   * Opens {@code tag} with attributes given as name, value pairs; a null value leaves the attribute
   * out.
   */
  SvgWriter open(String tag, Object... attributes) {
    start(tag, attributes);
    out.append('>');
    return this;
  }

  /** An element without content. */
  SvgWriter empty(String tag, Object... attributes) {
    start(tag, attributes);
    out.append("/>");
    return this;
  }

  /** An element holding escaped text. */
  SvgWriter text(String tag, String text, Object... attributes) {
    open(tag, attributes);
    out.append(escape(text));
    return close(tag);
  }

  SvgWriter close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  private void start(String tag, Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException(
          "attributes come in name, value pairs: " + attributes.length + " given");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value != null) {
        String text =
            value instanceof Double || value instanceof Float
                ? number(((Number) value).doubleValue())
                : value.toString();
        out.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
