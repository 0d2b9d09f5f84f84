package com.boxoffice.shared.domain.door;

import java.time.Instant;

/**
 * What the door is told about one scan. {@code result} is one of {@code ok},
 * {@code already_redeemed}, {@code invalid}, {@code revoked}, {@code unpaid}, {@code wrong_event},
 * {@code invalid_time}; {@code reason} says precisely why (see docs/door.md).
 *
 * @param previous for {@code already_redeemed}: the scan that admitted the ticket
 * @param replayed the same nonce was answered before; this is that answer again, nothing was written
 */
public record ScanResult(
    String result,
    String reason,
    Direction direction,
    String ticketId,
    String ticketTypeId,
    String ticketType,
    String holderName,
    Instant firstAdmittedAt,
    Integer admissions,
    Previous previous,
    boolean replayed) {

  /** When, where and by whom the ticket was last let in or out. */
  public record Previous(Instant at, String gate, String scannerId, Direction direction) {}

  public static ScanResult refused(String result, String reason, Direction direction, String ticketId) {
    return new ScanResult(result, reason, direction, ticketId, null, null, null, null, null, null, false);
  }

  public static ScanResult of(String result, String reason, Direction direction, TicketAtDoor t, boolean withPrevious,
      boolean replayed) {
    Previous previous = withPrevious && t.lastScanAt() != null
        ? new Previous(t.lastScanAt(), t.lastGate(), t.lastScannerId(), t.lastDirection()) : null;
    return new ScanResult(result, reason, direction, t.ticketId(), t.ticketTypeId(), t.ticketTypeName(), t.holderName(),
        t.firstAdmittedAt(), t.admissions(), previous, replayed);
  }

  public boolean admitted() {
    return "ok".equals(result);
  }
}
