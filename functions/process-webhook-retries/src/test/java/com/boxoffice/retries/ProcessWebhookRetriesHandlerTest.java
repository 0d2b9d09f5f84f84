package com.boxoffice.retries;

import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.retries.ProcessWebhookRetriesHandler.Tasks;
import com.boxoffice.shared.adapter.dynamo.DynamoPendingOrders;
import com.boxoffice.shared.adapter.sqs.WebhookRetryQueueDrainer;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.adapter.stripe.StripeCheckoutSessionLookup;
import com.boxoffice.shared.domain.order.HoldSweeper;
import com.boxoffice.shared.domain.webhook.OrderReconciler;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.metrics.EmfRetryRunMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.TestLambdaContext;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.shared.testing.LoopbackWireMock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled function's three tasks through its handler, with Stripe's API played by WireMock
 * (session states a dropped webhook would have reported), DynamoDB Local and ElasticMQ.
 */
@ExtendWith(LocalAwsExtension.class)
class ProcessWebhookRetriesHandlerTest {
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final List<Instant> sweeps = new ArrayList<>();
  final EmfCapture metrics = new EmfCapture(clock);
  @RegisterExtension
  final LoopbackWireMock stripe = new LoopbackWireMock();

  ProcessWebhookRetriesHandler handler(RetryFixture f) {
    return handler(f, Duration.ZERO);
  }

  ProcessWebhookRetriesHandler handler(RetryFixture f, Duration lookahead) {
    return handler(f, lookahead, 100);
  }

  ProcessWebhookRetriesHandler handler(RetryFixture f, Duration lookahead, int reconcileLimit) {
    var drainer = new WebhookRetryQueueDrainer(f.aws.sqs(), f.res.queueUrl("WebhookRetryQueue"), f.processor,
        new StripeEventJson(),
        receiveCount -> Duration.ZERO);
    var lookup = new StripeCheckoutSessionLookup(StripeCheckoutSessionLookup.client("sk_test_reconcile",
        "http://127.0.0.1:" + stripe.port()));
    var reconciler = new OrderReconciler(new DynamoPendingOrders(f.aws.dynamo(), f.table()), lookup, f.store,
        f.processor, clock, lookahead);
    return new ProcessWebhookRetriesHandler(new Tasks(drainer, reconciler, now -> {
          sweeps.add(now);
          return new HoldSweeper.Result(3, 1, 1, 0, 0, 1);
        }, clock,
        Duration.ofSeconds(2), 1, 1, reconcileLimit, new EmfRetryRunMetrics(metrics.metrics(),
        ProcessWebhookRetriesHandler.FUNCTION)));
  }

  void stubSession(String id, String status, String paymentStatus) {
    stubSession(id, status, paymentStatus, 5000);
  }

