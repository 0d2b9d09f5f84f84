package com.boxoffice.retries;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code sweep-holds} task end to end, as Lambda builds the function from its environment:
 * DynamoDB Local and ElasticMQ for the table and queues, Stripe's API played by WireMock with the
 * answers a real account gives (an open session is expired, a completed one refuses to be).
 * Seats are given back only when nobody can pay for them any more.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepHoldsTaskTest {
  static final String KEYS = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString("sweep-holds-test-master-secret!!".getBytes()) + "\"}}}";
  /** The order and session of events/stripe-webhook/checkout.session.completed.json. */
  static final String SESSION = "cs_test_a1B2c3";

  @RegisterExtension
  final LoopbackWireMock stripe = new LoopbackWireMock();

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  Map<String, String> env(LocalAws aws, LocalResources res) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("TABLE_NAME", res.table("BoxofficeTable"));
    env.put("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"));
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
    env.put("WEBHOOK_RETRY_QUEUE_URL", res.queueUrl("WebhookRetryQueue"));
    env.put("STRIPE_SECRET_KEY", "sk_test_sweep");
    env.put("STRIPE_API_BASE", "http://127.0.0.1:" + stripe.port());
    env.put("QR_SIGNING_KEYS", KEYS);
    // The retry backoff would hide a failed message for a minute; nothing fails here.
    env.put("RETRY_BACKOFF_BASE_SECONDS", "0");
    return env;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> input(String file) {
    return Json.read(RetryFixture.sample("process-webhook-retries/" + file), Map.class);
  }

  /** Stripe's answer to expiring a session that is no longer open. */
  void expireRefused(String sessionId) {
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/" + sessionId + "/expire")).willReturn(aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_refused")
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Only Checkout Sessions with a status"
            + " in [\\\"open\\\"] can be expired.\"}}")));
  }

  void expireAccepted(String sessionId) {
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/" + sessionId + "/expire")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_expired")
        .withBody(session(sessionId, "expired", "unpaid", 5000))));
  }

  void sessionIs(String sessionId, String status, String paymentStatus, long amount) {
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_read")
        .withBody(session(sessionId, status, paymentStatus, amount))));
  }

  static String session(String id, String status, String paymentStatus, long amount) {
    return "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"status\":\"" + status
        + "\",\"payment_status\":\"" + paymentStatus + "\",\"payment_intent\":\"pi_test_3Q0example\","
        + "\"amount_total\":" + amount + ",\"currency\":\"eur\",\"mode\":\"payment\"}";
  }

  int expireCalls(String sessionId) {
    return stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/" + sessionId + "/expire"))).size();
  }

  static int number(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item, String name) {
    return Integer.parseInt(item.get(name).n());
  }

  @Test
  void aPaymentWhoseWebhookIsStillInRetryBackoffWhenTheSweepRunsFindsItsSeatsHeld(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    Instant now = Instant.now();
    // The last two seats, held by an order whose hold ended ten minutes ago (past the sweep's grace).
    f.store.seedTicketType("evt-show", "last", "Last seats", 2);
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "last", 2, SESSION, now.minus(Duration.ofMinutes(10)),
        "buyer@example.com", 5000);
    // The buyer paid just before the hold ended; the webhook failed and its event waits in the retry queue.
    expireRefused(SESSION);
    sessionIs(SESSION, "complete", "paid", 5000);
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    // 1. The sweep runs first.
    assertThat(handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000)))
        .containsEntry("examined", 1).containsEntry("kept", 1).containsEntry("released", 0);

    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("pending");
    var seats = f.store.ticketType("evt-show", "last");
    assertThat(number(seats, "held")).isEqualTo(2);
    assertThat(number(seats, "available")).isZero();
    assertThat(expireCalls(SESSION)).as("the sweep asked Stripe to expire the session").isEqualTo(1);
    // 2. Meanwhile nobody else can take those seats.
    assertThatThrownBy(() -> f.store.seedPendingOrder("ord_someone_else", "evt-show", "last", 2, "cs_other",
        now.plus(Duration.ofMinutes(30)), "other@example.com", 5000)).isInstanceOf(SoldOutException.class);

    // 3. The event comes out of its backoff and is processed.
    var retried = handler.handleRequest(input("retries.json"), RetryFixture.context(14_000));

    assertThat(retried).containsEntry("processed", 1).containsEntry("failed", 0);
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("paid");
    var order = f.store.order(RetryFixture.ORDER);
    assertThat(order.get("needsRefund").bool()).as("the buyer got the seats, not a refund").isFalse();
    assertThat(number(order, "ticketsIssued")).isEqualTo(2);
    seats = f.store.ticketType("evt-show", "last");
    assertThat(number(seats, "held")).isZero();
    assertThat(number(seats, "sold")).isEqualTo(2);
    assertThat(f.take("EmailQueue")).hasSize(1);
  }

  @Test
  void anOpenSessionIsExpiredAtStripeBeforeItsSeatsAreGivenBack(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder("ord_abandoned", "evt-show", "ga", 3, "cs_abandoned",
        Instant.now().minus(Duration.ofMinutes(10)), "gone@example.com", 7500);
    expireAccepted("cs_abandoned");
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));

    assertThat(expireCalls("cs_abandoned")).isEqualTo(1);
    assertThat(f.status("ORDER#ord_abandoned", "ORDER")).isEqualTo("expired");
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isZero();
    assertThat(number(f.store.ticketType("evt-show", "ga"), "available")).isEqualTo(100);
  }

  @Test
  void aSessionThatAlreadyExpiredIsReleased(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder("ord_lapsed", "evt-show", "ga", 1, "cs_lapsed",
        Instant.now().minus(Duration.ofMinutes(10)), "lapsed@example.com", 2500);
    expireRefused("cs_lapsed");
    sessionIs("cs_lapsed", "expired", "unpaid", 2500);

    new ProcessWebhookRetriesHandler(new Env(env(aws, res))).handleRequest(input("sweep-holds.json"),
        RetryFixture.context(60_000));

    assertThat(f.status("ORDER#ord_lapsed", "ORDER")).isEqualTo("expired");
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isZero();
  }

  @Test
  void aStripeOutageLeavesTheHoldForTheNextSweep(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder("ord_unknown", "evt-show", "ga", 2, "cs_unknown",
        Instant.now().minus(Duration.ofMinutes(10)), "unknown@example.com", 5000);
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/cs_unknown/expire")).willReturn(aResponse()
        .withStatus(503).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"unavailable\"}}")));
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));

    assertThat(expireCalls("cs_unknown")).as("the client's own retries included").isPositive();
    assertThat(f.status("ORDER#ord_unknown", "ORDER")).isEqualTo("pending");
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isEqualTo(2);

    // Stripe is back at the next sweep: the session is expired now, and only then are the seats released.
    stripe.resetAll();
    expireAccepted("cs_unknown");
    handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));

    assertThat(f.status("ORDER#ord_unknown", "ORDER")).isEqualTo("expired");
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isZero();
  }

  @Test
  void anAsynchronousPaymentKeepsItsSeatsUntilTheBoundAndIsThenFlaggedForReviewNotReleased(LocalAws aws,
      LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    Instant now = Instant.now();
    f.store.seedPendingOrder("ord_sepa_new", "evt-show", "ga", 2, "cs_sepa_new", now.minus(Duration.ofMinutes(10)),
        "sepa1@example.com", 5000);
    f.store.seedPendingOrder("ord_sepa_old", "evt-show", "ga", 3, "cs_sepa_old", now.minus(Duration.ofDays(3)),
        "sepa2@example.com", 7500);
    for (String s : new String[] {"cs_sepa_new", "cs_sepa_old"}) {
      expireRefused(s);
      sessionIs(s, "complete", "unpaid", 5000);
    }
    Map<String, String> env = env(aws, res);
    env.put("HOLD_REVIEW_AFTER_DAYS", "2");
    var handler = new ProcessWebhookRetriesHandler(new Env(env));

    handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));

    // Within the bound: kept, and not looked at again for a while.
    var fresh = f.store.order("ord_sepa_new");
    assertThat(fresh.get("status").s()).isEqualTo("pending");
    assertThat(fresh.get("gsi1pk").s()).isEqualTo(com.boxoffice.shared.adapter.dynamo.OrderItems.pendingIndexKey("ord_sepa_new"));
    assertThat(Instant.parse(fresh.get("releaseAfter").s())).isAfter(now.plus(Duration.ofMinutes(50)));
    // Past the bound: still pending and still holding its seats, but handed to a person.
    var overdue = f.store.order("ord_sepa_old");
    assertThat(overdue.get("status").s()).isEqualTo("pending");
    assertThat(overdue.get("reviewReason").s()).isEqualTo("async_payment_overdue");
    assertThat(overdue.get("gsi1pk").s()).isEqualTo("ORDERS#REVIEW");
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isEqualTo(5);

    // A second sweep right after asks Stripe about neither of them again.
    stripe.resetRequests();
    handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));
    assertThat(stripe.getAllServeEvents()).isEmpty();
    assertThat(number(f.store.ticketType("evt-show", "ga"), "held")).isEqualTo(5);
  }
}
