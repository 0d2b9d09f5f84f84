package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static com.boxoffice.scanner.ScanFixture.json;
import static com.boxoffice.scanner.ScanFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.door.Admissions;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the real table has to prove at the door: replays keyed by device and nonce, the scope a
 * token needs, refused scans that expire, and a cancelled event that admits nobody.
 */
@ExtendWith(LocalAwsExtension.class)
class DoorIntegrityTest {

  @Test
  void twoDevicesSendingTheSameNonceForCopiesOfOneCodeDoNotBothGetOk(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    f.assign("s2", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-1"))).isEqualTo("ok");
    var copy = f.scan("s2", code, EVENT, "entry", "n-1");
    assertThat(result(copy)).as(copy.getBody()).isEqualTo("already_redeemed");
    assertThat(json(copy).path("reason").asText()).isEqualTo("inside");
    assertThat(json(copy).path("replayed").asBoolean()).isFalse();
    assertThat(json(copy).path("previous").path("scannerId").asText()).isEqualTo("s1");
    assertThat(f.scanLog(t.ticketId())).as("both attempts logged, though sent in the same millisecond").hasSize(2);
    var retry = f.scan("s1", code, EVENT, "entry", "n-1");
    assertThat(result(retry)).as("the first device's own retry is still its answer").isEqualTo("ok");
    assertThat(json(retry).path("replayed").asBoolean()).isTrue();
    assertThat(f.ticketItem(t.ticketId()).get("admissions").n()).isEqualTo("1");
  }

  @Test
  void aLateRetryOfAnEntryAfterAnExitDoesNotReadmit(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, true, false, true);
    f.assign("s1", EVENT, false);
    f.assign("s2", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-1"))).isEqualTo("ok");
    f.clock.advance(Duration.ofSeconds(5));
    assertThat(result(f.scan("s2", code, EVENT, "exit", "x-1"))).isEqualTo("ok");
    f.clock.advance(Duration.ofSeconds(5));
    var late = f.scan("s1", code, EVENT, "entry", "n-1");
    assertThat(result(late)).as(late.getBody()).isEqualTo("already_redeemed");
    assertThat(json(late).path("reason").asText()).isEqualTo("superseded");
    assertThat(json(late).path("replayed").asBoolean()).isTrue();
    assertThat(json(late).path("previous").path("direction").asText()).isEqualTo("exit");
    var item = f.ticketItem(t.ticketId());
    assertThat(item.get("admissions").n()).isEqualTo("1");
    assertThat(item.get("inside").bool()).isFalse();

    var lateExit = f.scan("s2", code, EVENT, "exit", "x-1");
    assertThat(result(lateExit)).as("the exit's retry, now the last change, is a plain replay").isEqualTo("ok");
    assertThat(json(lateExit).path("replayed").asBoolean()).isTrue();
    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-2"))).as("a new attempt re-enters").isEqualTo("ok");
    assertThat(f.ticketItem(t.ticketId()).get("admissions").n()).isEqualTo("2");
  }

  @Test
  void aBuyersTokenOnTheScanRouteGets403AndWritesNothing(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    f.assign("buyer-1", EVENT, false);
    Ticket t = f.issue(EVENT);
    String body = ScanFixture.body(f.codes.codeFor(t), EVENT, "entry", "n-1", "north");
    int before = f.itemCount();

    for (Map<String, String> claims : java.util.List.of(Map.of("sub", "buyer-1", "scope", "buyer"),
        Map.of("sub", "buyer-1"), Map.of("sub", "buyer-1", "scope", "buyer scanner-admin"))) {
      var refused = f.handler.handleRequest(ScanFixture.event(claims, body), null);
      assertThat(refused.getStatusCode()).as(claims.toString()).isEqualTo(403);
      assertThat(json(refused).path("error").path("code").asText()).isEqualTo("insufficient_scope");
    }
    assertThat(f.itemCount()).as("no admission, no scan log, no rate-limit window").isEqualTo(before);
    assertThat(f.ticketItem(t.ticketId())).doesNotContainKey("firstAdmittedAt");

    var scanner = f.handler.handleRequest(ScanFixture.event(Map.of("sub", "s1", "scope", "openid scanner"), body), null);
    assertThat(result(scanner)).isEqualTo("ok");
    var listed = f.handler.handleRequest(ScanFixture.event(Map.of("sub", "s1", "scp", "[scanner]"),
        ScanFixture.body(f.codes.codeFor(f.issue(EVENT)), EVENT, "entry", "n-2", "north")), null);
    assertThat(result(listed)).as("a scp array claim, as API Gateway passes it on").isEqualTo("ok");
  }

  @Test
  void refusedScansExpireWhileAdmissionsAreKept(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-1"))).isEqualTo("ok");
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(result(f.scan("s1", code, EVENT, "entry", "n-2"))).isEqualTo("already_redeemed");
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(result(f.scan("s1", "not a ticket code", EVENT, "entry", "n-3"))).isEqualTo("invalid");
    assertThat(f.scan("s1", code, "evt-nobody-assigned", "entry", "n-4").getStatusCode()).isEqualTo(403);

    long keepSeconds = Admissions.REFUSED_SCAN_RETENTION.toSeconds();
    var log = f.scanLog(t.ticketId());
    assertThat(log).hasSize(2);
    for (Map<String, AttributeValue> entry : log) {
      if (entry.get("result").s().equals("ok")) {
        assertThat(entry).as("an admission is kept").doesNotContainKey("expiresAt");
      } else {
        assertThat(Long.parseLong(entry.get("expiresAt").n()))
            .isEqualTo(java.time.Instant.parse(entry.get("scannedAt").s()).getEpochSecond() + keepSeconds);
      }
    }
    var junk = f.anonymousScanLog(EVENT, f.clock.instant());
    assertThat(junk).hasSize(1);
    assertThat(junk.get(0).get("reason").s()).isEqualTo("malformed");
    assertThat(Long.parseLong(junk.get(0).get("expiresAt").n()))
        .isEqualTo(f.clock.instant().getEpochSecond() + keepSeconds);
    var unassigned = f.anonymousScanLog("evt-nobody-assigned", f.clock.instant());
    assertThat(unassigned).hasSize(1);
    assertThat(unassigned.get(0).get("result").s()).isEqualTo("refused");
    assertThat(unassigned.get(0)).containsKey("expiresAt");
  }

  @Test
  void aCancelledEventAdmitsNobodyButLetsPeopleOut(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Ticket inside = f.issue(EVENT);
    Ticket outside = f.issue(EVENT);
    assertThat(result(f.entry("s1", f.codes.codeFor(inside)))).isEqualTo("ok");

    f.setEventStatus(EVENT, "CANCELLED");
    // The door rules are kept in the container for a few seconds; the cancellation holds after that.
    f.clock.advance(DoorRulesCache.DEFAULT_TTL);
    var refused = f.entry("s1", f.codes.codeFor(outside));
    assertThat(result(refused)).as(refused.getBody()).isEqualTo("invalid");
    assertThat(json(refused).path("reason").asText()).isEqualTo("event_cancelled");
    assertThat(f.ticketItem(outside.ticketId())).doesNotContainKey("firstAdmittedAt");
    var typed = f.entry("s1", f.codes.fallbackCodeFor(outside));
    assertThat(json(typed).path("reason").asText()).as("typed codes too").isEqualTo("event_cancelled");
    assertThat(result(f.scan("s1", f.codes.codeFor(inside), EVENT, "exit", "x-1"))).isEqualTo("ok");
  }
}
