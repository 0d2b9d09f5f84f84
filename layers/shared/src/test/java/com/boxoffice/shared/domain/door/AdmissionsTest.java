package com.boxoffice.shared.domain.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.testing.memory.InMemoryDoorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every door rule through {@link Admissions} on an in-memory store: no server, milliseconds. */
@Tag("fast")
class AdmissionsTest {
  static final Instant NOW = Instant.parse("2026-06-01T19:00:00Z");
  static final String EVENT = "evt-1";
  static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}}}",
      "QR_SIGNING_KEYS"));

  final InMemoryDoorStore store = new InMemoryDoorStore();
  final Admissions door = new Admissions(CODES, store);
  int seq;

  AdmissionsTest() {
    store.event(EVENT, false, false, true).assign("s1", EVENT, false).assign("s2", EVENT, false);
  }

  Ticket ticket(String eventId, TicketStatus status, Instant from, Instant until) {
    seq++;
    return new Ticket(Ticket.idFor("ord_" + "0".repeat(23) + seq, 1), eventId, "ord_" + seq, 1, "general",
        "General admission", "Ada Lovelace", status, NOW, from, until);
  }

  Ticket issued(String eventId, TicketStatus status) {
    Ticket t = ticket(eventId, status, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6)));
    store.issue(t, CODES.fallbackCodeFor(t));
    return t;
  }

  Ticket issued() {
    return issued(EVENT, TicketStatus.VALID);
  }

  ScanResult scan(String scanner, String code, Direction dir, String nonce, Instant at) {
    return door.scan(new ScanRequest(scanner, EVENT, dir, nonce, "north", code, at));
  }

  ScanResult entry(String code, String nonce) {
    return scan("s1", code, Direction.ENTRY, nonce, NOW);
  }

  @Test
  void theWireVocabularyIsExactlyTheDocumentedOne() {
    assertThat(Arrays.stream(ScanOutcome.values()).map(ScanOutcome::wire)).containsExactly(
        "ok", "already_redeemed", "invalid", "revoked", "unpaid", "wrong_event", "invalid_time", "refused");
    assertThat(Arrays.stream(ScanReason.values()).map(r -> r.outcome().wire() + "/" + r.wire())).containsExactlyInAnyOrder(
        "ok/reentry", "ok/replayed",
        "invalid/malformed", "invalid/unknown_version", "invalid/unknown_key", "invalid/bad_signature",
        "invalid/retired_key", "invalid/unknown_fallback_code",
        "wrong_event/code_for_other_event", "invalid_time/rotating_code_expired", "invalid/static_code_not_accepted",
        "invalid_time/not_yet_valid", "invalid_time/expired", "invalid/event_cancelled",
        "invalid/unknown_ticket", "wrong_event/ticket_of_other_event", "already_redeemed/superseded",
        "revoked/revoked", "unpaid/refunded", "unpaid/cancelled", "invalid/code_reissued", "already_redeemed/inside",
        "already_redeemed/no_reentry", "invalid/not_inside", "refused/scanner_not_assigned");
  }

  @Test
  void everyRefusalComesFromExactlyOnePlaceSoAddingOneIsAConstantAndAPolicy() {
    List<ScanReason> fromPolicies = Stream.concat(DoorPolicies.BEFORE_WRITE.stream().map(DoorPolicies.Policy::reason),
        DoorPolicies.AFTER_REFUSED_WRITE.stream().map(DoorPolicies.Policy::reason)).toList();
    assertThat(fromPolicies).doesNotHaveDuplicates();
    Set<ScanReason> elsewhere = EnumSet.of(ScanReason.REENTRY, ScanReason.SCANNER_NOT_ASSIGNED, ScanReason.MALFORMED,
        ScanReason.UNKNOWN_VERSION, ScanReason.UNKNOWN_KEY, ScanReason.BAD_SIGNATURE, ScanReason.RETIRED_KEY,
        ScanReason.UNKNOWN_FALLBACK_CODE);
    Set<ScanReason> all = Stream.concat(fromPolicies.stream(), elsewhere.stream()).collect(Collectors.toSet());
    assertThat(all).as("a reason no policy gives is dead vocabulary").isEqualTo(EnumSet.allOf(ScanReason.class));
  }

  @Test
  void aValidTicketIsAdmittedOnceAndItsRetryIsTheSameAnswer() {
    Ticket t = issued();
    String code = CODES.codeFor(t);
    ScanResult first = entry(code, "n-1");
    assertThat(first.result()).isEqualTo(ScanOutcome.OK);
    assertThat(first.reason()).isNull();
    assertThat(first.holderName()).isEqualTo("Ada Lovelace");
    ScanResult retry = scan("s1", code, Direction.ENTRY, "n-1", NOW.plusSeconds(3));
    assertThat(retry.result()).isEqualTo(ScanOutcome.OK);
    assertThat(retry.reason()).isEqualTo(ScanReason.REPLAYED);
    assertThat(retry.replayed()).isTrue();
    ScanResult again = scan("s2", code, Direction.ENTRY, "n-2", NOW.plusSeconds(5));
    assertThat(again.reason()).isEqualTo(ScanReason.INSIDE);
    assertThat(again.previous().scannerId()).isEqualTo("s1");
    assertThat(store.ticket(t.ticketId()).orElseThrow().admissions()).isEqualTo(1);
    assertThat(store.scanLog()).hasSize(3);
  }

  @Test
  void anotherDeviceSendingTheSameNonceGetsTheTicketsStateNotTheFirstDevicesOk() {
    String code = CODES.codeFor(issued());
    assertThat(entry(code, "n-1").admitted()).isTrue();
    ScanResult copy = scan("s2", code, Direction.ENTRY, "n-1", NOW.plusSeconds(1));
    assertThat(copy.result()).isEqualTo(ScanOutcome.ALREADY_REDEEMED);
    assertThat(copy.reason()).isEqualTo(ScanReason.INSIDE);
    assertThat(copy.replayed()).isFalse();
  }

  @Test
  void aLateRetryAfterTheTicketMovedOnIsSupersededAndChangesNothing() {
    store.event(EVENT, true, false, true);
    Ticket t = issued();
    String code = CODES.codeFor(t);
    assertThat(entry(code, "n-1").admitted()).isTrue();
    assertThat(scan("s2", code, Direction.EXIT, "x-1", NOW.plusSeconds(5)).admitted()).isTrue();
    ScanResult late = scan("s1", code, Direction.ENTRY, "n-1", NOW.plusSeconds(9));
    assertThat(late.result()).isEqualTo(ScanOutcome.ALREADY_REDEEMED);
    assertThat(late.reason()).isEqualTo(ScanReason.SUPERSEDED);
    assertThat(late.replayed()).isTrue();
    assertThat(late.previous().direction()).isEqualTo(Direction.EXIT);
    assertThat(store.ticket(t.ticketId()).orElseThrow().admissions()).isEqualTo(1);
    assertThat(store.ticket(t.ticketId()).orElseThrow().inside()).isFalse();

    ScanResult back = scan("s1", code, Direction.ENTRY, "n-2", NOW.plusSeconds(20));
    assertThat(back.reason()).isEqualTo(ScanReason.REENTRY);
    ScanResult lateExit = scan("s2", code, Direction.EXIT, "x-1", NOW.plusSeconds(25));
    assertThat(lateExit.reason()).as("an exit's late retry does not let them out again").isEqualTo(ScanReason.SUPERSEDED);
    assertThat(store.exits(t.ticketId())).isEqualTo(1);
  }

  @Test
  void withoutReentryALeftTicketIsNotLetBackInAndAnExitNeedsSomeoneInside() {
    String code = CODES.codeFor(issued());
    assertThat(scan("s1", code, Direction.EXIT, "x-0", NOW).reason()).isEqualTo(ScanReason.NOT_INSIDE);
    assertThat(entry(code, "n-1").admitted()).isTrue();
    assertThat(scan("s1", code, Direction.EXIT, "x-1", NOW).admitted()).isTrue();
    ScanResult back = entry(code, "n-2");
    assertThat(back.reason()).isEqualTo(ScanReason.NO_REENTRY);
    assertThat(back.previous().direction()).isEqualTo(Direction.EXIT);
  }

  @Test
  void eachTicketStatusAndOtherEventsTicketIsRefusedWithItsReason() {
    assertThat(entry(CODES.codeFor(issued(EVENT, TicketStatus.REVOKED)), "a").reason()).isEqualTo(ScanReason.REVOKED);
    assertThat(entry(CODES.codeFor(issued(EVENT, TicketStatus.REFUNDED)), "b").reason()).isEqualTo(ScanReason.REFUNDED);
    assertThat(entry(CODES.codeFor(issued(EVENT, TicketStatus.CANCELLED)), "c").reason())
        .isEqualTo(ScanReason.CANCELLED);
    ScanResult other = entry(CODES.codeFor(issued("evt-2", TicketStatus.VALID)), "d");
    assertThat(other.result()).isEqualTo(ScanOutcome.WRONG_EVENT);
    assertThat(other.reason()).isEqualTo(ScanReason.CODE_FOR_OTHER_EVENT);
    Ticket neverIssued = ticket(EVENT, TicketStatus.VALID, NOW.minusSeconds(60), NOW.plusSeconds(3600));
    ScanResult unknown = entry(CODES.codeFor(neverIssued), "e");
    assertThat(unknown.reason()).isEqualTo(ScanReason.UNKNOWN_TICKET);
    assertThat(unknown.ticketId()).isEqualTo(neverIssued.ticketId());
  }

  @Test
  void aTicketStoredForAnotherEventIsNamedByIdOnly() {
    Ticket signedForThisEvent = ticket(EVENT, TicketStatus.VALID, NOW.minusSeconds(60), NOW.plusSeconds(3600));
    store.issue(new Ticket(signedForThisEvent.ticketId(), "evt-2", signedForThisEvent.orderId(), 1, "vip", "VIP",
        "Someone Else", TicketStatus.VALID, NOW, NOW.minusSeconds(60), NOW.plusSeconds(3600)), null);
    ScanResult other = entry(CODES.codeFor(signedForThisEvent), "a");
    assertThat(other.result()).isEqualTo(ScanOutcome.WRONG_EVENT);
    assertThat(other.reason()).isEqualTo(ScanReason.TICKET_OF_OTHER_EVENT);
    assertThat(other.ticketId()).isEqualTo(signedForThisEvent.ticketId());
    assertThat(other.holderName()).as("another event's ticket is not described").isNull();
    assertThat(other.ticketType()).isNull();
  }

  @Test
  void codesAreReadBeforeAnythingIsWritten() {
    assertThat(entry("not a code", "a").reason()).isEqualTo(ScanReason.MALFORMED);
    assertThat(entry("ZZZZ-ZZZZ-ZZZZ", "b").reason()).isEqualTo(ScanReason.UNKNOWN_FALLBACK_CODE);
    Ticket early = ticket(EVENT, TicketStatus.VALID, NOW.plusSeconds(3600), NOW.plusSeconds(7200));
    store.issue(early, CODES.fallbackCodeFor(early));
    assertThat(entry(CODES.codeFor(early), "c").reason()).isEqualTo(ScanReason.NOT_YET_VALID);
    assertThat(entry(CODES.fallbackCodeFor(early), "d").reason()).isEqualTo(ScanReason.NOT_YET_VALID);
    Ticket late = ticket(EVENT, TicketStatus.VALID, NOW.minusSeconds(7200), NOW);
    store.issue(late, null);
    assertThat(entry(CODES.codeFor(late), "e").reason()).isEqualTo(ScanReason.EXPIRED);
    assertThat(store.ticket(early.ticketId()).orElseThrow().firstAdmittedAt()).isNull();
    assertThat(store.ticket(late.ticketId()).orElseThrow().attempts()).isEmpty();
  }

  @Test
  void rotatingCodesWithinOneStepAndPrintedCodesOnlyWhenAllowed() {
    store.event(EVENT, new DoorEvent(EventStatus.ON_SALE, false, true, false));
    Ticket t = issued();
    assertThat(entry(CODES.codeFor(t), "a").reason()).isEqualTo(ScanReason.STATIC_CODE_NOT_ACCEPTED);
    String stale = CODES.rotatingCodeFor(t, NOW.minusSeconds(60), Duration.ofSeconds(15));
    assertThat(entry(stale, "b").reason()).isEqualTo(ScanReason.ROTATING_CODE_EXPIRED);
    String justBefore = CODES.rotatingCodeFor(t, NOW.minusSeconds(15), Duration.ofSeconds(15));
    assertThat(entry(justBefore, "c").admitted()).isTrue();
    Ticket typed = issued();
    assertThat(entry(CODES.fallbackCodeFor(typed), "d").admitted()).as("staff typed it after looking").isTrue();
  }

  @Test
  void aCancelledEventAdmitsNobodyButLetsPeopleOut() {
    Ticket inside = issued();
    Ticket outside = issued();
    assertThat(entry(CODES.codeFor(inside), "n-1").admitted()).isTrue();
    store.event(EVENT, new DoorEvent(EventStatus.CANCELLED, true, false, true));
    for (String code : List.of(CODES.codeFor(outside), CODES.fallbackCodeFor(outside))) {
      ScanResult refused = entry(code, "n-" + code.length());
      assertThat(refused.result()).isEqualTo(ScanOutcome.INVALID);
      assertThat(refused.reason()).isEqualTo(ScanReason.EVENT_CANCELLED);
    }
    assertThat(store.ticket(outside.ticketId()).orElseThrow().firstAdmittedAt()).isNull();
    assertThat(scan("s1", CODES.codeFor(inside), Direction.EXIT, "x-1", NOW).admitted()).isTrue();
  }

  @Test
  void aScannerWithoutALiveAssignmentOrWithoutTheEventIsRefusedAndLogged() {
    store.assign("gone", EVENT, true).assign("s1", "evt-missing", false);
    String code = CODES.codeFor(issued());
    for (var attempt : List.of(new ScanRequest("stranger", EVENT, Direction.ENTRY, "a", null, code, NOW),
        new ScanRequest("gone", EVENT, Direction.ENTRY, "b", null, code, NOW),
        new ScanRequest("s1", "evt-missing", Direction.ENTRY, "c", null, code, NOW))) {
      assertThatThrownBy(() -> door.scan(attempt)).isInstanceOf(ScannerNotAssignedException.class);
    }
    assertThat(store.scanLog()).hasSize(3).allSatisfy(e -> {
      assertThat(e.result().result()).isEqualTo(ScanOutcome.REFUSED);
      assertThat(e.result().reason()).isEqualTo(ScanReason.SCANNER_NOT_ASSIGNED);
      assertThat(e.ticketId()).isNull();
    });
  }

  @Test
  void refusedScansAreLoggedToExpireAndAdmissionsToStay() {
    Ticket t = issued();
    String code = CODES.codeFor(t);
    entry(code, "n-1");
    entry(code, "n-2");
    entry("junk", "n-3");
    List<DoorStore.ScanLogEntry> log = store.scanLog();
    assertThat(log).hasSize(3);
    assertThat(log.get(0).keepUntil()).isNull();
    assertThat(log.get(1).keepUntil()).isEqualTo(NOW.plus(Admissions.REFUSED_SCAN_RETENTION));
    assertThat(log.get(1).ticketId()).isEqualTo(t.ticketId());
    assertThat(log.get(2).keepUntil()).isEqualTo(NOW.plus(Admissions.REFUSED_SCAN_RETENTION));
    assertThat(log.get(2).ticketId()).isNull();
  }
}
