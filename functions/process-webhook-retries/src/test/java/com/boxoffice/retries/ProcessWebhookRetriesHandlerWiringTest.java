package com.boxoffice.retries;

import static com.boxoffice.shared.testing.TestEnvironments.with;
import static com.boxoffice.shared.testing.TestEnvironments.without;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.boxoffice.shared.testing.LoopbackWireMock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled function as Lambda and the local runner build it: from an environment, with the
 * production ledger, order store, ticket codes, email outbox, retry queue and Stripe client
 * (Stripe's API played by WireMock), so a function that cannot start, or is wired to the wrong
 * queue, fails here rather than on its first schedule in the cloud.
 */
@ExtendWith(LocalAwsExtension.class)
class ProcessWebhookRetriesHandlerWiringTest {
  static final String KEYS = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString("retry-wiring-test-master-secret!".getBytes()) + "\"}}}";
  // Leaves a few seconds past the 10 s safety margin: one batch and one short empty poll.
  static final long REMAINING_MILLIS = 14_000;

  @RegisterExtension
  final LoopbackWireMock stripe = new LoopbackWireMock();

  @BeforeAll
  static void localCredentials() {
    TestEnvironments.useLocalCredentials();
  }

  Map<String, String> env(LocalAws aws, LocalResources res) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"));
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
    env.put("WEBHOOK_RETRY_QUEUE_URL", res.queueUrl("WebhookRetryQueue"));
    env.put("STRIPE_SECRET_KEY", "sk_test_wiring");
    env.put("STRIPE_API_BASE", "http://127.0.0.1:" + stripe.port());
    env.put("QR_SIGNING_KEYS", KEYS);
    return env;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> input(String file) {
    return Json.read(RetryFixture.sample("process-webhook-retries/" + file), Map.class);
  }

  @Test
  void theRetriesTaskProcessesAQueuedEventWithTheProductionPortsAndMailsSignedCodes(LocalAws aws,
      LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3", Instant.now().plusSeconds(1800),
        "buyer@example.com", 5000);
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    var result = handler.handleRequest(input("retries.json"), RetryFixture.context(REMAINING_MILLIS));

    assertThat(result).containsEntry("received", 1).containsEntry("processed", 1).containsEntry("failed", 0);
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("paid");
    assertThat(f.status("STRIPE_EVENT#evt_test_completed_0001", "LEDGER")).isEqualTo("DONE");
    assertThat(f.visible("WebhookRetryQueue") + f.hidden("WebhookRetryQueue")).isZero();
    var mail = f.take("EmailQueue");
    assertThat(mail).hasSize(1);
    JsonNode tickets = Json.read(mail.get(0).body(), JsonNode.class).at("/variables/tickets");
    assertThat(tickets).hasSize(2);
    var codes = new SignedTicketCodes(SigningKeysSetting.parse(KEYS, "QR_SIGNING_KEYS"));
    for (JsonNode t : tickets) {
      assertThat(codes.verify(t.get("code").asText(), Instant.now())).isInstanceOf(CodeCheck.Verified.class);
    }
  }

  @Test
  void anEmptyQueueIsLongPolledForLongerThanAnSdkAttemptMayTakeWithoutTimingOut(LocalAws aws, LocalResources res) {
    new RetryFixture(aws, res, Clock.systemUTC());
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));
    // 18 s left and the 10 s margin leave an 7 s long poll: longer than the 5 s the shared
    // clients allow one call attempt, as the 20 s polls of a real one-minute run are.
    long started = System.nanoTime();

    var result = handler.handleRequest(input("retries.json"), RetryFixture.context(18_000));

    assertThat(result).containsEntry("received", 0).containsEntry("failed", 0);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void theReconcileTaskAsksStripeThroughTheConfiguredClient(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder("ord_0000000000000000000000e1", "evt-show", "ga", 1, "cs_dropped",
        Instant.now().minus(Duration.ofMinutes(5)), "dropped@example.com", 2500);
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_dropped")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_wiring")
        .withBody("{\"id\":\"cs_dropped\",\"object\":\"checkout.session\",\"status\":\"complete\","
            + "\"payment_status\":\"paid\",\"payment_intent\":\"pi_dropped\",\"amount_total\":2500,"
            + "\"currency\":\"eur\",\"mode\":\"payment\"}")));
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    var result = handler.handleRequest(input("reconcile.json"), RetryFixture.context(60_000));

    assertThat(result).containsEntry("checked", 1).containsEntry("paid", 1).containsEntry("failed", 0);
    assertThat(f.status("ORDER#ord_0000000000000000000000e1", "ORDER")).isEqualTo("paid");
    assertThat(stripe.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo("/v1/checkout/sessions/cs_dropped")))).singleElement()
        .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sk_test_wiring"));
    assertThat(f.take("EmailQueue")).hasSize(1);
    assertThat(pushIds(f)).containsExactly("tickets-issued:ord_0000000000000000000000e1");

    var swept = handler.handleRequest(input("sweep-holds.json"), RetryFixture.context(60_000));
    assertThat(swept).containsEntry("examined", 0).containsEntry("released", 0).containsEntry("failed", 0);
  }

  /**
   * An order the reconciliation settles queues the "tickets issued" push the webhook would have,
   * under the same id: its Stripe event arriving afterwards queues that same notification again,
   * never a second one, so the buyer's devices hear once.
   */
  @Test
  void aPaymentSettledByTheReconciliationPushesAsTheWebhookDoesUnderTheSameId(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3",
        Instant.now().minus(Duration.ofMinutes(5)), "buyer@example.com", 5000);
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1B2c3")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_wiring")
        .withBody("{\"id\":\"cs_test_a1B2c3\",\"object\":\"checkout.session\",\"status\":\"complete\","
            + "\"payment_status\":\"paid\",\"payment_intent\":\"pi_test_3Q0example\",\"amount_total\":5000,"
            + "\"currency\":\"eur\",\"mode\":\"payment\"}")));
    var handler = new ProcessWebhookRetriesHandler(new Env(env(aws, res)));

    assertThat(handler.handleRequest(input("reconcile.json"), RetryFixture.context(60_000)))
        .containsEntry("paid", 1).containsEntry("failed", 0);
    String buyer = f.store.order(RetryFixture.ORDER).get("buyerId").s();
    String expected = PushNotification.ticketsIssued(RetryFixture.ORDER, buyer, "Event evt-show").notificationId();
    var reconciled = f.take("PushQueue");
    assertThat(reconciled).singleElement().satisfies(m -> {
      PushNotification n = Json.read(m.body(), PushNotification.class);
      assertThat(n.notificationId()).isEqualTo(expected).isEqualTo("tickets-issued:" + RetryFixture.ORDER);
      assertThat(n.userId()).isEqualTo(buyer);
      assertThat(n.category()).isEqualTo(PushCategory.ORDER_UPDATES);
    });

    // The payment's own event, late: applied already, the same notification queued again.
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    assertThat(handler.handleRequest(input("retries.json"), RetryFixture.context(REMAINING_MILLIS)))
        .containsEntry("processed", 1).containsEntry("failed", 0);
    assertThat(pushIds(f)).containsExactly(expected);
  }

  private static java.util.List<String> pushIds(RetryFixture f) {
    return f.take("PushQueue").stream()
        .map(m -> Json.read(m.body(), PushNotification.class).notificationId()).toList();
  }

  @Test
  void aMissingOrMalformedSettingFailsEveryRunNamingItAndDoesNothing(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.expired.json")));
    Map<String, Map<String, String>> broken = new LinkedHashMap<>();
    broken.put("EMAIL_QUEUE_URL", without(env(aws, res), "EMAIL_QUEUE_URL"));
    broken.put("PUSH_QUEUE_URL", with(env(aws, res), "PUSH_QUEUE_URL", "boxoffice-push"));
    broken.put("WEBHOOK_RETRY_QUEUE_URL", with(env(aws, res), "WEBHOOK_RETRY_QUEUE_URL", "boxoffice-webhook-retry"));
    broken.put("TABLE_NAME", without(env(aws, res), "TABLE_NAME"));
    broken.put("STRIPE_SECRET_KEY", without(env(aws, res), "STRIPE_SECRET_KEY"));
    broken.put("QR_SIGNING_KEYS", with(env(aws, res), "QR_SIGNING_KEYS", "not json"));
    broken.put("RETRY_STOP_BEFORE_MS", with(env(aws, res), "RETRY_STOP_BEFORE_MS", "10"));
    broken.put("RECONCILE_LIMIT", with(env(aws, res), "RECONCILE_LIMIT", "many"));

    for (var e : broken.entrySet()) {
      var handler = new ProcessWebhookRetriesHandler(new Env(e.getValue()));
      for (String task : new String[] {"retries.json", "reconcile.json", "sweep-holds.json"}) {
        assertThatThrownBy(() -> handler.handleRequest(input(task), RetryFixture.context(REMAINING_MILLIS)))
            .as(e.getKey() + " " + task)
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith(e.getKey() + ":");
      }
    }
    assertThat(f.visible("WebhookRetryQueue")).isEqualTo(1);
    assertThat(stripe.getAllServeEvents()).isEmpty();
  }
}
