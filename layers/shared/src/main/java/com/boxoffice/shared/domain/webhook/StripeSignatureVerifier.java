package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.domain.webhook.InvalidStripeSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verifies Stripe's {@code Stripe-Signature} header ({@code t=<unix>,v1=<hex>[,v1=<hex>...]})
 * over the raw body bytes: HMAC-SHA256 of {@code "<t>." + body} under each endpoint secret,
 * compared in constant time. Any {@code v1} matching any secret accepts, which is how secret
 * rotation works (old and new secrets are configured together until the old one is rolled).
 * Unlike stripe-java, a timestamp too far in the future is refused as well as a stale one, so a
 * signature made with a wrong clock cannot be kept for later replay.
 */
public final class StripeSignatureVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  public StripeSignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("at least one non-blank webhook secret is required");
    }
    this.secrets = secrets.stream().map(s -> s.trim().getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** Parses a comma-separated secret setting ({@code whsec_new,whsec_old}). */
  public static List<String> parseSecrets(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : commaSeparated.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /**
   * Returns normally when the body is signed by one of the secrets within the tolerance, and
   * throws {@link InvalidStripeSignatureException} otherwise.
   */
  public void verify(byte[] rawBody, String header) {
    if (header == null || header.isBlank()) {
      throw new InvalidStripeSignatureException(Reason.MISSING_HEADER);
    }
    Long timestamp = null;
    List<byte[]> candidates = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        if (timestamp != null) {
          throw new InvalidStripeSignatureException(Reason.MALFORMED_HEADER);
        }
        try {
          timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new InvalidStripeSignatureException(Reason.MALFORMED_HEADER);
        }
      } else if (key.equals("v1") && !value.isEmpty()) {
        candidates.add(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (timestamp == null || candidates.isEmpty()) {
      throw new InvalidStripeSignatureException(Reason.MALFORMED_HEADER);
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
      throw new InvalidStripeSignatureException(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    }
    boolean matched = false;
    for (byte[] secret : secrets) {
      byte[] expected = StripeSignatures.hexHmac(secret, timestamp, rawBody).getBytes(StandardCharsets.US_ASCII);
      for (byte[] candidate : candidates) {
        // No early exit: every comparison runs, each in constant time.
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    if (!matched) {
      throw new InvalidStripeSignatureException(Reason.NO_MATCHING_SIGNATURE);
    }
  }
}
