package com.boxoffice.shared.domain.push;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The push services a device can be reached through, each with the shape of its device tokens.
 * APNs device tokens are 32 bytes, sent as 64 hexadecimal characters. FCM registration tokens
 * are opaque to us, but every current one is an instance id, a colon and a string beginning
 * {@code APA91} in URL-safe base64; the older form is that second part alone.
 */
public enum Platform {
  APNS("apns", Pattern.compile("[0-9a-fA-F]{64}"), "64 hexadecimal characters (32 bytes)"),
  FCM("fcm", Pattern.compile("([A-Za-z0-9_-]{8,64}:)?APA91[A-Za-z0-9_-]{60,4000}"),
      "an FCM registration token ([instance id:]APA91 followed by URL-safe base64)");

  private final String wire;
  private final Pattern token;
  private final String shape;

  Platform(String wire, Pattern token, String shape) {
    this.wire = wire;
    this.token = token;
    this.shape = shape;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Platform> fromWire(String wire) {
    for (Platform p : values()) {
      if (p.wire.equals(wire)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** What is wrong with {@code token} for this platform, or empty when it has the right shape. */
  public Optional<String> tokenProblem(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.of("required");
    }
    return this.token.matcher(token).matches() ? Optional.empty() : Optional.of("must be " + shape);
  }

  /** The same token however the app spelled it: APNs hex is case-insensitive. */
  public String canonical(String token) {
    return this == APNS ? token.toLowerCase(java.util.Locale.ROOT) : token;
  }
}
