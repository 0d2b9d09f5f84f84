package com.boxoffice.shared.adapter.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.testing.QrDecoding;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Issued codes rendered as PNGs and read back with ZXing: the text survives, and every code fits
 * QR version 5 at error correction Q, for checkout's ticket ids and for the longest event ids
 * the format allows at that size (static and rotating).
 */
class QrSizingTest {
  static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");
  static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k255\",\"keys\":{\"k255\":{\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32])
          + "\"}}}", "QR_SIGNING_KEYS"));

  static Ticket ticket(String ticketId, String eventId) {
    return new Ticket(ticketId, eventId, "ord", 1, "general", null, null, TicketStatus.VALID, NOW,
        NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(3)));
  }

  @Test
  void renderedCodesDecodeBackAndFitVersionFive() throws Exception {
    String[][] cases = {
        {"ord_0123456789abcdef01234567-1", "evt-demo"},
        {"ord_ffffffffffffffffffffffff-255", "evt-2036-festa"},
        {"ord_0123456789abcdef01234567-12", "e".repeat(SignedTicketCodes.MAX_ROTATING_EVENT_ID_BYTES)},
    };
    for (String[] c : cases) {
      Ticket t = ticket(c[0], c[1]);
      for (String code : new String[] {CODES.codeFor(t), CODES.rotatingCodeFor(t, NOW, Duration.ofSeconds(15))}) {
        int version = QrCodes.version(code);
        System.out.println("QR sizing: ticket " + c[0] + " event " + c[1] + " -> " + code.length()
            + " characters, version " + version);
        assertThat(version).as(code).isLessThanOrEqualTo(5);
        assertThat(decode(QrCodes.png(code, 300))).isEqualTo(code);
      }
    }
  }

  @Test
  void aCodeThatWouldNotFitVersionFiveIsNeverIssued() {
    Ticket t = ticket("ord_0123456789abcdef01234567-1", "e".repeat(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CODES.codeFor(t))
        .isInstanceOf(IllegalArgumentException.class);
    String longest = CODES.codeFor(ticket("ord_0123456789abcdef01234567-1", "e".repeat(SignedTicketCodes.MAX_EVENT_ID_BYTES)));
    assertThat(longest.length()).isLessThanOrEqualTo(SignedTicketCodes.MAX_CODE_CHARS);
    assertThat(QrCodes.version(longest)).isEqualTo(5);
    assertThat(longest).hasSize(SignedTicketCodes.MAX_CODE_CHARS);
    assertThat(QrCodes.version(longest + "00")).as("one pair more needs version 6").isEqualTo(6);
  }

  static String decode(byte[] png) throws Exception {
    return QrDecoding.decode(png);
  }

}
