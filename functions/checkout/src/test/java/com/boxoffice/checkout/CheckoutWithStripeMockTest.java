package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class CheckoutWithStripeMockTest {

  private static CheckoutFixture fixture(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));
    f.ticketType("general", 100, 2500, 10);
    f.ticketType("vip", 2, 9000, 2);
    return f;
  }

  @Test
  void aSignedInBuyerGetsAPendingOrderWithHeldSeatsAndAPaymentPage(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);

    var response = f.checkout(body("general", 3), "user-1");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    var body = json(response);
    String orderId = body.get("orderId").asText();
    assertThat(orderId).startsWith("ord_");
    assertThat(body.get("status").asText()).isEqualTo("pending");
    assertThat(body.get("checkoutUrl").asText()).startsWith("https://");
    assertThat(body.get("amountTotal").asLong()).isEqualTo(7500);
    assertThat(body.get("currency").asText()).isEqualTo("eur");
    assertThat(Instant.parse(body.get("expiresAt").asText())).isAfterOrEqualTo(CheckoutFixture.START.plus(Duration.ofMinutes(30)));
    assertThat(body.has("accessToken")).as("only guests get a token").isFalse();
    assertThat(f.inventory("general")).containsExactly(3, 0, 97);

    var item = f.orderItem(orderId);
    assertThat(item.get("status").s()).isEqualTo("pending");
    assertThat(item.get("buyerId").s()).isEqualTo("user-1");
    assertThat(item.get("checkoutSessionId").s()).startsWith("cs_");
    assertThat(item.get("gsi1pk").s()).isEqualTo(com.boxoffice.shared.adapter.dynamo.OrderItems.pendingIndexKey(orderId));

    var view = f.getOrder(orderId, "user-1");
    assertThat(view.getStatusCode()).isEqualTo(200);
    assertThat(json(view).get("status").asText()).isEqualTo("pending");
    assertThat(json(view).has("tickets")).isFalse();
    assertThat(f.getOrder(orderId, "user-2").getStatusCode()).as("someone else's order").isEqualTo(404);
    assertThat(f.getGuestOrder(orderId, "anything").getStatusCode()).as("not a guest order").isEqualTo(404);
  }

  @Test
  void thePaidOrderShowsItsTicketsWithCodesAndQrImages(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    String orderId = json(f.checkout(body("general", 2), "user-1")).get("orderId").asText();

    String session = f.orderItem(orderId).get("checkoutSessionId").s();
    var paid = f.payments.paid(new OrderPayments.PaymentConfirmation(orderId, session, "pi_1", 5000, "eur", f.clock.instant()));
    assertThat(paid.outcome()).isEqualTo(OrderPayments.Outcome.APPLIED);

    var view = json(f.getOrder(orderId, "user-1"));
    assertThat(view.get("status").asText()).isEqualTo("paid");
    assertThat(view.get("tickets")).hasSize(2);
    var first = view.get("tickets").get(0);
    assertThat(first.get("ticketId").asText()).isEqualTo(orderId + "-1");
    assertThat(first.get("code").asText()).isEqualTo(CheckoutFixture.FAKE_CODES.codeFor(paid.order().tickets().get(0)));
    assertThat(first.get("fallbackCode").asText()).isEqualTo("F-1");
    byte[] png = Base64.getDecoder().decode(first.get("qrPngBase64").asText());
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(f.inventory("general")).containsExactly(0, 2, 98);
  }

  @Test
  void aGuestGetsAnAccessTokenThatAloneOpensTheOrder(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);

    var response = f.post("/v1/guest/checkout", body("vip", 1), null, "203.0.113.5", Map.of());

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    String orderId = json(response).get("orderId").asText();
    String token = json(response).get("accessToken").asText();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(f.orderItem(orderId).get("accessTokenHash").s()).isEqualTo(Sha256.hex(token));
    assertThat(f.orderItem(orderId).toString()).doesNotContain(token);

    assertThat(f.getGuestOrder(orderId, token).getStatusCode()).isEqualTo(200);
    assertThat(f.getGuestOrder(orderId, token + "x").getStatusCode()).isEqualTo(404);
    assertThat(f.getGuestOrder(orderId, null).getStatusCode()).isEqualTo(404);
    assertThat(f.getOrder(orderId, "user-1").getStatusCode()).as("a guest order has no signed-in owner").isEqualTo(404);
    assertThat(f.getGuestOrder("ord_doesnotexist", token).getStatusCode()).isEqualTo(404);
  }

  @Test
  void theSameKeyAndBodyReplaysTheFirstAnswerWithoutASecondHold(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "order-attempt-1");

    var first = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);
    var second = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);

    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
    assertThat(second.getStatusCode()).isEqualTo(201);
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(second.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);
    assertThat(f.count("ORDER#")).isEqualTo(1);

    var other = f.post("/v1/checkout", body("general", 2), "user-2", "198.51.100.7", key);
    assertThat(other.getStatusCode()).as("keys are scoped per buyer").isEqualTo(201);
    assertThat(json(other).get("orderId").asText()).isNotEqualTo(json(first).get("orderId").asText());
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "k-2");
    assertThat(f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key).getStatusCode()).isEqualTo(201);

    var reused = f.post("/v1/checkout", body("general", 3), "user-1", "198.51.100.7", key);

    assertThat(reused.getStatusCode()).isEqualTo(422);
    assertThat(json(reused).at("/error/code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);
  }

  @Test
  void aKeyStillInFlightIsAnsweredWithRequestInProgress(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    String id = CheckoutApi.IDEMPOTENCY_SCOPE + "#" + Sha256.hex("user:user-1\nk-3");
    var store = new DynamoIdempotencyStore(f.dynamo, f.idempotencyTable, Duration.ofHours(24));
    assertThat(store.claim(id, Sha256.hex(body("general", 1)), f.clock.instant(), Duration.ofSeconds(30)))
        .isInstanceOf(IdempotencyStore.Claimed.class);

    var busy = f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.7", Map.of("Idempotency-Key", "k-3"));
    assertThat(busy.getStatusCode()).isEqualTo(409);
    assertThat(json(busy).at("/error/code").asText()).isEqualTo("request_in_progress");
    assertThat(json(busy).at("/error/retryable").asBoolean()).isTrue();

    f.clock.advance(Duration.ofSeconds(31));
    var after = f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.7", Map.of("Idempotency-Key", "k-3"));
    assertThat(after.getStatusCode()).as("a crashed request stops blocking its key").isEqualTo(201);
  }

  @Test
  void aNonRetryableRefusalIsStoredAndReplayed(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "k-4");
    var first = f.post("/v1/checkout", body("vip", 3), "user-1", "198.51.100.7", key);
    assertThat(first.getStatusCode()).isEqualTo(400);

    var again = f.post("/v1/checkout", body("vip", 3), "user-1", "198.51.100.7", key);
    assertThat(again.getStatusCode()).isEqualTo(400);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void aMultiTypeOrderHoldsEveryTypeOrNone(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    String both = "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":2},"
        + "{\"ticketTypeId\":\"vip\",\"quantity\":2}],\"email\":\"ada@example.com\",\"name\":\"Ada\"}";
    assertThat(f.checkout(both, "user-1").getStatusCode()).isEqualTo(201);
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);
    assertThat(f.inventory("vip")).containsExactly(2, 0, 0);

    var refused = f.checkout(both, "user-2");

    assertThat(refused.getStatusCode()).isEqualTo(409);
    var error = json(refused).get("error");
    assertThat(error.get("code").asText()).isEqualTo("sold_out");
    assertThat(error.at("/fields/vip").asText()).isEqualTo("0 left");
    assertThat(error.at("/fields/general").asText()).isEqualTo("98 left");
    assertThat(f.inventory("general")).as("general was not held either").containsExactly(2, 0, 98);
    assertThat(f.count("ORDER#")).isEqualTo(1);
  }

  @Test
  void salesClosedOrNotOnSaleIsAConflict(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    f.clock.advance(Duration.ofDays(3));

    var late = f.checkout(body("general", 1), "user-1");

    assertThat(late.getStatusCode()).isEqualTo(409);
    assertThat(json(late).at("/error/code").asText()).isEqualTo("event_not_on_sale");
    assertThat(f.inventory("general")).containsExactly(0, 0, 100);
  }

  @Test
  void aGuestReplayReturnsTheSameTokenThoughTheStoredAnswerDoesNotHoldIt(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "guest-attempt-1");

    var first = f.post("/v1/guest/checkout", body("general", 1), null, "203.0.113.5", key);
    var replay = f.post("/v1/guest/checkout", body("general", 1), null, "203.0.113.5", key);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    String token = json(first).get("accessToken").asText();
    var stored = f.dynamo.scan(b -> b.tableName(f.idempotencyTable)).items();
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).get("data").s()).contains(json(first).get("orderId").asText()).doesNotContain(token);

    var otherBody = f.post("/v1/guest/checkout", body("general", 2), null, "203.0.113.5", key);
    assertThat(json(otherBody).get("orderId").asText()).as("another body is another guest's key space")
        .isNotEqualTo(json(first).get("orderId").asText());
  }
}
