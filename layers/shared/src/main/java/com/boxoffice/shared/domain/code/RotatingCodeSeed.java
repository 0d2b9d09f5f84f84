package com.boxoffice.shared.domain.code;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a buyer's app holds to show a ticket's rotating code without a network (docs/ticket-codes.md,
 * "Rotating codes"): {@code prefix}, every byte of the code's body but the time-step counter, and
 * {@code secret}, the per-ticket key the steps are signed with. The code for the step containing
 * {@code t} is {@code Base45(prefix || u32(floor(t / step)) || HMAC-SHA256(secret, prefix ||
 * u32(...))[0..16))}, the same construction as a TOTP. The secret is derived on the server from
 * the signing key, the event, the ticket and its code version, so it is never stored and changes
 * when the ticket is reissued; it is only ever handed to the ticket's owner.
 */
public final class RotatingCodeSeed {
  private final byte[] prefix;
  private final byte[] secret;
  private final int stepSeconds;

  RotatingCodeSeed(byte[] prefix, byte[] secret, int stepSeconds) {
    this.prefix = prefix.clone();
    this.secret = secret.clone();
    this.stepSeconds = stepSeconds;
  }

  /** A seed as the order route hands it out: both byte strings in unpadded base64url. */
  public static RotatingCodeSeed of(String prefixBase64Url, String secretBase64Url, int stepSeconds) {
    Base64.Decoder d = Base64.getUrlDecoder();
    return new RotatingCodeSeed(d.decode(prefixBase64Url), d.decode(secretBase64Url), stepSeconds);
  }

  public String prefixBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(prefix);
  }

  public String secretBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  public int stepSeconds() {
    return stepSeconds;
  }

  public Duration step() {
    return Duration.ofSeconds(stepSeconds);
  }

  /** The code to show at {@code at}. */
  public String codeAt(Instant at) {
    long counter = Math.floorDiv(at.getEpochSecond(), stepSeconds);
    byte[] body = ByteBuffer.allocate(prefix.length + SignedTicketCodes.COUNTER_BYTES)
        .put(prefix).putInt((int) counter).array();
    byte[] tag = tag(secret, body);
    byte[] all = Arrays.copyOf(body, body.length + SignedTicketCodes.TAG_BYTES);
    System.arraycopy(tag, 0, all, body.length, SignedTicketCodes.TAG_BYTES);
    return Base45.encode(all);
  }

  /** When the code shown at {@code at} gives way to the next one. */
  public Instant nextChangeAfter(Instant at) {
    return Instant.ofEpochSecond((Math.floorDiv(at.getEpochSecond(), stepSeconds) + 1) * stepSeconds);
  }

  static byte[] tag(byte[] secret, byte[] body) {
    return Arrays.copyOf(SignedTicketCodes.hmac(secret, body), SignedTicketCodes.TAG_BYTES);
  }

  @Override
  public String toString() {
    return "RotatingCodeSeed[step=" + stepSeconds + "s]"; // never the secret
  }
}
