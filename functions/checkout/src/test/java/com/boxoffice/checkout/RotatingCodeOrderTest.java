package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.RotatingCodeSeed;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order route of an event with rotating codes: the owner's app gets the seed of each ticket
 * (docs/ticket-codes.md) and the current code, no static code when printed codes are not allowed,
 * and a new secret once the ticket is reissued.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class RotatingCodeOrderTest {
  static final SignedTicketCodes CODES = new SignedTicketCodes(SigningKeysSetting.parse(
      "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}}}",
      "QR_SIGNING_KEYS"));

  private static CheckoutFixture fixture(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));
    f.ticketType("general", 100, 2500, 10);
    return f;
  }

  private static String paidOrder(CheckoutFixture f) {
    String orderId = json(f.checkout(body("general", 1), "user-1")).get("orderId").asText();
    String session = f.orderItem(orderId).get("checkoutSessionId").s();
    var paid = f.payments.paid(new OrderPayments.PaymentConfirmation(orderId, session, "pi_" + orderId, 2500, "eur",
        f.clock.instant()));
    assertThat(paid.outcome()).isEqualTo(OrderPayments.Outcome.APPLIED);
    return orderId;
  }

  private static void eventRules(CheckoutFixture f, boolean printedAllowed) {
    f.dynamo.updateItem(b -> b.tableName(f.table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + CheckoutFixture.EVENT), "sk", AttributeValue.fromS("EVENT")))
        .updateExpression("SET rotatingCodes = :t, printedCodesAllowed = :p, rotationStepSeconds = :s")
        .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":p", AttributeValue.fromBool(printedAllowed),
            ":s", AttributeValue.fromN("20"))));
  }

  private static JsonNode firstTicket(CheckoutFixture f, CheckoutHandler handler, String orderId, String sub) {
    var r = handler.handleRequest(CheckoutFixture.event("GET", "/v1/orders/" + orderId, "GET /v1/orders/{orderId}",
        Map.of("orderId", orderId), null, sub, "198.51.100.7", Map.of()), null);
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    return HttpApiEvents.json(r).get("tickets").get(0);
  }

  @Test
  void theOwnerGetsTheSeedAndTheCurrentCodeAndNoPrintableCode(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    eventRules(f, false);
    String orderId = paidOrder(f);
    CheckoutHandler handler = f.handlerWith(CODES);

    JsonNode ticket = firstTicket(f, handler, orderId, "user-1");

    assertThat(ticket.has("code")).as("the door would refuse it").isFalse();
    assertThat(ticket.has("qrPngBase64")).isFalse();
    assertThat(ticket.get("fallbackCode").asText()).hasSize(12);
    JsonNode rotating = ticket.get("rotating");
    assertThat(rotating.get("stepSeconds").asInt()).isEqualTo(20);
    assertThat(rotating.get("skewSteps").asInt()).isEqualTo(1);
    Instant now = f.clock.instant();
    assertThat(Instant.parse(rotating.get("codeExpiresAt").asText()))
        .isEqualTo(Instant.ofEpochSecond((now.getEpochSecond() / 20 + 1) * 20));
    RotatingCodeSeed seed = RotatingCodeSeed.of(rotating.get("prefix").asText(), rotating.get("secret").asText(), 20);
    assertThat(seed.codeAt(now)).isEqualTo(rotating.get("code").asText());
    var check = (CodeCheck.Verified) CODES.verify(seed.codeAt(now.plusSeconds(60)), now.plusSeconds(60));
    assertThat(check.payload().ticketId()).isEqualTo(orderId + "-1");
    assertThat(check.payload().stepSeconds()).isEqualTo(20);

    var stranger = handler.handleRequest(CheckoutFixture.event("GET", "/v1/orders/" + orderId, "GET /v1/orders/{orderId}",
        Map.of("orderId", orderId), null, "user-2", "198.51.100.7", Map.of()), null);
    assertThat(stranger.getStatusCode()).isEqualTo(404);
    assertThat(stranger.getBody()).doesNotContain(rotating.get("secret").asText());
  }

  @Test
  void aReissuedTicketGetsANewSecretAndTheOldOneOnlyMakesCodesOfTheOldVersion(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    eventRules(f, true);
    String orderId = paidOrder(f);
    CheckoutHandler handler = f.handlerWith(CODES);
    JsonNode before = firstTicket(f, handler, orderId, "user-1");
    assertThat(before.has("code")).as("printed codes are allowed").isTrue();

    f.dynamo.updateItem(b -> b.tableName(f.table)
        .key(Map.of("pk", AttributeValue.fromS("TICKET#" + orderId + "-1"), "sk", AttributeValue.fromS("TICKET")))
        .updateExpression("SET codeVersion = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"))));
    JsonNode after = firstTicket(f, handler, orderId, "user-1");

    assertThat(after.get("rotating").get("secret").asText()).isNotEqualTo(before.get("rotating").get("secret").asText());
    Instant now = f.clock.instant();
    var old = RotatingCodeSeed.of(before.get("rotating").get("prefix").asText(),
        before.get("rotating").get("secret").asText(), 20);
    var oldCheck = (CodeCheck.Verified) CODES.verify(old.codeAt(now), now);
    assertThat(oldCheck.payload().issuedForCodeVersion(1)).isFalse();
    var fresh = (CodeCheck.Verified) CODES.verify(after.get("rotating").get("code").asText(), now);
    assertThat(fresh.payload().issuedForCodeVersion(1)).isTrue();
  }

  @Test
  void anEventWithoutRotationShowsNoSeed(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    String orderId = paidOrder(f);
    JsonNode ticket = firstTicket(f, f.handlerWith(CODES), orderId, "user-1");
    assertThat(ticket.has("rotating")).isFalse();
    assertThat(ticket.has("code")).isTrue();
  }
}
