package org.outsourcingstats.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered UTF-8 line writer for the hot loop: fields arrive as pre-encoded bytes or as numbers
 * formatted in place, so that writing a row allocates nothing (no String, no encoder pass, no
 * {@code String.format}).
 */
final class ByteSink implements Closeable {
  /** Longest formatted number: 19 digits of a long, a point and two decimals. */
  private static final int MAX_NUMBER_BYTES = 24;

  private final OutputStream out;
  private final byte[] buffer;
  private int position;
  private long flushed;

  ByteSink(OutputStream out, int bufferBytes) {
    this.out = out;
    this.buffer = new byte[Math.max(bufferBytes, 4 * MAX_NUMBER_BYTES)];
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes written so far, including those still buffered. */
  long bytesWritten() {
    return flushed + position;
  }

  void put(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - position) {
      flush();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        flushed += bytes.length;
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  void put(String text) throws IOException {
    put(utf8(text));
  }

  void put(char ascii) throws IOException {
    reserve(1);
    buffer[position++] = (byte) ascii;
  }

  /** A non-negative integer in plain decimal. */
  void putLong(long value) throws IOException {
    putZeroPadded(value, 1);
  }

  /**
   * A non-negative integer in plain decimal, left-padded with zeros to at least {@code width}
   * digits.
   */
  void putZeroPadded(long value, int width) throws IOException {
    if (value < 0) {
      throw new IllegalStateException("negative value " + value + " in the generator's output");
    }
    int digits = Math.max(width, digitCount(value));
    reserve(digits);
    int end = position + digits;
    for (int i = end - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    position = end;
  }

  /**
   * An amount given in hundredths as a plain decimal with exactly two decimals: 123456 is {@code
   * 1234.56}.
   */
  void putCents(long cents) throws IOException {
    putLong(cents / 100);
    put('.');
    putZeroPadded(cents % 100, 2);
  }

  private static int digitCount(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  private void reserve(int bytes) throws IOException {
    if (bytes > buffer.length - position) {
      flush();
    }
  }

  private void flush() throws IOException {
    out.write(buffer, 0, position);
    flushed += position;
    position = 0;
  }

  @Override
  public void close() throws IOException {
    try (OutputStream closing = out) {
      flush();
    }
  }
}
