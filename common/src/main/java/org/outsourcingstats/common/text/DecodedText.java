package org.outsourcingstats.common.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a landed file: UTF-8 (a byte-order mark is dropped) when its bytes are valid UTF-8,
 * else GB18030 (a superset of GBK and GB2312). Bytes that decode to control characters other than
 * tab, CR and LF are not text.
 */
public record DecodedText(String text, String encoding) {
  private static final Charset GB18030 = Charset.forName("GB18030");

  /** Decodes the bytes, or returns empty when they are not text in a supported encoding. */
  public static Optional<DecodedText> decode(byte[] bytes) {
    int offset = 0;
    String encoding = "UTF-8";
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      offset = 3;
      encoding = "UTF-8 (BOM)";
    }
    Optional<String> text = strict(StandardCharsets.UTF_8, bytes, offset);
    if (text.isEmpty() && offset == 0) {
      text = strict(GB18030, bytes, 0);
      encoding = "GB18030";
    }
    if (text.isEmpty() || !looksLikeText(text.get())) {
      return Optional.empty();
    }
    return Optional.of(new DecodedText(text.get(), encoding));
  }

  private static Optional<String> strict(Charset charset, byte[] bytes, int offset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return Optional.of(
          decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean looksLikeText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n';
      boolean privateUse =
          Character.getType(c) == Character.PRIVATE_USE
              || Character.getType(c) == Character.UNASSIGNED;
      if (control || privateUse) {
        return false;
      }
    }
    return true;
  }
}
