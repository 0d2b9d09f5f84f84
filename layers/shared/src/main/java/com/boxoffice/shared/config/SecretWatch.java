package com.boxoffice.shared.config;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The secrets a function's start-up read by ARN, so {@link Initialized} can ask later whether any
 * of them changed (a rotated Stripe key, a withdrawn QR key) and build the function again. A
 * {@link SecretSource} reports each read to the watch of the build running on its thread; outside
 * a build it reports nowhere. Only a digest of each value is kept.
 */
public final class SecretWatch {
  // Scoped to one build on one thread (set and cleared by during()), so composition code keeps
  // creating its SecretSource as it always has.
  private static final ThreadLocal<SecretWatch> BUILDING = new ThreadLocal<>();

  private record Read(Function<String, String> fetch, byte[] digest) {}

  private final Map<String, Read> reads = new LinkedHashMap<>();

  /** Runs {@code build} with this watch collecting the secrets it reads. */
  <T> T during(Supplier<T> build) {
    SecretWatch outer = BUILDING.get();
    BUILDING.set(this);
    try {
      return build.get();
    } finally {
      if (outer == null) {
        BUILDING.remove();
      } else {
        BUILDING.set(outer);
      }
    }
  }

  static Optional<SecretWatch> current() {
    return Optional.ofNullable(BUILDING.get());
  }

  synchronized void read(String arn, Function<String, String> fetch, String value) {
    reads.put(arn, new Read(fetch, digest(value)));
  }

  synchronized boolean isEmpty() {
    return reads.isEmpty();
  }

  /**
   * Reads every watched secret again; true when any value differs from the one the build used.
   *
   * @throws RuntimeException when a secret cannot be read now (the caller keeps what it has)
   */
  synchronized boolean changed() {
    for (var e : reads.entrySet()) {
      String now = e.getValue().fetch().apply(e.getKey());
      if (!MessageDigest.isEqual(digest(now), e.getValue().digest())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(
          (value == null ? "" : value.trim()).getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
