package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.port.out.DoorStore;
import java.util.Optional;

/**
 * The scan-log entry of a scan that changed a ticket, read from the ticket as it was before and
 * after the change. An admission or exit is one conditional write to the ticket that records the
 * attempt (scanner and nonce) and the last-scan fields; so the change itself says which scan it
 * was, and its log entry can be written from the table's change stream, off the scan's path.
 * A change that added no attempt (a refund, a revocation, a reissued code) is not a scan.
 */
public final class AppliedScans {
  private AppliedScans() {}

  /**
   * @param before the ticket before the change, null when the change created it
   * @param after the ticket after the change
   * @return the entry, or empty when no scan made this change
   */
  public static Optional<DoorStore.ScanLogEntry> entryFor(TicketAtDoor before, TicketAtDoor after) {
    if (after == null || after.lastNonce() == null || after.lastScannerId() == null || after.lastDirection() == null
        || after.lastScanAt() == null || after.eventId() == null) {
      return Optional.empty();
    }
    String attempt = TicketAtDoor.attemptKey(after.lastScannerId(), after.lastNonce());
    if (!after.attempts().contains(attempt) || (before != null && before.attempts().contains(attempt))) {
      return Optional.empty();
    }
    Direction dir = after.lastDirection();
    // The code is never stored, so the scan rebuilt from the ticket carries none.
    ScanRequest scan = new ScanRequest(after.lastScannerId(), after.eventId(), dir, after.lastNonce(),
        after.lastGate() == null || after.lastGate().equals(NO_GATE) ? null : after.lastGate(), "", after.lastScanAt());
    boolean reentry = dir == Direction.ENTRY && after.admissions() > 1;
    ScanResult result = ScanResult.applied(reentry ? ScanReason.REENTRY : null, dir, after);
    return Optional.of(new DoorStore.ScanLogEntry(scan, after.ticketId(), result, null));
  }

  /** How a scan without a gate is stored. */
  public static final String NO_GATE = "-";
}
