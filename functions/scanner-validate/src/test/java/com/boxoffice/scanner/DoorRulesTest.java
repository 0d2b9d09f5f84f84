package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static com.boxoffice.scanner.ScanFixture.OTHER_EVENT;
import static com.boxoffice.scanner.ScanFixture.json;
import static com.boxoffice.scanner.ScanFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The door's rules, each through the handler on DynamoDB Local. */
@ExtendWith(LocalAwsExtension.class)
class DoorRulesTest {

  @Test
  void theSameNonceRetriedGetsTheSameAdmissionAndRecordsOne(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    f.assign("s2", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    var first = f.scan("s1", code, EVENT, "entry", "n-1");
    assertThat(result(first)).isEqualTo("ok");
    f.clock.advance(Duration.ofSeconds(3));
    var retry = f.scan("s1", code, EVENT, "entry", "n-1");
    assertThat(result(retry)).isEqualTo("ok");
    assertThat(json(retry).path("replayed").asBoolean()).isTrue();
    assertThat(json(retry).path("firstAdmittedAt").asText()).isEqualTo(json(first).path("firstAdmittedAt").asText());
    assertThat(f.ticketItem(t.ticketId()).get("admissions").n()).isEqualTo("1");

    var other = f.scan("s2", code, EVENT, "entry", "n-2");
    assertThat(result(other)).isEqualTo("already_redeemed");
    assertThat(json(other).path("previous").path("scannerId").asText()).isEqualTo("s1");
    assertThat(json(other).path("previous").path("at").asText()).isEqualTo(ScanFixture.START.toString());
    assertThat(json(other).path("holderName").asText()).isEqualTo("Ada Lovelace");
    assertThat(json(other).path("ticketType").asText()).isEqualTo("General admission");
    assertThat(f.scanLog(t.ticketId())).hasSize(3);
  }

  @Test
  void exitThenReentryWhenTheEventAllowsIt(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, true, false, true);
    f.assign("s1", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    assertThat(result(f.scan("s1", code, EVENT, "exit", "x-0"))).as("not inside yet").isEqualTo("invalid");
    assertThat(result(f.entry("s1", code))).isEqualTo("ok");
    var again = f.entry("s1", code);
    assertThat(result(again)).isEqualTo("already_redeemed");
    assertThat(json(again).path("reason").asText()).isEqualTo("inside");
    assertThat(result(f.scan("s1", code, EVENT, "exit", "x-1"))).isEqualTo("ok");
    var back = f.entry("s1", code);
    assertThat(result(back)).isEqualTo("ok");
    assertThat(json(back).path("reason").asText()).isEqualTo("reentry");
    assertThat(json(back).path("admissions").asInt()).isEqualTo(2);
    assertThat(f.ticketItem(t.ticketId()).get("exits").n()).isEqualTo("1");
  }

  @Test
  void noReentryAfterExitWhenTheEventForbidsIt(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    String code = f.codes.codeFor(f.issue(EVENT));

    assertThat(result(f.entry("s1", code))).isEqualTo("ok");
    assertThat(result(f.scan("s1", code, EVENT, "exit", "x-1"))).isEqualTo("ok");
    var back = f.entry("s1", code);
    assertThat(result(back)).isEqualTo("already_redeemed");
    assertThat(json(back).path("reason").asText()).isEqualTo("no_reentry");
    assertThat(json(back).path("previous").path("direction").asText()).isEqualTo("exit");
  }

  @Test
  void revokedRefundedCancelledAndOtherEventsTicketsAreRefusedEachWithItsReason(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.event(OTHER_EVENT, false, false, true);
    f.assign("s1", EVENT, false);

    Ticket revoked = f.issue(EVENT, TicketStatus.REVOKED);
    assertScan(f, f.codes.codeFor(revoked), "revoked", "revoked");
    Ticket refunded = f.issue(EVENT, TicketStatus.REFUNDED);
    assertScan(f, f.codes.codeFor(refunded), "unpaid", "refunded");
    Ticket cancelled = f.issue(EVENT, TicketStatus.CANCELLED);
    assertScan(f, f.codes.codeFor(cancelled), "unpaid", "cancelled");
    Ticket other = f.issue(OTHER_EVENT);
    assertScan(f, f.codes.codeFor(other), "wrong_event", "code_for_other_event");

    Ticket later = f.issue(EVENT);
    f.setStatus(later.ticketId(), TicketStatus.REVOKED);
    assertScan(f, f.codes.codeFor(later), "revoked", "revoked");
    assertThat(f.ticketItem(later.ticketId())).doesNotContainKey("firstAdmittedAt");

    Ticket neverStored = new Ticket(Ticket.idFor(f.orderId(), 1), EVENT, "ord_x", 1, "general", null, null,
        TicketStatus.VALID, f.clock.instant(), f.clock.instant().minusSeconds(60), f.clock.instant().plusSeconds(3600));
    assertScan(f, f.codes.codeFor(neverStored), "invalid", "unknown_ticket");
  }

  @Test
  void codesOutsideTheirWindowAreRefused(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Instant now = f.clock.instant();
    Ticket early = new Ticket(Ticket.idFor(f.orderId(), 1), EVENT, "o", 1, "general", null, null, TicketStatus.VALID,
        now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(5)));
    f.store(early);
    assertScan(f, f.codes.codeFor(early), "invalid_time", "not_yet_valid");
    assertScan(f, f.codes.fallbackCodeFor(early), "invalid_time", "not_yet_valid");
    Ticket late = new Ticket(Ticket.idFor(f.orderId(), 1), EVENT, "o", 1, "general", null, null, TicketStatus.VALID,
        now.minus(Duration.ofHours(6)), now.minus(Duration.ofHours(5)), now);
    f.store(late);
    assertScan(f, f.codes.codeFor(late), "invalid_time", "expired");
    assertThat(f.ticketItem(early.ticketId())).doesNotContainKey("firstAdmittedAt");
  }

