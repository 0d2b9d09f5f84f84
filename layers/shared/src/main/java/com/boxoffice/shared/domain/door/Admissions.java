package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.CrockfordBase32;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.out.DoorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import com.boxoffice.shared.log.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one scan at the door: the scanner must be assigned to an event that exists; the code
 * must be one we signed (or a known fallback code) and pass {@link DoorPolicies#BEFORE_WRITE};
 * then one conditional write admits the ticket or records the exit, and if that write is refused
 * the item it returns says why ({@link DoorPolicies#AFTER_REFUSED_WRITE}) without a second read.
 * A repeated attempt (same scanner, same nonce) changes nothing. Every decided scan goes to the
 * scan log; refused ones only for {@link #REFUSED_SCAN_RETENTION}, so junk cannot grow it without bound.
 * A scan that changed the ticket is logged by the store from that change ({@link AppliedScans}),
 * so an admission costs its one conditional write; a scan that changed nothing is logged here,
 * after it was counted against the scanner's {@link RefusedScanLimit} if it was refused.
 */
public final class Admissions {
  private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

  /** How long a scan log entry of a refused scan is kept; admissions and exits are kept for good. */
  public static final Duration REFUSED_SCAN_RETENTION = Duration.ofDays(30);

  private final SignedTicketCodes codes;
  private final DoorStore store;
  private final RefusedScanLimit limit;

  /** A door without a limit on refused scans (domain tests). */
  public Admissions(SignedTicketCodes codes, DoorStore store) {
    this(codes, store, RefusedScanLimit.none());
  }

  public Admissions(SignedTicketCodes codes, DoorStore store, RefusedScanLimit limit) {
    this.codes = codes;
    this.store = store;
    this.limit = limit;
  }

  /**
   * Decides and logs the scan; throws {@link ScannerNotAssignedException} for an unassigned
   * scanner and {@link ScanRateLimitedException} for a scanner over its limit of refused scans.
   */
  public ScanResult scan(ScanRequest scan) {
    limit.checkNotBlocked(scan.scannerId());
    DoorStore.DoorRules rules = store.rules(scan.scannerId(), scan.eventId());
    boolean assigned = rules.assignment().filter(a -> !a.revoked()).isPresent();
    if (!assigned || rules.event().isEmpty()) {
      limit.count(scan.scannerId());
      log(scan, null, ScanResult.refused(ScanReason.SCANNER_NOT_ASSIGNED, scan.direction(), null));
      throw new ScannerNotAssignedException(scan.scannerId(), scan.eventId());
    }
    DoorEvent event = rules.event().get();
    Decided decided;
    String ticketId;
    Read read = read(scan);
    if (read.refusal() != null) {
      decided = new Decided(ScanResult.refused(read.refusal(), scan.direction(), null), false);
      ticketId = null;
    } else {
      ticketId = read.code().ticketId();
      Optional<ScanReason> refusal =
          DoorPolicies.first(DoorPolicies.BEFORE_WRITE, new DoorPolicies.CodeAtDoor(scan, event, read.code()));
      decided = refusal.isPresent()
          ? new Decided(ScanResult.refused(refusal.get(), scan.direction(), ticketId), false)
          : redeem(scan, read.code(), event);
    }
    ScanResult result = decided.result();
    // Carried by the request's own log line (and any later one), not a line of its own: one JSON
    // line per scan is a measurable share of a scan's CPU time with the client compiler.
    LogContext.put("ticketId", ticketId);
    LogContext.put("result", result.result().wire());
    LogContext.put("reason", result.reason() == null ? null : result.reason().wire());
    LogContext.put("direction", scan.direction().wire());
    LogContext.put("gate", scan.gate());
    if (!decided.changedTicket()) {
      if (!result.admitted()) {
        limit.count(scan.scannerId());
      }
      log(scan, ticketId, result);
    }
    return result;
  }

  private void log(ScanRequest scan, String ticketId, ScanResult result) {
    Instant keepUntil = result.admitted() ? null : scan.at().plus(REFUSED_SCAN_RETENTION);
    store.log(new DoorStore.ScanLogEntry(scan, ticketId, result, keepUntil));
  }

  /** A readable code, or why the text is not one. */
  private record Read(DoorCode code, ScanReason refusal) {}

  private Read read(ScanRequest scan) {
    if (SignedTicketCodes.looksLikeFallback(scan.code())) {
      return store.fallback(scan.eventId(), CrockfordBase32.normalize(scan.code()))
          .map(e -> new Read(DoorCode.fallback(scan.eventId(), e.ticketId(), e.validFrom(), e.validUntil(),
              e.codeVersion()), null))
          .orElse(new Read(null, ScanReason.UNKNOWN_FALLBACK_CODE));
    }
    CodeCheck check = codes.verify(scan.code(), scan.at());
    if (check instanceof CodeCheck.Rejected rejected) {
      Optional<ScanReason> reason = ScanReason.fromWire(rejected.reason()).filter(r -> r.outcome() == ScanOutcome.INVALID);
      if (reason.isEmpty()) {
        LOG.warn("code refused for a reason the door does not name: {}", rejected.reason());
      }
      return new Read(null, reason.orElse(ScanReason.MALFORMED));
    }
    return new Read(DoorCode.signed(((CodeCheck.Verified) check).payload()), null);
  }

  /** The door's answer, and whether the ticket item changed (then the store logs the scan from that change). */
  private record Decided(ScanResult result, boolean changedTicket) {}

  private Decided redeem(ScanRequest scan, DoorCode code, DoorEvent event) {
    String ticketId = code.ticketId();
    Direction dir = scan.direction();
    DoorStore.Redemption r = dir == Direction.ENTRY
        ? store.enter(ticketId, scan, event.allowReentry(), code.codeVersion())
        : store.exit(ticketId, scan);
    if (r instanceof DoorStore.Redemption.Applied applied) {
      boolean reentry = dir == Direction.ENTRY && applied.after().admissions() > 1;
      return new Decided(ScanResult.applied(reentry ? ScanReason.REENTRY : null, dir, applied.after()), true);
    }
    var refused = new DoorPolicies.RefusedWrite(scan, ((DoorStore.Redemption.Refused) r).before(), code.codeVersion());
    ScanReason reason = DoorPolicies.first(DoorPolicies.AFTER_REFUSED_WRITE, refused)
        .orElseThrow(() -> new IllegalStateException("a refused redemption no policy explains"));
    return new Decided(refused.before() == null || !reason.showsTicket()
        ? ScanResult.refused(reason, dir, ticketId)
        : ScanResult.of(reason, dir, refused.before()), false);
  }
}
