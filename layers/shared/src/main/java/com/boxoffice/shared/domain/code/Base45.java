package com.boxoffice.shared.domain.code;

/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric alphabet, so a
 * ticket code is encoded in the QR symbol's dense alphanumeric mode. Decoding is strict: a
 * character outside the alphabet, a length of the form {@code 3k+1}, or a triple or pair that
 * does not come from an encoding is refused, so every code has exactly one accepted spelling.
 */
public final class Base45 {
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base45() {}

  public static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length / 2) * 3 + 2);
    int i = 0;
    for (; i + 1 < data.length; i += 2) {
      int n = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
      out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt((n / 45) % 45)).append(ALPHABET.charAt(n / 2025));
    }
    if (i < data.length) {
      int n = data[i] & 0xFF;
      out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
    }
    return out.toString();
  }

  /** The bytes {@code text} encodes, or {@code null} when it is not a canonical Base45 string. */
  public static byte[] decodeOrNull(String text) {
    if (text == null || text.length() % 3 == 1) {
      return null;
    }
    // Every three characters are two bytes, a final pair one: the length is known up front.
    byte[] out = new byte[text.length() / 3 * 2 + (text.length() % 3 == 2 ? 1 : 0)];
    int o = 0;
    int i = 0;
    for (; i + 2 < text.length(); i += 3) {
      int c = value(text.charAt(i));
      int d = value(text.charAt(i + 1));
      int e = value(text.charAt(i + 2));
      if (c < 0 || d < 0 || e < 0) {
        return null;
      }
      int n = c + d * 45 + e * 2025;
      if (n > 0xFFFF) {
        return null;
      }
      out[o++] = (byte) (n >> 8);
      out[o++] = (byte) n;
    }
    if (i < text.length()) {
      int c = value(text.charAt(i));
      int d = value(text.charAt(i + 1));
      if (c < 0 || d < 0) {
        return null;
      }
      int n = c + d * 45;
      if (n > 0xFF) {
        return null;
      }
      out[o] = (byte) n;
    }
    return out;
  }

  private static int value(char ch) {
    return ch < 128 ? VALUES[ch] : -1;
  }
}