  @Test
  void aTypedFallbackCodeAdmitsWithOneLookupAndForgivesTypingSlips(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Ticket t = f.issue(EVENT);
    String fallback = f.codes.fallbackCodeFor(t);
    assertThat(fallback).hasSize(12).matches("[0-9A-HJKMNP-TV-Z]{12}");
    String typed = (fallback.substring(0, 4) + "-" + fallback.substring(4, 8) + "-" + fallback.substring(8))
        .toLowerCase().replace('0', 'o').replace('1', 'l');
    var first = f.entry("s1", typed);
    assertThat(result(first)).isEqualTo("ok");
    assertThat(json(first).path("ticketId").asText()).isEqualTo(t.ticketId());
    assertThat(result(f.entry("s1", f.codes.codeFor(t)))).as("the QR code of the same ticket").isEqualTo("already_redeemed");
    assertScan(f, "ZZZZ-ZZZZ-ZZZZ", "invalid", "unknown_fallback_code");
  }

  @Test
  void rotatingCodesAreAcceptedWithinOneStepAndPrintedCodesOnlyWhenAllowed(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, true, false);
    f.assign("s1", EVENT, false);
    Ticket t = f.issue(EVENT);
    assertScan(f, f.codes.codeFor(t), "invalid", "static_code_not_accepted");
    String shownLongAgo = f.codes.rotatingCodeFor(t, f.clock.instant().minusSeconds(60), Duration.ofSeconds(15));
    assertScan(f, shownLongAgo, "invalid_time", "rotating_code_expired");
    String shownJustBefore = f.codes.rotatingCodeFor(t, f.clock.instant().minusSeconds(15), Duration.ofSeconds(15));
    assertScan(f, shownJustBefore, "ok", null);

