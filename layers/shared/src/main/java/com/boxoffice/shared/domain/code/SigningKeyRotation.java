package com.boxoffice.shared.domain.code;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replaces the active ticket-code signing key: a new key (the next free number, 32 random bytes)
 * becomes active, and the key that was active stays valid for checking codes until
 * {@code oldKeyValidUntil} (its {@code notAfter}), so tickets already sent keep working until then
 * and no longer. Keys whose {@code notAfter} has already passed are dropped; the fallback key, which
 * derives the typed fallback codes of tickets already issued, is kept as it is.
 */
public final class SigningKeyRotation {
  /** The furthest a retired key may stay valid: a ticket's validity window is at most about 45 days. */
  public static final Duration MAX_OVERLAP = Duration.ofDays(90);

  private SigningKeyRotation() {}

  /** Why {@code oldKeyValidUntil} cannot be used, or empty when it can. */
  public static Optional<String> whyNot(Instant oldKeyValidUntil, Instant now) {
    if (!oldKeyValidUntil.isAfter(now)) {
      return Optional.of("must be in the future");
    }
    if (oldKeyValidUntil.isAfter(now.plus(MAX_OVERLAP))) {
      return Optional.of("at most " + MAX_OVERLAP.toDays() + " days ahead");
    }
    return Optional.empty();
  }

  public static SigningKeys rotate(SigningKeys current, Instant oldKeyValidUntil, Instant now, SecureRandom random) {
    whyNot(oldKeyValidUntil, now).ifPresent(reason -> {
      throw new IllegalArgumentException("oldKeyValidUntil " + reason);
    });
    Map<Integer, SigningKeys.Key> keys = new TreeMap<>();
    SigningKeys.Key oldActive = current.active();
    for (int n = 1; n <= 255; n++) {
      current.byNumber(n).ifPresent(k -> {
        boolean keep = k.acceptsAt(now) || k.number() == current.fallback().number();
        if (keep) {
          keys.put(k.number(), k);
        }
      });
    }
    keys.put(oldActive.number(), new SigningKeys.Key(oldActive.id(), oldActive.number(), oldActive.secret(),
        oldKeyValidUntil));
    int next = 0;
    for (int n = 1; n <= 255; n++) {
      if (current.byNumber(n).isEmpty() && !keys.containsKey(n)) {
        next = n;
        break;
      }
    }
    if (next == 0) {
      throw new IllegalStateException("no free key number left (k1 to k255 are all taken)");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    SigningKeys.Key fresh = new SigningKeys.Key("k" + next, next, secret, null);
    keys.put(next, fresh);
    SigningKeys.Key fallback = keys.get(current.fallback().number());
    return new SigningKeys(keys, fresh, fallback);
  }
}
