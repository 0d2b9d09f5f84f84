package com.boxoffice.shared.domain.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The identity one checkout attempt creates: the order id and, for guests, the access token.
 * Derived from a secret seed, so that a retry of the same request (same seed) finds the order an
 * earlier attempt may have created instead of holding seats a second time. {@code mayExist} says
 * an earlier attempt with this seed may have got that far; only then is the order looked up.
 */
public record CheckoutAttempt(String orderId, String accessToken, boolean mayExist) {
  static final int SEED_BYTES = 32;

  @Override
  public String toString() {
    return "CheckoutAttempt[orderId=" + orderId + ", mayExist=" + mayExist + "]";
  }

  /**
   * The attempt a seed stands for. The seed must be secret and at least 32 random bytes: the
   * access token is a hash of it.
   */
  public static CheckoutAttempt fromSeed(byte[] seed, boolean mayExist) {
    if (seed.length < SEED_BYTES) {
      throw new IllegalArgumentException("an attempt seed needs at least " + SEED_BYTES + " bytes");
    }
    byte[] id = digest("order-id", seed);
    byte[] token = digest("order-access-token", seed);
    return new CheckoutAttempt("ord_" + HexFormat.of().formatHex(id, 0, 12),
        Base64.getUrlEncoder().withoutPadding().encodeToString(token), mayExist);
  }

  /** A fresh attempt nobody has acted on. */
  static CheckoutAttempt fresh(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return fromSeed(seed, false);
  }

  private static byte[] digest(String purpose, byte[] seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((purpose + "\n").getBytes(StandardCharsets.UTF_8));
      return sha.digest(seed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
