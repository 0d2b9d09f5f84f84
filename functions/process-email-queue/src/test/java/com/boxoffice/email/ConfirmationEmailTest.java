package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.testing.QrDecoding;
import com.boxoffice.shared.testing.SesEmulatorExtension;
import com.boxoffice.shared.testing.SesEmulatorExtension.SesEmulator;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The purchase confirmation as the SES v2 emulator receives it, through the real handler. */
@ExtendWith({LocalAwsExtension.class, SesEmulatorExtension.class})
class ConfirmationEmailTest {
  private static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32])
          + "\"}}}", "QR_SIGNING_KEYS"));

  @Test
  void everyTicketsQrImageArrivesInlineAndDecodesBackToItsCode(LocalAws aws, LocalResources res, SesEmulator ses)
      throws Exception {
    ses.clear();
    Instant now = Instant.now();
    List<String> codes = new ArrayList<>();
    for (int seq = 1; seq <= 3; seq++) {
      codes.add(CODES.codeFor(new Ticket("ord_0123456789abcdef01234567-" + seq, "evt-demo",
          "ord_0123456789abcdef01234567", seq, "ga", "General admission", null, TicketStatus.VALID, now,
          now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)))));
    }
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    fixture.enqueue(EmailFixture.confirmation("ord_0123456789abcdef01234567", "ada@example.com", codes));

    Map<String, Object> result = fixture.run(15_000);

    assertThat(result).containsEntry("sent", 1).containsEntry("deadLettered", 0);
    List<JsonNode> mail = ses.emailsTo("ada@example.com");
    assertThat(mail).hasSize(1);
    JsonNode m = mail.get(0);
    assertThat(m.path("from").asText()).contains(EmailFixture.SENDER);
    assertThat(m.path("subject").asText()).isEqualTo("Your tickets for Boxoffice Live");
    assertThat(m.path("body").path("text").asText()).contains("Hello Ada Lovelace,").contains("EUR 135.00");
    String html = m.path("body").path("html").asText();
    List<String> decoded = new ArrayList<>();
    for (JsonNode attachment : m.path("attachments")) {
      assertThat(attachment.path("contentType").asText()).isEqualTo("image/png");
      String cid = attachment.path("contentId").asText().replaceAll("[<>]", "");
      // The emulator's MIME parser turns cid: references into data: URIs of the same image.
      String content = attachment.path("content").asText();
      assertThat(html.contains("cid:" + cid) || html.contains("data:image/png;base64," + content.substring(0, 120)))
          .as("the HTML shows image %s inline", cid).isTrue();
      assertThat(attachment.path("contentDisposition").asText()).isEqualTo("inline");
      decoded.add(QrDecoding.decode(Base64.getDecoder().decode(attachment.path("content").asText())));
    }
    assertThat(decoded).containsExactlyInAnyOrderElementsOf(codes);
    for (String code : codes) {
      assertThat(CODES.verify(code, now)).as("the mailed code is one the door accepts")
          .isInstanceOf(com.boxoffice.shared.domain.code.CodeCheck.Verified.class);
    }
    assertThat(m.path("body").path("text").asText()).as("no placeholder left").doesNotContain("{{").doesNotContain("}}");
  }

  @Test
  void theSameJobQueuedTwiceIsMailedOnce(LocalAws aws, LocalResources res, SesEmulator ses) {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    var job = EmailFixture.confirmation("ord_twice", "bob@example.com", List.of("CODE-ONE"));
    fixture.enqueue(job);
    fixture.enqueue(job);

    Map<String, Object> first = fixture.run(10_000);
    fixture.enqueue(job);
    // A copy handled at the same moment as the first is put back for a few seconds, then dropped.
    Map<String, Object> second = fixture.with("EMAIL_MAX_EMPTY_POLLS", "5").run(15_000);

    assertThat(ses.emailsTo("bob@example.com")).hasSize(1);
    assertThat((int) first.get("sent") + (int) second.get("sent")).isEqualTo(1);
    assertThat((int) first.get("duplicates") + (int) second.get("duplicates")).isEqualTo(2);
    assertThat(fixture.visible("EmailQueue") + fixture.inFlightOrDelayed("EmailQueue")).isZero();
  }
}
