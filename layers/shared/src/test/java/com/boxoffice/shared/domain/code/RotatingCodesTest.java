package com.boxoffice.shared.domain.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.door.Admissions;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScanReason;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.testing.memory.InMemoryDoorStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rotating codes as the buyer's app makes them from the seed the order route hands out, read by
 * the door: the current step admits, a screenshot two steps old does not, a reissued ticket's old
 * secret makes only codes of the old version, and the holder of a secret cannot stretch its code.
 */
@Tag("fast")
class RotatingCodesTest {
  static final Instant NOW = Instant.parse("2026-06-01T19:00:07Z");
  static final String EVENT = "evt-1";
  static final Duration STEP = Duration.ofSeconds(15);
  static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}}}",
      "QR_SIGNING_KEYS"));

  final InMemoryDoorStore store = new InMemoryDoorStore();
  final Admissions door = new Admissions(CODES, store);
  final Ticket ticket = new Ticket("ord_0123456789abcdef01234567-1", EVENT, "ord_0123456789abcdef01234567", 1,
      "general", "General admission", "Ada Lovelace", TicketStatus.VALID, NOW, NOW.minus(Duration.ofHours(1)),
      NOW.plus(Duration.ofHours(6)));

  RotatingCodesTest() {
    store.event(EVENT, new DoorEvent(EventStatus.ON_SALE, false, true, false)).assign("s1", EVENT, false);
    store.issue(ticket, CODES.fallbackCodeFor(ticket));
  }

  ScanResult scan(String code, String nonce) {
    return door.scan(new ScanRequest("s1", EVENT, Direction.ENTRY, nonce, "north", code, NOW));
  }

  @Test
  void aCodeOfTheCurrentStepAdmits() {
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    assertThat(scan(seed.codeAt(NOW), "n-1").admitted()).isTrue();
  }

  @Test
  void aScreenshotTwoStepsOldIsRefusedAsExpiredAndOneStepOfSkewIsTolerated() {
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    ScanResult stale = scan(seed.codeAt(NOW.minus(STEP.multipliedBy(2))), "n-1");
    assertThat(stale.reason()).isEqualTo(ScanReason.ROTATING_CODE_EXPIRED);
    assertThat(stale.admitted()).isFalse();
    ScanResult ahead = scan(seed.codeAt(NOW.plus(STEP)), "n-2");
    assertThat(ahead.admitted()).as("a phone clock one step fast").isTrue();
  }

  @Test
  void aReissuedTicketsOldSecretNoLongerMakesCodesOfTheCurrentVersion() {
    RotatingCodeSeed before = CODES.rotatingSeedFor(ticket, 0, STEP);
    RotatingCodeSeed after = CODES.rotatingSeedFor(ticket, 1, STEP);
    assertThat(after.secretBase64Url()).isNotEqualTo(before.secretBase64Url());

    var old = (CodeCheck.Verified) CODES.verify(before.codeAt(NOW), NOW);
    assertThat(old.payload().codeVersion()).isZero();
    assertThat(old.payload().issuedForCodeVersion(1)).as("the ticket is at version 1 now").isFalse();
    var current = (CodeCheck.Verified) CODES.verify(after.codeAt(NOW), NOW);
    assertThat(current.payload().issuedForCodeVersion(1)).isTrue();

    // the old secret cannot pass its codes off as the new version: the version is under the tag
    byte[] prefix = Base64.getUrlDecoder().decode(before.prefixBase64Url());
    prefix[prefix.length - 1] = 1;
    RotatingCodeSeed forged = RotatingCodeSeed.of(
        Base64.getUrlEncoder().withoutPadding().encodeToString(prefix), before.secretBase64Url(), 15);
    assertThat(CODES.verify(forged.codeAt(NOW), NOW)).isEqualTo(new CodeCheck.Rejected("bad_signature"));
  }

  @Test
  void theHolderOfASecretCannotStretchItsWindowOrStep() {
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    byte[] prefix = Base64.getUrlDecoder().decode(seed.prefixBase64Url());
    byte[] longer = prefix.clone();
    longer[longer.length - 3] = (byte) 0xFF; // low byte of the window's minutes
    byte[] slower = prefix.clone();
    slower[slower.length - 2] = (byte) 255; // the step
    for (byte[] p : new byte[][] {longer, slower}) {
      var tampered = RotatingCodeSeed.of(Base64.getUrlEncoder().withoutPadding().encodeToString(p),
          seed.secretBase64Url(), 15);
      assertThat(CODES.verify(tampered.codeAt(NOW), NOW)).isEqualTo(new CodeCheck.Rejected("bad_signature"));
    }
  }

  @Test
  void aSeedNeverPrintsItsSecret() {
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    assertThat(seed.toString()).doesNotContain(seed.secretBase64Url());
  }

  /**
   * An app written from docs/ticket-codes.md alone: "body = prefix || the step counter
   * floor(unix seconds / stepSeconds) as 4 bytes big-endian; tag = the first 16 bytes of
   * HMAC-SHA256(secret, body); code = Base45 (RFC 9285) of body || tag". Nothing here uses the
   * server's classes but the seed's two strings, as the order route sends them.
   */
  @Test
  void aCodeMadeAsTheDocsDescribeIsAcceptedByTheDoor() throws Exception {
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    byte[] prefix = Base64.getUrlDecoder().decode(seed.prefixBase64Url());
    byte[] secret = Base64.getUrlDecoder().decode(seed.secretBase64Url());
    long counter = NOW.getEpochSecond() / 15;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(prefix);
    body.write((int) (counter >>> 24));
    body.write((int) (counter >>> 16));
    body.write((int) (counter >>> 8));
    body.write((int) counter);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] tag = Arrays.copyOf(mac.doFinal(body.toByteArray()), 16);
    body.writeBytes(tag);
    String code = base45(body.toByteArray());

    assertThat(code).isEqualTo(seed.codeAt(NOW));
    assertThat(scan(code, "n-1").admitted()).isTrue();
  }

  /** RFC 9285: pairs of bytes as three symbols (least significant first), a last odd byte as two. */
  static String base45(byte[] data) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < data.length; i += 2) {
      if (i + 1 < data.length) {
        int n = (data[i] & 0xFF) * 256 + (data[i + 1] & 0xFF);
        out.append(alphabet.charAt(n % 45)).append(alphabet.charAt(n / 45 % 45)).append(alphabet.charAt(n / 2025));
      } else {
        int n = data[i] & 0xFF;
        out.append(alphabet.charAt(n % 45)).append(alphabet.charAt(n / 45));
      }
    }
    return out.toString();
  }

  @Test
  void theSecretIsDerivedAsDocumented() throws Exception {
    // HMAC-SHA256(HKDF-Expand(master, "boxoffice/rotating-secret/v1/<eventId>"), prefix)
    RotatingCodeSeed seed = CODES.rotatingSeedFor(ticket, 0, STEP);
    byte[] master = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(master, "HmacSHA256"));
    byte[] eventKey = mac.doFinal(("boxoffice/rotating-secret/v1/" + EVENT + "\u0001").getBytes(StandardCharsets.UTF_8));
    mac.init(new SecretKeySpec(eventKey, "HmacSHA256"));
    byte[] secret = mac.doFinal(Base64.getUrlDecoder().decode(seed.prefixBase64Url()));
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).isEqualTo(seed.secretBase64Url());
  }
}