    f.event(OTHER_EVENT, false, true, true);
    f.assign("s1", OTHER_EVENT, false);
    Ticket printed = f.issue(OTHER_EVENT);
    assertThat(result(f.scan("s1", f.codes.codeFor(printed), OTHER_EVENT, "entry", "p-1"))).isEqualTo("ok");
  }

  @Test
  void aScannerOverItsLimitOfRefusedScansGets429UntilTheNextMinute(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res, ScanFixture.keysJson(java.util.Map.of("k1", ScanFixture.secret()), "k1",
        java.util.Map.of()), 5);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    f.assign("s2", EVENT, false);
    String code = f.codes.codeFor(f.issue(EVENT));
    assertThat(result(f.entry("s1", code))).as("an admission is not counted").isEqualTo("ok");
    for (int i = 0; i < 5; i++) {
      assertThat(result(f.entry("s1", code))).isEqualTo("already_redeemed");
    }
    int before = f.itemCount();
    var limited = f.entry("s1", code);
    assertThat(limited.getStatusCode()).isEqualTo(429);
    assertThat(json(limited).path("error").path("code").asText()).isEqualTo("rate_limited");
    assertThat(Integer.parseInt(limited.getHeaders().get("Retry-After"))).isBetween(1, 60);
    assertThat(f.itemCount()).as("a refused attempt over the limit is not logged").isEqualTo(before);
    Ticket fresh = f.issue(EVENT);
    assertThat(f.entry("s1", f.codes.codeFor(fresh)).getStatusCode())
        .as("once over its limit, the scanner is refused until the window ends, admissions included").isEqualTo(429);
    assertThat(f.ticketItem(fresh.ticketId())).doesNotContainKey("firstAdmittedAt");
    assertThat(f.entry("s2", code).getStatusCode()).as("the limit is per scanner").isEqualTo(200);
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(result(f.entry("s1", f.codes.codeFor(fresh)))).isEqualTo("ok");
  }

  @Test
  void admissionsAreNeverCountedAgainstTheLimit(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res, ScanFixture.keysJson(java.util.Map.of("k1", ScanFixture.secret()), "k1",
        java.util.Map.of()), 2);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    for (int i = 0; i < 10; i++) {
      assertThat(result(f.entry("s1", f.codes.codeFor(f.issue(EVENT))))).isEqualTo("ok");
    }
    assertThat(result(f.entry("s1", "junk-1"))).isEqualTo("invalid");
    assertThat(result(f.entry("s1", "junk-2"))).isEqualTo("invalid");
    assertThat(f.entry("s1", "junk-3").getStatusCode()).as("the third refusal in the minute").isEqualTo(429);
  }

  @Test
  void aRevokedScannerIsRefusedOnceTheCachedRulesExpire(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    assertThat(result(f.entry("s1", f.codes.codeFor(f.issue(EVENT))))).isEqualTo("ok");

    f.assign("s1", EVENT, true);
    f.clock.advance(DoorRulesCache.DEFAULT_TTL.minusMillis(1));
    assertThat(result(f.entry("s1", f.codes.codeFor(f.issue(EVENT)))))
        .as("within the cache time the container still trusts what it read").isEqualTo("ok");
    f.clock.advance(Duration.ofMillis(1));
    var refused = f.entry("s1", f.codes.codeFor(f.issue(EVENT)));
    assertThat(refused.getStatusCode()).as("at most DEFAULT_TTL after the revocation").isEqualTo(403);
    assertThat(json(refused).path("error").path("code").asText()).isEqualTo("scanner_not_assigned");
  }

  @Test
  void unauthenticatedUnassignedAndMalformedRequestsGetTheirStatus(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    f.assign("gone", EVENT, true);
    String code = f.codes.codeFor(f.issue(EVENT));
    String body = ScanFixture.body(code, EVENT, "entry", "n-1", "north");

    var anonymous = f.handler.handleRequest(ScanFixture.event((String) null, body), null);
    assertThat(anonymous.getStatusCode()).isEqualTo(401);
    assertThat(json(anonymous).path("error").path("code").asText()).isEqualTo("unauthenticated");
    for (String scanner : new String[] {"stranger", "gone"}) {
      var refused = f.handler.handleRequest(ScanFixture.event(scanner, body), null);
      assertThat(refused.getStatusCode()).as(scanner).isEqualTo(403);
      assertThat(json(refused).path("error").path("code").asText()).isEqualTo("scanner_not_assigned");
    }
    var other = f.scan("s1", code, "evt-nobody-assigned", "entry", "n-2");
    assertThat(other.getStatusCode()).isEqualTo(403);

    assertBad(f, "{", "malformed_json", null);
    assertBad(f, "{\"code\":\"x\",\"eventId\":\"" + EVENT + "\",\"direction\":\"entry\",\"nonce\":\"n\",\"extra\":1}",
        "unknown_field", "extra");
    assertBad(f, ScanFixture.body(code, EVENT, "sideways", "n-3", "north"), "validation_failed", "direction");
    assertBad(f, ScanFixture.body(code, EVENT, "entry", null, "north"), "validation_failed", "nonce");
    assertBad(f, ScanFixture.body(null, EVENT, "entry", "n-4", "north"), "validation_failed", "code");
    assertBad(f, ScanFixture.body(code, "bad event id!", "entry", "n-5", "north"), "validation_failed", "eventId");
    assertBad(f, ScanFixture.body("A".repeat(600), EVENT, "entry", "n-6", "north"), "validation_failed", "code");
    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-7"))).as("nothing was admitted by bad requests")
        .isEqualTo("ok");
  }

  private static void assertBad(ScanFixture f, String body, String code, String field) {
    var r = f.handler.handleRequest(ScanFixture.event("s1", body), null);
    assertThat(r.getStatusCode()).as(body).isEqualTo(400);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo(code);
    if (field != null) {
      assertThat(json(r).path("error").path("fields").has(field)).as(r.getBody()).isTrue();
    }
  }

  static void assertScan(ScanFixture f, String code, String expectedResult, String expectedReason) {
    var r = f.entry("s1", code);
    assertThat(result(r)).as(r.getBody()).isEqualTo(expectedResult);
    if (expectedReason != null) {
      assertThat(json(r).path("reason").asText()).as(r.getBody()).isEqualTo(expectedReason);
    }
  }
}