  void stubSession(String id, String status, String paymentStatus, long amount) {
    String body = "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"status\":\"" + status
        + "\",\"payment_status\":\"" + paymentStatus + "\",\"payment_intent\":\"pi_" + id
        + "\",\"amount_total\":" + amount + ",\"currency\":\"eur\",\"mode\":\"payment\"}";
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + id))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader("Request-Id", "req_test").withBody(body)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> input(String file) {
    return Json.read(RetryFixture.sample("process-webhook-retries/" + file), Map.class);
  }

  @Test
  void reconciliationFinalizesAPaidOrderWhoseWebhookWasDroppedAndExpiresTheAbandoned(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    Instant past = NOW.minus(Duration.ofMinutes(5));
    f.store.seedPendingOrder("ord_paid", "evt-show", "ga", 2, "cs_paid", past, "paid@example.com", 5000);
    f.store.seedPendingOrder("ord_gone", "evt-show", "ga", 1, "cs_gone", past, "gone@example.com", 2500);
    f.store.seedPendingOrder("ord_open", "evt-show", "ga", 1, "cs_open", past, "open@example.com", 2500);
    f.store.seedPendingOrder("ord_young", "evt-show", "ga", 3, "cs_young", NOW.plus(Duration.ofMinutes(10)),
        "young@example.com", 7500);
    stubSession("cs_paid", "complete", "paid");
    stubSession("cs_gone", "expired", "unpaid");
    stubSession("cs_open", "open", "unpaid");

    var result = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(result).containsEntry("checked", 3).containsEntry("paid", 1).containsEntry("refused", 0)
        .containsEntry("expired", 1)
        .containsEntry("leftPending", 1).containsEntry("failed", 0);
    assertThat(f.status("ORDER#ord_paid", "ORDER")).isEqualTo("paid");
    assertThat(f.status("ORDER#ord_gone", "ORDER")).isEqualTo("expired");
    assertThat(f.status("ORDER#ord_open", "ORDER")).isEqualTo("pending");
    assertThat(f.status("ORDER#ord_young", "ORDER")).isEqualTo("pending");
    assertThat(f.store.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("2");
    assertThat(f.store.ticketType("evt-show", "ga").get("held").n()).isEqualTo("4");
    var mail = f.take("EmailQueue");
    assertThat(mail).extracting(m -> m.messageAttributes().get("jobId").stringValue())
        .containsExactly("order-confirmation:ord_paid");
    stripe.verify(0, getRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_young")));

    // The webhook arriving late changes nothing and mails nothing twice (same job id).
    var again = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));
    assertThat(again).containsEntry("checked", 1).containsEntry("paid", 0);
  }

  @Test
  void reconciliationRefusesAndRefundsASessionThatPaidAnotherAmount(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder("ord_short", "evt-show", "ga", 2, "cs_short", NOW.minus(Duration.ofMinutes(5)),
        "short@example.com", 5000);
    stubSession("cs_short", "complete", "paid", 100);

    var first = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));
    handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(first).containsEntry("paid", 0).containsEntry("refused", 1);
    assertThat(f.status("ORDER#ord_short", "ORDER")).isEqualTo("pending");
    assertThat(f.store.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("0");
    assertThat(f.refunds.madeFor("pi_cs_short")).as("once, however often it is looked at").isEqualTo(1);
    assertThat(f.store.order("ord_short").get("flags").ss()).containsExactly("payment_mismatch");
    assertThat(f.take("EmailQueue")).as("the reconciler has no payer address: no confirmation, no notice").isEmpty();
  }

  @Test
  void theLookaheadSettlesAPaidOrderBeforeTheHoldSweepWouldReleaseIt(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder("ord_soon", "evt-show", "ga", 1, "cs_soon", NOW.plus(Duration.ofMinutes(20)),
        "soon@example.com", 2500);
    f.store.seedPendingOrder("ord_later", "evt-show", "ga", 1, "cs_later", NOW.plus(Duration.ofMinutes(90)),
        "later@example.com", 2500);
    stubSession("cs_soon", "complete", "paid", 2500);
    stubSession("cs_later", "complete", "paid", 2500);

    var result = handler(f, Duration.ofMinutes(65)).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(result).containsEntry("checked", 1).containsEntry("paid", 1);
    assertThat(f.status("ORDER#ord_soon", "ORDER")).isEqualTo("paid");
    assertThat(f.status("ORDER#ord_later", "ORDER")).isEqualTo("pending");
  }

  @Test
  void aStripeOutageFailsOnlyThatOrderAndLeavesItPendingForNextHour(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder("ord_x", "evt-show", "ga", 1, "cs_x", NOW.minusSeconds(60), "x@example.com", 2500);
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_x")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\"}}")));

    var result = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(result).containsEntry("checked", 1).containsEntry("failed", 1);
    assertThat(f.status("ORDER#ord_x", "ORDER")).isEqualTo("pending");
  }

  @Test
  void reconciliationTakesNoOrderOnceTheTimeLeftIsUnderTheMarginAndTheNextRunDoesThem(LocalAws aws,
      LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    for (String id : List.of("ord_late1", "ord_late2", "ord_late3")) {
      f.store.seedPendingOrder(id, "evt-show", "ga", 1, "cs_" + id, NOW.minusSeconds(60), id + "@example.com", 2500);
      stubSession("cs_" + id, "complete", "paid", 2500);
    }
    // Three seconds left of the invocation, then one: the margin in these tasks is two seconds.
    long[] left = {3_000};
    var shrinking = TestLambdaContext.of(() -> {
      long now = left[0];
      left[0] = 1_000;
      return now;
    });

    var first = handler(f).handleRequest(input("reconcile.json"), shrinking);

    assertThat(first).containsEntry("checked", 1).containsEntry("paid", 1).containsEntry("failed", 0);
    assertThat(stripe.getAllServeEvents()).hasSize(1);

    var next = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));
    assertThat(next).containsEntry("checked", 2).containsEntry("paid", 2);
    for (String id : List.of("ord_late1", "ord_late2", "ord_late3")) {
      assertThat(f.status("ORDER#" + id, "ORDER")).isEqualTo("paid");
    }
  }

  @Test
  void aRunCutShortByTimeOrByItsLimitSaysItIsTruncatedInItsResultAndItsMetricLine(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    for (String id : List.of("ord_t1", "ord_t2", "ord_t3")) {
      f.store.seedPendingOrder(id, "evt-show", "ga", 1, "cs_" + id, NOW.minusSeconds(60), id + "@example.com", 2500);
      stubSession("cs_" + id, "open", "unpaid", 2500);
    }

    var limited = handler(f, Duration.ZERO, 2).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(limited).containsEntry("checked", 2).containsEntry("truncated", true);
    JsonNode line = metrics.only();
    assertThat(EmfCapture.namespace(line)).isEqualTo("Boxoffice");
    assertThat(EmfCapture.dimensionSets(line)).containsExactly(List.of("function"));
    assertThat(line.path("function").asText()).isEqualTo("process-webhook-retries");
    assertThat(line.path(EmfRetryRunMetrics.RECONCILED).asInt()).isEqualTo(2);
    assertThat(line.path(EmfRetryRunMetrics.RECONCILIATION_TRUNCATED).asInt()).isEqualTo(1);

    metrics.clear();
    var whole = handler(f, Duration.ZERO, 3).handleRequest(input("reconcile.json"), RetryFixture.context(60_000));
    assertThat(whole).containsEntry("checked", 3).containsEntry("truncated", false);
    assertThat(metrics.only().path(EmfRetryRunMetrics.RECONCILIATION_TRUNCATED).asInt()).as("exactly the limit is all")
        .isZero();

    metrics.clear();
    var late = handler(f).handleRequest(input("reconcile.json"), RetryFixture.context(1_000));
    assertThat(late).containsEntry("checked", 0).containsEntry("truncated", true);
    assertThat(metrics.only().path(EmfRetryRunMetrics.RECONCILIATION_TRUNCATED).asInt()).isEqualTo(1);
  }

  @Test
  void eachTaskWritesOneMetricLineWithItsCounts(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3", NOW.plusSeconds(600),
        "buyer@example.com", 5000);
    var queue = new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"));
    queue.enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    queue.enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));

    handler(f).handleRequest(input("retries.json"), RetryFixture.context(30_000));
    JsonNode retries = metrics.only();
    assertThat(retries.path(EmfRetryRunMetrics.RETRIES_RECEIVED).asInt()).isEqualTo(2);
    assertThat(retries.path(EmfRetryRunMetrics.RETRIES_PROCESSED).asInt()).isEqualTo(1);
    assertThat(retries.path(EmfRetryRunMetrics.RETRIES_DUPLICATE).asInt()).isEqualTo(1);
    assertThat(retries.path(EmfRetryRunMetrics.RETRIES_FAILED).asInt()).isZero();
    assertThat(retries.path("AwsAccessDenied").asInt()).isZero();
    assertThat(retries.toString()).doesNotContain(RetryFixture.ORDER);

    metrics.clear();
    handler(f).handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));
    JsonNode sweep = metrics.only();
    assertThat(sweep.path(EmfRetryRunMetrics.HOLDS_EXAMINED).asInt()).isEqualTo(3);
    assertThat(sweep.path(EmfRetryRunMetrics.HOLDS_RELEASED).asInt()).isEqualTo(1);
    assertThat(sweep.path(EmfRetryRunMetrics.HOLD_SWEEP_FAILED).asInt()).isEqualTo(1);
  }

  @Test
  void theRetriesTaskDrainsTheQueueWithTheWebhooksProcessing(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3", NOW.plusSeconds(600),
        "buyer@example.com", 5000);
    var queue = new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"));
    queue.enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    queue.enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));

    var result = handler(f).handleRequest(input("retries.json"), RetryFixture.context(30_000));

    assertThat(result).containsEntry("received", 2).containsEntry("processed", 1).containsEntry("duplicates", 1)
        .containsEntry("failed", 0);
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("paid");
    assertThat(f.visible("WebhookRetryQueue") + f.hidden("WebhookRetryQueue")).isZero();
  }

  @Test
  void theRetriesTaskStopsShortOfTheTimeout(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.expired.json")));

    // Less time left than the safety margin: nothing is received, so nothing can be cut off mid-way.
    var result = handler(f).handleRequest(input("retries.json"), RetryFixture.context(1_500));

    assertThat(result).containsEntry("received", 0);
    assertThat(f.visible("WebhookRetryQueue")).isEqualTo(1);
  }

  @Test
  void sweepHoldsCallsTheSweeperWithTheCurrentTime(LocalAws aws, LocalResources res) {
    var result = handler(new RetryFixture(aws, res, clock)).handleRequest(input("sweep-holds.json"),
        RetryFixture.context(60_000));
    assertThat(result).containsEntry("examined", 3).containsEntry("released", 1).containsEntry("kept", 1)
        .containsEntry("retried", 0).containsEntry("flagged", 0).containsEntry("failed", 1);
    assertThat(sweeps).containsExactly(NOW);
  }

  @Test
  void anUnknownTaskIsAnErrorAndDoesNothing(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, clock);
    f.store.seedPendingOrder("ord_x", "evt-show", "ga", 1, "cs_x", NOW.minusSeconds(60), "x@example.com", 2500);
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.expired.json")));

    var h = handler(f);
    for (Map<String, Object> bad : List.of(Map.<String, Object>of("task", "retry"), Map.<String, Object>of())) {
      assertThat(h.handleRequest(bad, RetryFixture.context(60_000))).containsEntry("error", "unknown_task");
    }
    assertThat(sweeps).isEmpty();
    assertThat(f.visible("WebhookRetryQueue")).isEqualTo(1);
    assertThat(f.status("ORDER#ord_x", "ORDER")).isEqualTo("pending");
    assertThat(stripe.getAllServeEvents()).isEmpty();
  }
}
