package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.door.ScannerAssignment;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import java.time.Instant;
import java.util.Optional;

/**
 * What the door needs from storage. It reads and writes; what a read means (may this scanner
 * scan, does the event admit anyone) is decided by {@code Admissions}. Every state change is one
 * conditional write. A redemption that is {@link Redemption.Applied applied} is in the scan log
 * without a {@link #log} call: the store records it from the change to the ticket
 * ({@code domain.door.AppliedScans}), so the write that admits is the only one on the scan's path.
 */
public interface DoorStore {

  /** The scanner's assignment to the event and the event itself, read together; empty when absent. */
  record DoorRules(Optional<ScannerAssignment> assignment, Optional<DoorEvent> event) {}

  DoorRules rules(String scannerId, String eventId);

  /** What a typed fallback code points to, and the ticket's code version it was issued under. */
  record FallbackEntry(String ticketId, Instant validFrom, Instant validUntil, int codeVersion) {
    public FallbackEntry(String ticketId, Instant validFrom, Instant validUntil) {
      this(ticketId, validFrom, validUntil, 0);
    }
  }

  Optional<FallbackEntry> fallback(String eventId, String normalizedCode);

  /** The outcome of one conditional write: applied (the item after it) or refused (the item before, if any). */
  sealed interface Redemption {
    record Applied(TicketAtDoor after) implements Redemption {}

    record Refused(TicketAtDoor before) implements Redemption {}
  }

  /**
   * Admits the ticket on condition that it exists, is of the scan's event, is VALID, is not inside
   * (with {@code allowReentry}) or was never admitted (without), and that this attempt
   * ({@link TicketAtDoor#attemptKey scanner and nonce}) has not changed it before; records the
   * attempt with the admission.
   */
  Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry);

  /**
   * As {@link #enter(String, ScanRequest, boolean)}, also on condition that the ticket's code
   * version is {@code codeVersion} (a ticket without one is at version 0), so a code an organizer
   * reissued since no longer admits. A store that keeps no code versions refuses to admit on a
   * reissued code rather than ignore it.
   */
  default Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry, int codeVersion) {
    if (codeVersion != 0) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no code versions");
    }
    return enter(ticketId, scan, allowReentry);
  }

  /** Records an exit on condition that the ticket is of the scan's event, inside, and the attempt is new. */
  Redemption exit(String ticketId, ScanRequest scan);

  /**
   * One scan-log entry.
   *
   * @param ticketId null when the scan named no ticket
   * @param keepUntil when storage may drop the entry; null keeps it
   */
  record ScanLogEntry(ScanRequest scan, String ticketId, ScanResult result, Instant keepUntil) {}

  /**
   * Appends a scan that changed nothing to the audit log. Writing the same entry twice (same
   * scan time, nonce and scanner) leaves one.
   */
  void log(ScanLogEntry entry);
}
