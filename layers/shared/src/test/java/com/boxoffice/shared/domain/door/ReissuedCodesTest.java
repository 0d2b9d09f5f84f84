package com.boxoffice.shared.domain.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.testing.memory.InMemoryDoorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reissued ticket code at the door, on the in-memory store: the code carries the ticket's code
 * version, codes of an earlier version are refused as {@code code_reissued}, the current one admits,
 * and a ticket never reissued shows the code it always did.
 */
@Tag("fast")
class ReissuedCodesTest {
  static final Instant NOW = Instant.parse("2026-06-01T19:00:00Z");
  static final String EVENT = "evt-1";
  static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}}}",
      "QR_SIGNING_KEYS"));

  final InMemoryDoorStore store = new InMemoryDoorStore();
  final Admissions door = new Admissions(CODES, store);
  final Ticket ticket = new Ticket(Ticket.idFor("ord_0123456789abcdef01234567", 1), EVENT,
      "ord_0123456789abcdef01234567", 1, "general", "General admission", "Ada", TicketStatus.VALID, NOW,
      NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6)));

  ReissuedCodesTest() {
    store.event(EVENT, false, false, true).assign("s1", EVENT, false);
    store.issue(ticket, CODES.fallbackCodeFor(ticket));
  }

  ScanResult entry(String code) {
    return door.scan(new ScanRequest("s1", EVENT, Direction.ENTRY, UUID.randomUUID().toString(), "north", code, NOW));
  }

  @Test
  void theCodeCarriesItsVersionAndANeverReissuedTicketKeepsItsCode() {
    Ticket reissued = ticket.withCodeVersion(3);
    var check = CODES.verify(CODES.codeFor(reissued), NOW);
    assertThat(check).isInstanceOf(CodeCheck.Verified.class);
    assertThat(((CodeCheck.Verified) check).payload().codeVersion()).isEqualTo(3);
    assertThat(((CodeCheck.Verified) CODES.verify(CODES.codeFor(ticket), NOW)).payload().codeVersion()).isZero();
    assertThat(CODES.codeFor(ticket.withCodeVersion(0))).isEqualTo(CODES.codeFor(ticket));
    assertThat(CODES.fallbackCodeFor(ticket)).isEqualTo(CODES.fallbackCode(EVENT, ticket.ticketId()));
    assertThat(CODES.fallbackCodeFor(reissued)).isNotEqualTo(CODES.fallbackCodeFor(ticket));
    assertThat(CODES.rotatingCodeFor(reissued, NOW, Duration.ofSeconds(30))).isNotEqualTo(
        CODES.rotatingCodeFor(ticket, NOW, Duration.ofSeconds(30)));
  }

  @Test
  void afterAReissueOnlyTheCurrentCodesAdmit() {
    String oldQr = CODES.codeFor(ticket);
    String oldFallback = CODES.fallbackCodeFor(ticket);
    Ticket reissued = ticket.withCodeVersion(1);
    store.reissue(ticket.ticketId(), 1, CODES.fallbackCodeFor(reissued));

    assertThat(entry(oldQr).reason()).isEqualTo(ScanReason.CODE_REISSUED);
    assertThat(entry(oldFallback).reason()).isEqualTo(ScanReason.CODE_REISSUED);
    assertThat(entry(oldQr).result()).isEqualTo(ScanOutcome.INVALID);
    ScanResult admitted = entry(CODES.codeFor(reissued));
    assertThat(admitted.result()).isEqualTo(ScanOutcome.OK);
    assertThat(entry(CODES.fallbackCodeFor(reissued)).reason()).as("the same holder again").isEqualTo(ScanReason.INSIDE);
  }
}
