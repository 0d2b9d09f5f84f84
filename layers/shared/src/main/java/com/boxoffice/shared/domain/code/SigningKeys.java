package com.boxoffice.shared.domain.code;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The master secrets ticket codes are signed with, by key number (docs/ticket-codes.md). Key ids
 * are {@code k1} to {@code k255}; the number travels in every code as one byte. New codes are
 * signed with {@code active}; a code under any other listed key is accepted until that key's
 * {@code notAfter}, then refused, which is the rotation overlap. {@code fallback} is the key the
 * typable fallback codes are derived from; it stays the same across rotations so printed fallback
 * codes keep working. Plain values: {@code config.SigningKeysSetting} reads them from the
 * {@code QR_SIGNING_KEYS} setting.
 */
public final class SigningKeys {
  /** One master secret. {@code notAfter} null means "no end". */
  public record Key(String id, int number, byte[] secret, Instant notAfter) {
    public boolean acceptsAt(Instant at) {
      return notAfter == null || at.isBefore(notAfter);
    }
  }

  private final Map<Integer, Key> byNumber;
  private final Key active;
  private final Key fallback;

  public SigningKeys(Map<Integer, Key> byNumber, Key active, Key fallback) {
    this.byNumber = Collections.unmodifiableMap(new TreeMap<>(byNumber));
    this.active = active;
    this.fallback = fallback;
  }

  public Key active() {
    return active;
  }

  public Key fallback() {
    return fallback;
  }

  public Optional<Key> byNumber(int number) {
    return Optional.ofNullable(byNumber.get(number));
  }
}
