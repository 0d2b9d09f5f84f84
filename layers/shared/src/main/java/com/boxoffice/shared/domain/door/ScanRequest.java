package com.boxoffice.shared.domain.door;

import java.time.Instant;
import java.util.Objects;

/**
 * One scan at the door, as the scanner device sent it.
 *
 * @param nonce the device's id for this attempt; a retry after a timeout repeats it and gets the
 *     same answer without a second admission
 * @param code the scanned QR text or a typed fallback code
 */
public record ScanRequest(
    String scannerId, String eventId, Direction direction, String nonce, String gate, String code, Instant at) {
  public ScanRequest {
    Objects.requireNonNull(scannerId, "scannerId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(at, "at");
  }
}
