package com.boxoffice.shared.domain.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes {@code Stripe-Signature} headers the way Stripe does, for tests, {@code sam local invoke}
 * and the local runner, which "pays" a pending checkout by posting a freshly signed
 * {@code checkout.session.completed} to the local webhook.
 */
public final class StripeSignatures {
  private StripeSignatures() {}

  /** The header value {@code t=<epoch seconds>,v1=<hex HMAC-SHA256>} for {@code payload} at {@code at}. */
  public static String sign(byte[] payload, String secret, Instant at) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + hexHmac(secret.getBytes(StandardCharsets.UTF_8), t, payload);
  }

  static String hexHmac(byte[] secret, long timestamp, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      ByteArrayOutputStream signed = new ByteArrayOutputStream(payload.length + 16);
      signed.writeBytes((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      signed.writeBytes(payload);
      return HexFormat.of().formatHex(mac.doFinal(signed.toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
