package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.door.AppliedScans;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScannerAssignment;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.DoorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link DoorStore} in memory: the same write conditions as {@code DynamoDoorStore}, applied under one lock. */
public final class InMemoryDoorStore implements DoorStore {
  private final Map<String, ScannerAssignment> assignments = new HashMap<>();
  private final Map<String, DoorEvent> events = new HashMap<>();
  private final Map<String, FallbackEntry> fallbacks = new HashMap<>();
  private final Map<String, TicketAtDoor> tickets = new HashMap<>();
  private final Map<String, Integer> exits = new HashMap<>();
  private final List<ScanLogEntry> log = new ArrayList<>();

  /** Stores (or replaces) an event's door settings. */
  public synchronized InMemoryDoorStore event(String eventId, DoorEvent event) {
    events.put(eventId, event);
    return this;
  }

  /** An event on sale with the given door rules. */
  public InMemoryDoorStore event(String eventId, boolean allowReentry, boolean rotatingCodes,
      boolean printedCodesAllowed) {
    return event(eventId, new DoorEvent(EventStatus.ON_SALE, allowReentry, rotatingCodes, printedCodesAllowed));
  }

  public synchronized InMemoryDoorStore assign(String scannerId, String eventId, boolean revoked) {
    assignments.put(scannerId + "|" + eventId, new ScannerAssignment(revoked));
    return this;
  }

  /** Stores an issued ticket as the webhook would, with its fallback code when one is given. */
  public synchronized InMemoryDoorStore issue(Ticket t, String fallbackCode) {
    tickets.put(t.ticketId(), new TicketAtDoor(t.ticketId(), t.eventId(), t.status(), t.ticketTypeId(),
        t.ticketTypeName(), t.holderName(), false, null, 0, null, null, null, null, null, Set.of(), t.codeVersion()));
    if (fallbackCode != null) {
      fallbacks.put(t.eventId() + "|" + fallbackCode, new FallbackEntry(t.ticketId(), t.validFrom(), t.validUntil(),
          t.codeVersion()));
    }
    return this;
  }

  /** Reissues a stored ticket's code, as an organizer would: the ticket moves on to {@code codeVersion}. */
  public synchronized void reissue(String ticketId, int codeVersion, String fallbackCode) {
    TicketAtDoor t = tickets.get(ticketId);
    tickets.put(ticketId, new TicketAtDoor(t.ticketId(), t.eventId(), t.status(), t.ticketTypeId(),
        t.ticketTypeName(), t.holderName(), t.inside(), t.firstAdmittedAt(), t.admissions(), t.lastScanAt(),
        t.lastGate(), t.lastScannerId(), t.lastNonce(), t.lastDirection(), t.attempts(), codeVersion));
    FallbackEntry old = fallbacks.values().stream().filter(e -> e.ticketId().equals(ticketId)).findFirst().orElseThrow();
    fallbacks.put(t.eventId() + "|" + fallbackCode, new FallbackEntry(ticketId, old.validFrom(), old.validUntil(),
        codeVersion));
  }

  /** Changes a stored ticket's status, as a refund or revocation would. */
  public synchronized void setStatus(String ticketId, TicketStatus status) {
    TicketAtDoor t = tickets.get(ticketId);
    tickets.put(ticketId, new TicketAtDoor(t.ticketId(), t.eventId(), status, t.ticketTypeId(), t.ticketTypeName(),
        t.holderName(), t.inside(), t.firstAdmittedAt(), t.admissions(), t.lastScanAt(), t.lastGate(),
        t.lastScannerId(), t.lastNonce(), t.lastDirection(), t.attempts(), t.codeVersion()));
  }

  public synchronized Optional<TicketAtDoor> ticket(String ticketId) {
    return Optional.ofNullable(tickets.get(ticketId));
  }

  public synchronized int exits(String ticketId) {
    return exits.getOrDefault(ticketId, 0);
  }

  /** Every scan-log entry written, in order. */
  public synchronized List<ScanLogEntry> scanLog() {
    return List.copyOf(log);
  }

  @Override
  public synchronized DoorRules rules(String scannerId, String eventId) {
    return new DoorRules(Optional.ofNullable(assignments.get(scannerId + "|" + eventId)),
        Optional.ofNullable(events.get(eventId)));
  }

  @Override
  public synchronized Optional<FallbackEntry> fallback(String eventId, String normalizedCode) {
    return Optional.ofNullable(fallbacks.get(eventId + "|" + normalizedCode));
  }

  @Override
  public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry) {
    return enter(ticketId, scan, allowReentry, 0);
  }

  @Override
  public synchronized Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry, int codeVersion) {
    TicketAtDoor t = tickets.get(ticketId);
    boolean notInside = allowReentry ? t == null || t.firstAdmittedAt() == null || !t.inside()
        : t == null || t.firstAdmittedAt() == null;
    if (t == null || !t.eventId().equals(scan.eventId()) || t.status() != TicketStatus.VALID
        || t.codeVersion() != codeVersion || !notInside || !newAttempt(t, scan)) {
      return new Redemption.Refused(t);
    }
    TicketAtDoor after = changed(t, scan, true, t.firstAdmittedAt() == null ? scan.at() : t.firstAdmittedAt(),
        t.admissions() + 1);
    tickets.put(ticketId, after);
    logChange(t, after);
    return new Redemption.Applied(after);
  }

  @Override
  public synchronized Redemption exit(String ticketId, ScanRequest scan) {
    TicketAtDoor t = tickets.get(ticketId);
    if (t == null || !t.eventId().equals(scan.eventId()) || !t.inside() || !newAttempt(t, scan)) {
      return new Redemption.Refused(t);
    }
    TicketAtDoor after = changed(t, scan, false, t.firstAdmittedAt(), t.admissions());
    tickets.put(ticketId, after);
    exits.merge(ticketId, 1, Integer::sum);
    logChange(t, after);
    return new Redemption.Applied(after);
  }

  /** As the table's stream does for DynamoDoorStore: a change a scan made is in the log. */
  private void logChange(TicketAtDoor before, TicketAtDoor after) {
    AppliedScans.entryFor(before, after).ifPresent(log::add);
  }

  @Override
  public synchronized void log(ScanLogEntry entry) {
    boolean same = log.stream().anyMatch(e -> e.scan().at().equals(entry.scan().at())
        && e.scan().nonce().equals(entry.scan().nonce()) && e.scan().scannerId().equals(entry.scan().scannerId())
        && java.util.Objects.equals(e.ticketId(), entry.ticketId()));
    if (!same) {
      log.add(entry);
    }
  }

  private static boolean newAttempt(TicketAtDoor t, ScanRequest scan) {
    return !t.attempts().contains(TicketAtDoor.attemptKey(scan.scannerId(), scan.nonce()))
        && !(scan.nonce().equals(t.lastNonce()) && scan.scannerId().equals(t.lastScannerId()));
  }

  private static TicketAtDoor changed(TicketAtDoor t, ScanRequest scan, boolean inside, Instant firstAdmittedAt,
      int admissions) {
    Set<String> attempts = new HashSet<>(t.attempts());
    attempts.add(TicketAtDoor.attemptKey(scan.scannerId(), scan.nonce()));
    Direction dir = scan.direction();
    return new TicketAtDoor(t.ticketId(), t.eventId(), t.status(), t.ticketTypeId(), t.ticketTypeName(),
        t.holderName(), inside, firstAdmittedAt, admissions, scan.at(), scan.gate() == null ? "-" : scan.gate(),
        scan.scannerId(), scan.nonce(), dir, attempts, t.codeVersion());
  }
}
