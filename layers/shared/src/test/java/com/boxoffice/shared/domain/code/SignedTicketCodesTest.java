package com.boxoffice.shared.domain.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The code format itself: round trips and one canonical spelling. */
class SignedTicketCodesTest {
  static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");
  static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  static SignedTicketCodes codes(String json) {
    return new SignedTicketCodes(SigningKeysSetting.parse(json, "QR_SIGNING_KEYS"));
  }

  static SignedTicketCodes k1() {
    return codes("{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\"}}}");
  }

  static Ticket ticket(String ticketId, String eventId) {
    return new Ticket(ticketId, eventId, "ord", 1, "general", "General", "Ada", TicketStatus.VALID, NOW,
        NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6)));
  }

  @Test
  void aCodeReadsBackAsWhatWasSigned() {
    Ticket t = ticket("ord_0123456789abcdef01234567-3", "evt-demo");
    String code = k1().codeFor(t);
    assertThat(code).matches("[0-9A-Z $%*+\\-./:]+");
    var check = k1().verify(code, NOW);
    assertThat(check).isInstanceOf(CodeCheck.Verified.class);
    var p = ((CodeCheck.Verified) check).payload();
    assertThat(p.ticketId()).isEqualTo(t.ticketId());
    assertThat(p.eventId()).isEqualTo("evt-demo");
    assertThat(p.validFrom()).isEqualTo(t.validFrom());
    assertThat(p.validUntil()).isEqualTo(t.validUntil());
    assertThat(p.keyNumber()).isEqualTo(1);
    assertThat(p.rotating()).isFalse();
    assertThat(k1().codeFor(t)).as("deterministic").isEqualTo(code);
  }

  @Test
  void ticketIdsOfOtherShapesAndRotatingCodesRoundTrip() {
    Ticket t = ticket("demo-ticket-7", "evt-demo");
    var p = ((CodeCheck.Verified) k1().verify(k1().codeFor(t), NOW)).payload();
    assertThat(p.ticketId()).isEqualTo("demo-ticket-7");
    String rotating = k1().rotatingCodeFor(t, NOW, Duration.ofSeconds(20));
    var r = ((CodeCheck.Verified) k1().verify(rotating, NOW)).payload();
    assertThat(r.stepSeconds()).isEqualTo(20);
    assertThat(r.counter()).isEqualTo(NOW.getEpochSecond() / 20);
  }

  @Test
  void everyByteIsCoveredByTheTag() {
    String code = k1().codeFor(ticket("ord_0123456789abcdef01234567-3", "evt-demo"));
    byte[] raw = Base45.decodeOrNull(code);
    int accepted = 0;
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = raw.clone();
        flipped[i] ^= (byte) (1 << bit);
        if (k1().verify(Base45.encode(flipped), NOW) instanceof CodeCheck.Verified) {
          accepted++;
        }
      }
    }
    assertThat(accepted).isZero();
  }

  @Test
  void nonCanonicalSpellingsAreRefused() {
    assertThat(Base45.decodeOrNull("GGW")).as("65535 + 1 is not a pair").isNull();
    assertThat(Base45.decodeOrNull("ABCD")).as("3k+1 characters").isNull();
    assertThat(Base45.decodeOrNull("a1")).as("lower case is outside the alphabet").isNull();
    assertThat(Base45.decodeOrNull("")).isEmpty();
    assertThat(k1().verify("", NOW)).isEqualTo(new CodeCheck.Rejected("malformed"));
    assertThat(k1().verify(null, NOW)).isEqualTo(new CodeCheck.Rejected("malformed"));
    String code = k1().codeFor(ticket("ord_0123456789abcdef01234567-3", "evt-demo"));
    assertThat(k1().verify(code.toLowerCase(), NOW)).isEqualTo(new CodeCheck.Rejected("malformed"));
    assertThat(k1().verify(code + "00", NOW)).isEqualTo(new CodeCheck.Rejected("malformed"));
  }

  @Test
  void keysRetireAtTheirNotAfterAndUnknownKeysAreNamedAsSuch() {
    Ticket t = ticket("ord_0123456789abcdef01234567-1", "evt-demo");
    String underK1 = k1().codeFor(t);
    var rotated = codes("{\"active\":\"k2\",\"keys\":{\"k1\":{\"secret\":\"" + K1
        + "\",\"notAfter\":\"2036-06-01T19:00:00Z\"},\"k2\":{\"secret\":\"" + K2 + "\"}}}");
    assertThat(rotated.verify(underK1, NOW)).isInstanceOf(CodeCheck.Verified.class);
    assertThat(rotated.verify(underK1, Instant.parse("2036-06-01T19:00:00Z")))
        .isEqualTo(new CodeCheck.Rejected("retired_key"));
    var onlyK2 = codes("{\"active\":\"k2\",\"keys\":{\"k2\":{\"secret\":\"" + K2 + "\"}}}");
    assertThat(onlyK2.verify(underK1, NOW)).isEqualTo(new CodeCheck.Rejected("unknown_key"));
    assertThat(rotated.verify(rotated.codeFor(t), Instant.parse("2036-06-02T00:00:00Z")))
        .isInstanceOf(CodeCheck.Verified.class);
  }

  @Test
  void fallbackCodesAreTwelveTypableSymbolsPerTicketAndEvent() {
    var codes = k1();
    String a = codes.fallbackCode("evt-demo", "ord_0123456789abcdef01234567-1");
    String b = codes.fallbackCode("evt-demo", "ord_0123456789abcdef01234567-2");
    String c = codes.fallbackCode("evt-other", "ord_0123456789abcdef01234567-1");
    assertThat(a).hasSize(12).matches("[0-9A-HJKMNP-TV-Z]+");
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    assertThat(CrockfordBase32.normalize(a.toLowerCase().replace('0', 'o').replace('1', 'i'))).isEqualTo(a);
    assertThat(SignedTicketCodes.looksLikeFallback(a.substring(0, 4) + "-" + a.substring(4, 8) + "-" + a.substring(8)))
        .isTrue();
    assertThat(SignedTicketCodes.looksLikeFallback(codes.codeFor(ticket("ord_0123456789abcdef01234567-1", "e"))))
        .isFalse();
  }

  @Test
  void whyNoCodeForRefusesExactlyWhatTheEncoderRefuses() {
    java.util.List<Duration> windows = java.util.List.of(Duration.ofSeconds(30), Duration.ofHours(12),
        Duration.ofMinutes(SignedTicketCodes.MAX_WINDOW_MINUTES), Duration.ofMinutes(SignedTicketCodes.MAX_WINDOW_MINUTES)
            .plusSeconds(1), Duration.ofDays(60));
    int refused = 0;
    for (int idBytes = 1; idBytes <= 30; idBytes++) {
      String eventId = "e".repeat(idBytes);
      for (Duration window : windows) {
        Instant from = NOW.plusMillis(250);
        Ticket t = new Ticket("ord_0123456789abcdef01234567-255", eventId, "ord", 255, "general", "General", "Ada",
            TicketStatus.VALID, NOW, from, from.plus(window));
        boolean encodes;
        try {
          k1().codeFor(t);
          encodes = true;
        } catch (IllegalArgumentException e) {
          encodes = false;
        }
        var why = SignedTicketCodes.whyNoCodeFor(eventId, t.validFrom(), t.validUntil());
        assertThat(why.isEmpty()).as("%d-byte event id, window %s: %s", idBytes, window, why).isEqualTo(encodes);
        refused += encodes ? 0 : 1;
      }
    }
    assertThat(refused).as("both limits are reached").isGreaterThan(30);
    assertThat(SignedTicketCodes.whyNoCodeFor("e".repeat(21), NOW, NOW.plusSeconds(3600))).hasValueSatisfying(
        why -> assertThat(why).contains("event id"));
  }
}
