package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Instant;

/**
 * A ticket's item as the door sees it: what it admits and its admission state. The last-scan
 * fields describe the last scan that changed the state (an admission or an exit).
 */
public record TicketAtDoor(
    String ticketId,
    String eventId,
    TicketStatus status,
    String ticketTypeId,
    String ticketTypeName,
    String holderName,
    boolean inside,
    Instant firstAdmittedAt,
    int admissions,
    Instant lastScanAt,
    String lastGate,
    String lastScannerId,
    String lastNonce,
    Direction lastDirection) {}
