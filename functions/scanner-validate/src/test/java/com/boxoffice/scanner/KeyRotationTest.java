package com.boxoffice.scanner;

import static com.boxoffice.scanner.DoorRulesTest.assertScan;
import static com.boxoffice.scanner.ScanFixture.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotation drill: a new key becomes active, codes under the old key keep admitting until its
 * {@code notAfter}, then are refused; once the old key is removed they are unknown. Fallback codes
 * stay the same throughout because they are derived from the configured fallback key.
 */
@ExtendWith(LocalAwsExtension.class)
class KeyRotationTest {

  @Test
  void oldCodesWorkThroughTheOverlapAndAreRefusedAfterIt(LocalAws aws, LocalResources res) {
    String k1 = ScanFixture.secret();
    String k2 = ScanFixture.secret();
    var f = new ScanFixture(aws, res, ScanFixture.keysJson(Map.of("k1", k1), "k1", Map.of()), 360);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Ticket a = f.issue(EVENT);
    Ticket b = f.issue(EVENT);
    Ticket c = f.issue(EVENT);
    String aUnderK1 = f.codes.codeFor(a);
    String bUnderK1 = f.codes.codeFor(b);
    String cUnderK1 = f.codes.codeFor(c);
    String cFallback = f.codes.fallbackCodeFor(c);

    Instant overlapEnd = f.clock.instant().plus(Duration.ofHours(1));
    f.rekey("{\"active\":\"k2\",\"fallback\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + k1 + "\",\"notAfter\":\""
        + overlapEnd + "\"},\"k2\":{\"secret\":\"" + k2 + "\"}}}", 360);
    String bUnderK2 = f.codes.codeFor(b);
    assertThat(bUnderK2).isNotEqualTo(bUnderK1);
    assertThat(f.codes.fallbackCodeFor(c)).as("fallback codes survive the rotation").isEqualTo(cFallback);

    assertScan(f, aUnderK1, "ok", null);
    assertScan(f, bUnderK2, "ok", null);

    f.clock.set(overlapEnd);
    assertScan(f, cUnderK1, "invalid", "retired_key");
    assertScan(f, f.codes.codeFor(c), "ok", null);

    Ticket d = f.issue(EVENT);
    String dUnderK1 = new com.boxoffice.shared.domain.code.SignedTicketCodes(
        com.boxoffice.shared.config.SigningKeysSetting.parse(ScanFixture.keysJson(Map.of("k1", k1), "k1", Map.of()), "t"))
        .codeFor(d);
    f.rekey(ScanFixture.keysJson(Map.of("k2", k2), "k2", Map.of()), 360);
    assertScan(f, dUnderK1, "invalid", "unknown_key");
    assertScan(f, f.codes.codeFor(d), "ok", null);
  }
}
