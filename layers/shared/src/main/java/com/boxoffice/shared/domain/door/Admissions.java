package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.CrockfordBase32;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.code.TicketCodePayload;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one scan at the door: the scanner must be assigned to the event; the code must be one
 * we signed (or a known fallback code) for this event and inside its window; then one
 * conditional write admits the ticket or records the exit, and if that write is refused the item
 * it returns says why (already inside, revoked, refunded, another event) without a second read.
 * A repeated nonce gets the answer it got the first time. Every decided scan goes to the scan log.
 */
public final class Admissions {
  private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

  /** Rotating codes are accepted from the step before to the step after the current one. */
  static final int ROTATION_SKEW_STEPS = 1;

  private final SignedTicketCodes codes;
  private final DoorStore store;

  public Admissions(SignedTicketCodes codes, DoorStore store) {
    this.codes = codes;
    this.store = store;
  }

  /** Decides and logs the scan; throws {@link ScannerNotAssignedException} for an unassigned scanner. */
  public ScanResult scan(ScanRequest scan) {
    DoorStore.DoorRules rules = store.rules(scan.scannerId(), scan.eventId());
    if (!rules.assigned()) {
      store.log(scan, null, ScanResult.refused("refused", "scanner_not_assigned", scan.direction(), null));
      throw new ScannerNotAssignedException(scan.scannerId(), scan.eventId());
    }
    Target target = target(scan, rules);
    ScanResult result = target.refusal != null ? target.refusal : redeem(scan, target.ticketId, rules);
    store.log(scan, target.ticketId, result);
    LOG.info("scan decided ticketId={} result={} reason={} direction={} gate={}", target.ticketId, result.result(),
        result.reason(), scan.direction().wire(), scan.gate());
    return result;
  }

  private record Target(String ticketId, ScanResult refusal) {
    static Target refused(ScanResult r) {
      return new Target(r.ticketId(), r);
    }
  }

  private Target target(ScanRequest scan, DoorStore.DoorRules rules) {
    Direction dir = scan.direction();
    Instant now = scan.at();
    if (SignedTicketCodes.looksLikeFallback(scan.code())) {
      Optional<DoorStore.FallbackEntry> entry = store.fallback(scan.eventId(), CrockfordBase32.normalize(scan.code()));
      if (entry.isEmpty()) {
        return Target.refused(ScanResult.refused("invalid", "unknown_fallback_code", dir, null));
      }
      DoorStore.FallbackEntry e = entry.get();
      String timing = timing(now, e.validFrom(), e.validUntil());
      if (timing != null) {
        return Target.refused(ScanResult.refused("invalid_time", timing, dir, e.ticketId()));
      }
      return new Target(e.ticketId(), null);
    }
    CodeCheck check = codes.verify(scan.code(), now);
    if (check instanceof CodeCheck.Rejected rejected) {
      return Target.refused(ScanResult.refused("invalid", rejected.reason(), dir, null));
    }
    TicketCodePayload p = ((CodeCheck.Verified) check).payload();
    if (!p.eventId().equals(scan.eventId())) {
      return Target.refused(ScanResult.refused("wrong_event", "code_for_other_event", dir, p.ticketId()));
    }
    if (p.rotating()) {
      long current = Math.floorDiv(now.getEpochSecond(), p.stepSeconds());
      if (Math.abs(current - p.counter()) > ROTATION_SKEW_STEPS) {
        return Target.refused(ScanResult.refused("invalid_time", "rotating_code_expired", dir, p.ticketId()));
      }
    } else if (rules.rotatingCodes() && !rules.printedCodesAllowed()) {
      return Target.refused(ScanResult.refused("invalid", "static_code_not_accepted", dir, p.ticketId()));
    }
    String timing = timing(now, p.validFrom(), p.validUntil());
    if (timing != null) {
      return Target.refused(ScanResult.refused("invalid_time", timing, dir, p.ticketId()));
    }
    return new Target(p.ticketId(), null);
  }

  private static String timing(Instant now, Instant from, Instant until) {
    if (now.isBefore(from)) {
      return "not_yet_valid";
    }
    if (!now.isBefore(until)) {
      return "expired";
    }
    return null;
  }

  private ScanResult redeem(ScanRequest scan, String ticketId, DoorStore.DoorRules rules) {
    Direction dir = scan.direction();
    DoorStore.Redemption r = dir == Direction.ENTRY
        ? store.enter(ticketId, scan, rules.allowReentry())
        : store.exit(ticketId, scan);
    if (r instanceof DoorStore.Redemption.Applied applied) {
      return ScanResult.of("ok", dir == Direction.ENTRY && applied.after().admissions() > 1 ? "reentry" : null, dir,
          applied.after(), false, false);
    }
    TicketAtDoor before = ((DoorStore.Redemption.Refused) r).before();
    if (before == null) {
      return ScanResult.refused("invalid", "unknown_ticket", dir, ticketId);
    }
    if (!before.eventId().equals(scan.eventId())) {
      return ScanResult.refused("wrong_event", "ticket_of_other_event", dir, ticketId);
    }
    if (scan.nonce().equals(before.lastNonce()) && before.lastDirection() == dir) {
      return ScanResult.of("ok", "replayed", dir, before, false, true);
    }
    if (dir == Direction.ENTRY && before.status() != TicketStatus.VALID) {
      return switch (before.status()) {
        case REVOKED -> ScanResult.of("revoked", "revoked", dir, before, false, false);
        case REFUNDED -> ScanResult.of("unpaid", "refunded", dir, before, false, false);
        case CANCELLED -> ScanResult.of("unpaid", "cancelled", dir, before, false, false);
        case VALID -> throw new IllegalStateException("unreachable");
      };
    }
    if (dir == Direction.ENTRY) {
      return ScanResult.of("already_redeemed", before.inside() ? "inside" : "no_reentry", dir, before, true, false);
    }
    return ScanResult.of("invalid", "not_inside", dir, before, true, false);
  }
}
