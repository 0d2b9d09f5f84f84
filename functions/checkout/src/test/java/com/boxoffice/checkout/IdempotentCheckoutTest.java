package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.SoldOutHints;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an {@code Idempotency-Key} keeps and what it does not, and guest key spaces. Where DynamoDB
 * must fail in a way DynamoDB Local never does, WireMock stands in front of it and answers the
 * chosen operations itself, passing everything else through.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class IdempotentCheckoutTest {
  private static final String JSON_10 = "application/x-amz-json-1.0";

  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  private CheckoutFixture fixture(LocalAws aws, LocalResources res, StripeMock stripe) {
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
    DynamoDbClient throughProxy = DynamoDbClient.builder().endpointOverride(URI.create(proxy.baseUrl()))
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
        .build();
    var f = new CheckoutFixture(throughProxy, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));
    f.ticketType("general", 100, 2500, 10);
    f.ticketType("vip", 2, 9000, 2);
    return f;
  }

  /** The hold transaction is cancelled with these per-item reasons (the order put, then the ticket type). */
  private void holdCancelled(String reasons) {
    proxy.stubFor(any(anyUrl()).atPriority(1)
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.TransactWriteItems"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10).withBody(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"Message\":\"Transaction cancelled\",\"CancellationReasons\":" + reasons + "}")));
  }

  @Test
  void aSoldOutAnswerIsNotKeptSoTheSameKeyBuysOnceSeatsComeBack(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    String other = json(f.checkout(body("vip", 2), "user-2")).get("orderId").asText();
    var key = Map.of("Idempotency-Key", "vip-attempt");

    var soldOut = f.post("/v1/checkout", body("vip", 1), "user-1", "198.51.100.7", key);
    assertThat(soldOut.getStatusCode()).isEqualTo(409);
    assertThat(soldOut.getBody()).isEqualTo(
        "{\"error\":{\"code\":\"sold_out\",\"message\":\"Not enough tickets are left for this order.\","
            + "\"retryable\":false,\"fields\":{\"vip\":\"0 left\"}}}");
    assertThat(f.storedAnswers()).as("a sold-out answer is not kept").isZero();

    f.orders.endUnpaid(f.orders.find(other).orElseThrow(), OrderStatus.EXPIRED, f.clock.instant());
    // Released elsewhere (the sweep, say): this container repeats its sold-out answer for the hint, then asks the store.
    f.clock.advance(SoldOutHints.DEFAULT_HINT);
    var again = f.post("/v1/checkout", body("vip", 1), "user-1", "198.51.100.7", key);

    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(201);
    assertThat(again.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(f.inventory("vip")).containsExactly(1, 0, 1);
  }

  @Test
  void aThrottledInvalidOrUnexplainedHoldCancellationIsRetryableAndNeverSoldOut(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "throttled-attempt");
    for (String reasons : new String[] {
        "[{\"Code\":\"None\"},{\"Code\":\"ThrottlingError\",\"Message\":\"Throughput exceeds the current capacity\"}]",
        "[{\"Code\":\"None\"},{\"Code\":\"ValidationError\",\"Message\":\"bad update\"}]",
        "[]"}) {
      holdCancelled(reasons);

      var r = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);

      assertThat(r.getStatusCode()).as(reasons + " -> " + r.getBody()).isEqualTo(503);
      var error = json(r).get("error");
      assertThat(error.get("code").asText()).isEqualTo("inventory_unavailable");
      assertThat(error.get("retryable").asBoolean()).isTrue();
      assertThat(r.getHeaders()).containsEntry("Retry-After", "1");
      assertThat(f.storedAnswers()).as("a transient failure is not kept").isZero();
    }

    proxy.resetAll();
    fixtureProxyOnly(aws);
    var retry = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);
    assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);
  }

  @Test
  void aFailedCapacityConditionAloneIsSoldOut(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    holdCancelled("[{\"Code\":\"None\"},{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"}]");

    var r = f.checkout(body("general", 2), "user-1");

    assertThat(r.getStatusCode()).isEqualTo(409);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("sold_out");
  }

  @Test
  void anAnswerThatCouldNotBeStoredIsFoundAgainOnRetryWithoutASecondHold(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    // Storing the answer (an UpdateItem on the idempotency table) fails; the claim itself works.
    proxy.stubFor(any(anyUrl()).atPriority(1)
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem"))
        .withRequestBody(containing(f.idempotencyTable))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10).withBody(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"gone\"}")));
    var key = Map.of("Idempotency-Key", "lost-answer");

    var first = f.post("/v1/guest/checkout", body("general", 2), null, "203.0.113.5", key);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);

    // Giving up the claim failed as well (the same table), so it blocks the key until it lapses.
    proxy.resetAll();
    fixtureProxyOnly(aws);
    var tooSoon = f.post("/v1/guest/checkout", body("general", 2), null, "203.0.113.5", key);
    assertThat(tooSoon.getStatusCode()).isEqualTo(409);
    assertThat(json(tooSoon).at("/error/code").asText()).isEqualTo("request_in_progress");

    f.clock.advance(Duration.ofSeconds(31));
    var retry = f.post("/v1/guest/checkout", body("general", 2), null, "203.0.113.5", key);

    assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
    assertThat(retry.getBody()).as("the same order, token and payment page").isEqualTo(first.getBody());
    assertThat(f.count("ORDER#")).isEqualTo(1);
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);

    var replay = f.post("/v1/guest/checkout", body("general", 2), null, "203.0.113.5", key);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(replay.getBody()).isEqualTo(first.getBody());
  }

  @Test
  void aFailureAfterTheHoldIsContinuedByTheRetryWithoutASecondHold(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    // Recording the payment page on the order fails after the seats are held and the session exists.
    proxy.stubFor(any(anyUrl()).atPriority(1)
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem"))
        .withRequestBody(containing("checkoutSessionId"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10).withBody(
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"gone\"}")));
    var key = Map.of("Idempotency-Key", "half-done");

    var failed = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);
    assertThat(failed.getStatusCode()).as(failed.getBody()).isEqualTo(500);
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);

    proxy.resetAll();
    fixtureProxyOnly(aws);
    var retry = f.post("/v1/checkout", body("general", 2), "user-1", "198.51.100.7", key);

    assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
    assertThat(f.count("ORDER#")).isEqualTo(1);
    assertThat(f.inventory("general")).containsExactly(2, 0, 98);
    String orderId = json(retry).get("orderId").asText();
    assertThat(f.orderItem(orderId).get("checkoutSessionId").s()).startsWith("cs_");
    assertThat(json(retry).get("checkoutUrl").asText()).startsWith("https://");
  }

  @Test
  void aGuestWhoChangesNetworksGetsTheFirstAnswerAgain(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "phone-attempt");

    var onWifi = f.post("/v1/guest/checkout", body("general", 1), null, "203.0.113.5", key);
    var onMobile = f.post("/v1/guest/checkout", body("general", 1), null, "198.51.100.200", key);

    assertThat(onWifi.getStatusCode()).isEqualTo(201);
    assertThat(onMobile.getStatusCode()).isEqualTo(201);
    assertThat(onMobile.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(onMobile.getBody()).isEqualTo(onWifi.getBody());
    assertThat(f.count("ORDER#")).isEqualTo(1);
  }

  @Test
  void twoGuestsBehindOneAddressUsingTheSameKeyEachGetTheirOwnOrder(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    var key = Map.of("Idempotency-Key", "1");
    String ada = body("general", 1);
    String bob = ada.replace("ada@example.com", "bob@example.com").replace("Ada Lovelace", "Bob Babbage");

    var first = f.post("/v1/guest/checkout", ada, null, "192.0.2.1", key);
    var second = f.post("/v1/guest/checkout", bob, null, "192.0.2.1", key);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(201);
    assertThat(second.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(json(second).get("orderId").asText()).isNotEqualTo(json(first).get("orderId").asText());
    assertThat(json(second).get("accessToken").asText()).isNotEqualTo(json(first).get("accessToken").asText());
    assertThat(f.count("ORDER#")).isEqualTo(2);
  }

  private void fixtureProxyOnly(LocalAws aws) {
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
  }
}
