package com.boxoffice.shared.adapter.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.email.EmailJobRejectedException;
import com.boxoffice.shared.domain.email.MimeMessageWriter;
import com.boxoffice.shared.domain.email.RenderedEmail;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Handlebars templates behind the EmailRenderer port: checked at load and against every job. */
class HandlebarsEmailTemplatesTest {
  private static final HandlebarsEmailTemplates.QrImages FAKE_QR = code -> ("png:" + code).getBytes(StandardCharsets.UTF_8);

  private static HandlebarsEmailTemplates confirmation() {
    return HandlebarsEmailTemplates.load("email", List.of("order-confirmation"), FAKE_QR);
  }

  static Map<String, Object> confirmationVariables() {
    Map<String, Object> t1 = new LinkedHashMap<>(Map.of("ticketId", "ord_1-1", "ticketTypeName", "Standing",
        "holderName", "Ada", "code", "CODE1", "fallbackCode", "FB1"));
    Map<String, Object> t2 = new LinkedHashMap<>(Map.of("ticketId", "ord_1-2", "ticketTypeName", "Standing",
        "holderName", "", "code", "CODE2", "fallbackCode", "FB2"));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("orderId", "ord_1");
    v.put("eventName", "Jazz <Night> & Friends");
    v.put("buyerName", "Ada");
    v.put("amountTotal", 4250);
    v.put("currency", "eur");
    v.put("tickets", List.of(t1, t2));
    return v;
  }

  @Test
  void aTemplateUsingAVariableItsManifestDoesNotDeclareIsRefusedAtLoad() {
    assertThatThrownBy(() -> HandlebarsEmailTemplates.load("email-test", List.of("undeclared"), FAKE_QR))
        .isInstanceOf(HandlebarsEmailTemplates.TemplateException.class)
        .hasMessageContaining("undeclared")
        .hasMessageContaining("doorsOpen");
  }

  @Test
  void aTemplateWithoutManifestIsRefusedAtLoad() {
    assertThatThrownBy(() -> HandlebarsEmailTemplates.load("email-test", List.of("nothing-here"), FAKE_QR))
        .isInstanceOf(HandlebarsEmailTemplates.TemplateException.class)
        .hasMessageContaining("manifest");
  }

