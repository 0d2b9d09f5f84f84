package com.boxoffice.shared.domain.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One app installation that can receive pushes: its id is derived from the platform and the
 * token, so the same token is always the same device, whoever registers it.
 *
 * @param endpointArn the SNS platform endpoint that delivers to it
 * @param failures failed deliveries in a row, reset by a success or a new registration
 * @param inactiveSince when it became inactive; null unless {@code INACTIVE}
 */
public record Device(String deviceId, String userId, Platform platform, String token, String endpointArn,
    DeviceStatus status, int failures, Instant updatedAt, Instant inactiveSince) {

  /** {@code dev_} and 24 hex characters of SHA-256 over the platform and the token. */
  public static String idFor(Platform platform, String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((platform.wire() + ":" + platform.canonical(token)).getBytes(StandardCharsets.UTF_8));
      return "dev_" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  public boolean deliverable() {
    return status != DeviceStatus.INACTIVE;
  }
}
