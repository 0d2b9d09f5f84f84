package com.boxoffice.shared.domain.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One scan log entry as the anomaly detector reads it (docs/door.md, "Scan log"): the wire names of
 * its result and reason, and the ticket when the code named one.
 *
 * @param ticketId null for a code that named no ticket (unreadable, unknown fallback code)
 * @param gate null when the device sent none
 * @param reason null for a plain admission or exit
 */
public record ScanRecord(String eventId, String ticketId, String scannerId, String gate, String direction,
    String nonce, Instant scannedAt, String result, String reason, boolean replayed) {

  public ScanRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(scannerId, "scannerId");
    Objects.requireNonNull(scannedAt, "scannedAt");
    Objects.requireNonNull(result, "result");
  }

  /** The scan log's own order: time, then nonce and scanner (its sort key). */
  static int order(ScanRecord a, ScanRecord b) {
    int c = a.scannedAt.compareTo(b.scannedAt);
    if (c != 0) {
      return c;
    }
    c = String.valueOf(a.nonce).compareTo(String.valueOf(b.nonce));
    return c != 0 ? c : a.scannerId.compareTo(b.scannerId);
  }

  boolean entry() {
    return "entry".equals(direction);
  }

  boolean admitted() {
    return "ok".equals(result);
  }

  /** A code the door would not take at all: forged, unreadable, stale, of another event, or an unassigned device. */
  boolean refusedCode() {
    return switch (result) {
      case "invalid", "invalid_time", "wrong_event", "refused" -> true;
      default -> false;
    };
  }

  boolean unknownFallback() {
    return "unknown_fallback_code".equals(reason);
  }

  /** An entry refused because the ticket's holder is (or was) already in. */
  boolean alreadyIn() {
    return entry() && !replayed && "already_redeemed".equals(result)
        && ("inside".equals(reason) || "no_reentry".equals(reason));
  }

  String gateOrUnknown() {
    return gate == null || gate.isBlank() ? "(none)" : gate;
  }
}
