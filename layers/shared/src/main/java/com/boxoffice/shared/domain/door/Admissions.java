package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.CrockfordBase32;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.out.DoorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one scan at the door: the scanner must be assigned to an event that exists; the code
 * must be one we signed (or a known fallback code) and pass {@link DoorPolicies#BEFORE_WRITE};
 * then one conditional write admits the ticket or records the exit, and if that write is refused
 * the item it returns says why ({@link DoorPolicies#AFTER_REFUSED_WRITE}) without a second read.
 * A repeated attempt (same scanner, same nonce) changes nothing. Every decided scan goes to the
 * scan log; refused ones only for {@link #REFUSED_SCAN_RETENTION}, so junk cannot grow it without bound.
 */
public final class Admissions {
  private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

  /** How long a scan log entry of a refused scan is kept; admissions and exits are kept for good. */
  public static final Duration REFUSED_SCAN_RETENTION = Duration.ofDays(30);

  private final SignedTicketCodes codes;
  private final DoorStore store;

  public Admissions(SignedTicketCodes codes, DoorStore store) {
    this.codes = codes;
    this.store = store;
  }

  /** Decides and logs the scan; throws {@link ScannerNotAssignedException} for an unassigned scanner. */
  public ScanResult scan(ScanRequest scan) {
    DoorStore.DoorRules rules = store.rules(scan.scannerId(), scan.eventId());
    boolean assigned = rules.assignment().filter(a -> !a.revoked()).isPresent();
    if (!assigned || rules.event().isEmpty()) {
      log(scan, null, ScanResult.refused(ScanReason.SCANNER_NOT_ASSIGNED, scan.direction(), null));
      throw new ScannerNotAssignedException(scan.scannerId(), scan.eventId());
    }
    DoorEvent event = rules.event().get();
    ScanResult result;
    String ticketId;
    Read read = read(scan);
    if (read.refusal() != null) {
      result = ScanResult.refused(read.refusal(), scan.direction(), null);
      ticketId = null;
    } else {
      ticketId = read.code().ticketId();
      Optional<ScanReason> refusal =
          DoorPolicies.first(DoorPolicies.BEFORE_WRITE, new DoorPolicies.CodeAtDoor(scan, event, read.code()));
      result = refusal.isPresent()
          ? ScanResult.refused(refusal.get(), scan.direction(), ticketId)
          : redeem(scan, read.code(), event);
    }
    log(scan, ticketId, result);
    LOG.info("scan decided ticketId={} result={} reason={} direction={} gate={}", ticketId, result.result().wire(),
        result.reason() == null ? null : result.reason().wire(), scan.direction().wire(), scan.gate());
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

  private ScanResult redeem(ScanRequest scan, DoorCode code, DoorEvent event) {
    String ticketId = code.ticketId();
    Direction dir = scan.direction();
    DoorStore.Redemption r = dir == Direction.ENTRY
        ? store.enter(ticketId, scan, event.allowReentry(), code.codeVersion())
        : store.exit(ticketId, scan);
    if (r instanceof DoorStore.Redemption.Applied applied) {
      boolean reentry = dir == Direction.ENTRY && applied.after().admissions() > 1;
      return ScanResult.applied(reentry ? ScanReason.REENTRY : null, dir, applied.after());
    }
    var refused = new DoorPolicies.RefusedWrite(scan, ((DoorStore.Redemption.Refused) r).before(), code.codeVersion());
    ScanReason reason = DoorPolicies.first(DoorPolicies.AFTER_REFUSED_WRITE, refused)
        .orElseThrow(() -> new IllegalStateException("a refused redemption no policy explains"));
    return refused.before() == null || !reason.showsTicket()
        ? ScanResult.refused(reason, dir, ticketId)
        : ScanResult.of(reason, dir, refused.before());
  }
}
