package com.boxoffice.shared.domain.code;

/**
 * Crockford's Base32 for codes people type: digits and upper-case letters without I, L, O and U.
 * Reading is forgiving the way Crockford specifies it (lower case, {@code I}/{@code L} read as 1,
 * {@code O} as 0, hyphens and spaces ignored), so a code read aloud or mistyped in those ways
 * still resolves to the one canonical spelling.
 */
public final class CrockfordBase32 {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private CrockfordBase32() {}

  /** The first {@code chars} symbols of {@code data} read as a bit string (5 bits a symbol). */
  public static String encode(byte[] data, int chars) {
    if (chars * 5 > data.length * 8) {
      throw new IllegalArgumentException("not enough bits for " + chars + " symbols");
    }
    StringBuilder out = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      int bit = i * 5;
      int value = 0;
      for (int b = 0; b < 5; b++) {
        int at = bit + b;
        value = (value << 1) | ((data[at / 8] >> (7 - at % 8)) & 1);
      }
      out.append(ALPHABET.charAt(value));
    }
    return out.toString();
  }

  /** The canonical spelling of what was typed, or {@code null} when a symbol is not Base32. */
  public static String normalize(String typed) {
    if (typed == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(typed.length());
    for (int i = 0; i < typed.length(); i++) {
      char ch = Character.toUpperCase(typed.charAt(i));
      switch (ch) {
        case '-', ' ' -> { }
        case 'I', 'L' -> out.append('1');
        case 'O' -> out.append('0');
        default -> {
          if (ALPHABET.indexOf(ch) < 0) {
            return null;
          }
          out.append(ch);
        }
      }
    }
    return out.toString();
  }
}