  @Test
  void rendersTheConfirmationWithOneInlineQrImagePerTicketAndEscapesHtml() {
    RenderedEmail mail = confirmation().render(new EmailJob("order-confirmation:ord_1", "order-confirmation",
        "ada@example.com", confirmationVariables()));

    assertThat(mail.subject()).isEqualTo("Your tickets for Jazz <Night> & Friends");
    assertThat(mail.html()).contains("Jazz &lt;Night&gt; &amp; Friends").doesNotContain("<Night>");
    assertThat(mail.html()).contains("EUR 42.50").contains("FB1").contains("FB2");
    assertThat(mail.images()).hasSize(2);
    assertThat(mail.images()).extracting(RenderedEmail.InlineImage::contentId)
        .containsExactly("tickets-1@boxoffice", "tickets-2@boxoffice");
    assertThat(mail.html()).contains("cid:tickets-1@boxoffice").contains("cid:tickets-2@boxoffice");
    assertThat(new String(mail.images().get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("png:CODE2");
    assertThat(mail.text()).contains("Hello Ada,").contains("FB1").contains("for Ada").doesNotContain("{{");
    // The optional holder name is blank on the second ticket: its guard leaves no dangling "for".
    assertThat(mail.text()).contains("Ticket ord_1-2: Standing\n");
  }

  @Test
  void anEventWithoutPrintedCodesGetsAMailThatPointsToTheAppAndStillCarriesTheFallbackCode() {
    Map<String, Object> v = confirmationVariables();
    for (Object t : (List<?>) v.get("tickets")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> ticket = (Map<String, Object>) t;
      ticket.remove("code");
    }
    v.put("appOnly", "yes");

    RenderedEmail mail = confirmation().render(new EmailJob("order-confirmation:ord_1", "order-confirmation",
        "ada@example.com", v));

    assertThat(mail.images()).isEmpty();
    assertThat(mail.html()).doesNotContain("cid:").contains("lives in the Boxoffice app").contains("FB1").contains("FB2");
    assertThat(mail.text()).contains("lives in the Boxoffice app").contains("FB1")
        .doesNotContain("HTML version of this mail");
  }

  @Test
  void aJobMissingAVariableOrLeavingItBlankIsRejectedNamingEachOne() {
    Map<String, Object> v = confirmationVariables();
    v.remove("eventName");
    @SuppressWarnings("unchecked")
    Map<String, Object> second = (Map<String, Object>) ((List<?>) v.get("tickets")).get(1);
    second.put("fallbackCode", " ");
    EmailJob job = new EmailJob("j", "order-confirmation", "ada@example.com", v);

    assertThatThrownBy(() -> confirmation().render(job))
        .isInstanceOfSatisfying(EmailJobRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo("missing_variables");
          assertThat(e.getMessage()).contains("eventName").contains("tickets[1].fallbackCode");
        });
  }

  @Test
  void aJobWithoutTicketsOrWithAnUnknownTemplateIsRejected() {
    Map<String, Object> v = confirmationVariables();
    v.put("tickets", List.of());
    assertThatThrownBy(() -> confirmation().render(new EmailJob("j", "order-confirmation", "a@example.com", v)))
        .isInstanceOfSatisfying(EmailJobRejectedException.class,
            e -> assertThat(e.getMessage()).contains("tickets[]"));
    assertThatThrownBy(() -> confirmation().render(new EmailJob("j", "newsletter", "a@example.com", v)))
        .isInstanceOfSatisfying(EmailJobRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo("unknown_template"));
  }

  @Test
  void anOptionalVariableMayBeBlankButMustStillBeGuarded() {
    HandlebarsEmailTemplates plain = HandlebarsEmailTemplates.load("email-test", List.of("plain"), FAKE_QR);
    RenderedEmail without = plain.render(new EmailJob("j", "plain", "a@example.com", Map.of("name", "Bo")));
    RenderedEmail with = plain.render(new EmailJob("j", "plain", "a@example.com", Map.of("name", "Bo", "note", "VIP")));

    assertThat(without.text()).isEqualTo("Hi Bo\n");
    assertThat(with.text()).isEqualTo("Hi Bo (VIP)\n");
    assertThat(without.images()).isEmpty();
  }

  @Test
  void theMimeMessageCarriesBothBodiesAndTheImagesUnderTheirContentIds() {
    RenderedEmail mail = confirmation().render(new EmailJob("order-confirmation:ord_1", "order-confirmation",
        "ada@example.com", confirmationVariables()));
    String mime = new String(MimeMessageWriter.write("tickets@example.com", "ada@example.com",
        "order-confirmation:ord_1", mail, java.time.ZonedDateTime.parse("2026-12-01T10:00:00Z")), StandardCharsets.US_ASCII);

    assertThat(mime).contains("X-Boxoffice-Job: order-confirmation:ord_1\r\n")
        .contains("Content-Type: multipart/related;")
        .contains("Content-Type: text/plain; charset=UTF-8")
        .contains("Content-Type: text/html; charset=UTF-8")
        .contains("Content-ID: <tickets-1@boxoffice>")
        .contains("Content-ID: <tickets-2@boxoffice>");
    assertThat(mime.lines()).allMatch(line -> line.length() <= 998);
    // The same job always gets the same Message-ID.
    String again = new String(MimeMessageWriter.write("tickets@example.com", "ada@example.com",
        "order-confirmation:ord_1", mail, java.time.ZonedDateTime.parse("2026-12-02T10:00:00Z")), StandardCharsets.US_ASCII);
    assertThat(messageId(again)).isEqualTo(messageId(mime));
  }

  private static String messageId(String mime) {
    return mime.lines().filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow();
  }
}
