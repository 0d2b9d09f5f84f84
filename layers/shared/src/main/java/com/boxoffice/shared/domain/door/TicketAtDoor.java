package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Instant;
import java.util.Set;

/**
 * A ticket's item as the door sees it: what it admits and its admission state. The last-scan
 * fields describe the last scan that changed the state (an admission or an exit);
 * {@code attempts} holds the {@link #attemptKey key} of every scan that changed it, so a retry of
 * any of them, however late, changes nothing. {@code codeVersion} is how many times an organizer
 * reissued the ticket's code; only a code of that version admits.
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
    Direction lastDirection,
    Set<String> attempts,
    int codeVersion) {

  /** A ticket whose code was never reissued. */
  public TicketAtDoor(String ticketId, String eventId, TicketStatus status, String ticketTypeId,
      String ticketTypeName, String holderName, boolean inside, Instant firstAdmittedAt, int admissions,
      Instant lastScanAt, String lastGate, String lastScannerId, String lastNonce, Direction lastDirection,
      Set<String> attempts) {
    this(ticketId, eventId, status, ticketTypeId, ticketTypeName, holderName, inside, firstAdmittedAt, admissions,
        lastScanAt, lastGate, lastScannerId, lastNonce, lastDirection, attempts, 0);
  }

  public TicketAtDoor {
    attempts = attempts == null ? Set.of() : Set.copyOf(attempts);
  }

  /**
   * One attempt of one device: nonces are the device's own, so two devices may send the same one.
   * A nonce never holds {@code #}, so the key reads back unambiguously.
   */
  public static String attemptKey(String scannerId, String nonce) {
    return nonce + "#" + scannerId;
  }

  /** This scan (same device, same nonce) already changed the ticket. */
  boolean applied(ScanRequest scan) {
    return attempts.contains(attemptKey(scan.scannerId(), scan.nonce()))
        || lastChangeWas(scan);
  }

  /** This scan is the last one that changed the ticket, in the same direction. */
  boolean lastChangeWas(ScanRequest scan) {
    return scan.nonce().equals(lastNonce) && scan.scannerId().equals(lastScannerId) && scan.direction() == lastDirection;
  }
}
