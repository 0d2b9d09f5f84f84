package com.boxoffice.shared.domain.door;

import java.time.Instant;
import java.util.Objects;

/**
 * What the door is told about one scan: the {@code result} and, when there is more to say, the
 * {@code reason} (see docs/door.md). Ticket fields are present when the ticket is known.
 *
 * @param reason null only for a plain first admission or exit
 * @param previous for reasons that show it: the scan that last let the ticket in or out
 * @param replayed the same attempt was answered before; this is that answer again, nothing was written
 */
public record ScanResult(
    ScanOutcome result,
    ScanReason reason,
    Direction direction,
    String ticketId,
    String ticketTypeId,
    String ticketType,
    String holderName,
    Instant firstAdmittedAt,
    Integer admissions,
    Previous previous,
    boolean replayed) {

  public ScanResult {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(direction, "direction");
    if (reason != null && reason.outcome() != result) {
      throw new IllegalArgumentException(reason + " belongs to " + reason.outcome() + ", not " + result);
    }
  }

  /** When, where and by whom the ticket was last let in or out. */
  public record Previous(Instant at, String gate, String scannerId, Direction direction) {}

  /** A refusal decided before the ticket item was read or written: only the ticket id, if known. */
  public static ScanResult refused(ScanReason reason, Direction direction, String ticketId) {
    return new ScanResult(reason.outcome(), reason, direction, ticketId, null, null, null, null, null, null,
        reason.replayed());
  }

  /** An admission or exit that went through; {@code reason} is null or {@link ScanReason#REENTRY}. */
  public static ScanResult applied(ScanReason reason, Direction direction, TicketAtDoor after) {
    return describe(ScanOutcome.OK, reason, direction, after);
  }

  /** A refusal (or replay) read from the ticket item as it was. */
  public static ScanResult of(ScanReason reason, Direction direction, TicketAtDoor t) {
    return describe(reason.outcome(), reason, direction, t);
  }

  private static ScanResult describe(ScanOutcome outcome, ScanReason reason, Direction direction, TicketAtDoor t) {
    boolean withPrevious = reason != null && reason.showsPrevious();
    Previous previous = withPrevious && t.lastScanAt() != null
        ? new Previous(t.lastScanAt(), t.lastGate(), t.lastScannerId(), t.lastDirection()) : null;
    return new ScanResult(outcome, reason, direction, t.ticketId(), t.ticketTypeId(), t.ticketTypeName(),
        t.holderName(), t.firstAdmittedAt(), t.admissions(), previous, reason != null && reason.replayed());
  }

  /** Only {@code ok} lets someone in or out. */
  public boolean admitted() {
    return result == ScanOutcome.OK;
  }
}
