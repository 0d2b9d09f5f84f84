package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.door.ScanRequest;
import java.time.Instant;
import java.util.Optional;

/** What the door needs from storage; every state change is one conditional write. */
public interface DoorStore {

  /**
   * The scanner's assignment to the event and the event's door rules, read together.
   *
   * @param assigned an assignment exists and is not revoked
   */
  record DoorRules(boolean assigned, boolean eventExists, boolean allowReentry, boolean rotatingCodes,
      boolean printedCodesAllowed) {}

  DoorRules rules(String scannerId, String eventId);

  /** What a typed fallback code points to. */
  record FallbackEntry(String ticketId, Instant validFrom, Instant validUntil) {}

  Optional<FallbackEntry> fallback(String eventId, String normalizedCode);

  /** The outcome of one conditional write: applied (the item after it) or refused (the item before, if any). */
  sealed interface Redemption {
    record Applied(TicketAtDoor after) implements Redemption {}

    record Refused(TicketAtDoor before) implements Redemption {}
  }

  /** Admits the ticket if it is valid, of this event, and not inside (or never admitted, without re-entry). */
  Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry);

  /** Records an exit if the ticket is inside. */
  Redemption exit(String ticketId, ScanRequest scan);

  /** Appends the scan to the audit log. */
  void log(ScanRequest scan, String ticketId, ScanResult result);
}
