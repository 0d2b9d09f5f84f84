package com.boxoffice.shared.domain.email;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the email path knows about addresses: whether one can be sent to at all, the key it is
 * counted and suppressed under (a hash, so no address is ever stored in a key or logged), and
 * the masked form logs may show.
 */
public final class EmailAddresses {
  // The WHATWG "valid e-mail address" grammar: what browsers accept, and what SES sends to.
  private static final Pattern VALID = Pattern.compile(
      "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
          + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$");

  private EmailAddresses() {}

  public static boolean isValid(String address) {
    return address != null && address.length() <= 254 && VALID.matcher(address).matches();
  }

  /** A stable, non-reversible key for the address (lower-cased, SHA-256, first 16 bytes as hex). */
  public static String key(String address) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code a***@example.com}: enough for an operator to recognise, never the whole address. */
  public static String masked(String address) {
    if (address == null) {
      return null;
    }
    int at = address.indexOf('@');
    if (at < 1) {
      return "***";
    }
    return address.charAt(0) + "***" + address.substring(at);
  }
}
