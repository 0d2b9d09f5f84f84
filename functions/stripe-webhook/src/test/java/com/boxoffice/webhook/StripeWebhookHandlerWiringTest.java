package com.boxoffice.webhook;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static com.boxoffice.shared.testing.TestEnvironments.with;
import static com.boxoffice.shared.testing.TestEnvironments.without;
import static com.boxoffice.webhook.FunctionUrlEvents.post;
import static com.boxoffice.webhook.FunctionUrlEvents.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler as Lambda and the local runner build it: from an environment, with the production
 * ledger, order store, ticket codes, email outbox and retry queue, so a function that cannot start
 * or is wired to the wrong queue fails here rather than in the cloud.
 */
@ExtendWith(LocalAwsExtension.class)
class StripeWebhookHandlerWiringTest {
  static final String SECRET = "whsec_wiring";
  static final String ORDER = "ord_5a3c0e9f1b2d4c6e8a0b1c2d";
  static final String KEYS = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString("wiring-test-master-secret-32-byt".getBytes()) + "\"}}}";

  @BeforeAll
  static void localCredentials() {
    TestEnvironments.useLocalCredentials();
  }

  static Map<String, String> env(LocalAws aws, LocalResources res) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"));
    env.put("WEBHOOK_RETRY_QUEUE_URL", res.queueUrl("WebhookRetryQueue"));
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
    env.put("STRIPE_WEBHOOK_SECRETS", "whsec_next," + SECRET);
    env.put("QR_SIGNING_KEYS", KEYS);
    // Refunds go to Stripe; nothing here refunds, so nothing listens.
    env.put("STRIPE_SECRET_KEY", "sk_test_wiring");
    env.put("STRIPE_API_BASE", "http://127.0.0.1:9");
    return env;
  }

  static APIGatewayV2HTTPResponse deliver(StripeWebhookHandler handler, String sampleFile) {
    byte[] body = sample(sampleFile);
    return handler.handleRequest(post(body, StripeSignatures.sign(body, SECRET, Instant.now()), false), null);
  }

  @Test
  void theEnvironmentConstructorFulfilsAPaidOrderAndQueuesWhatItCannotProcess(LocalAws aws, LocalResources res) {
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    orders.seedTicketType("evt-show", "ga", "General admission", 100);
    orders.seedPendingOrder(ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3", Instant.now().plusSeconds(1800),
        "buyer@example.com", 5000);
    var handler = new StripeWebhookHandler(new Env(env(aws, res)));

    // A refund for a payment no order knows yet cannot be processed: it must reach the retry queue.
    var early = deliver(handler, "charge.refunded.json");
    var paid = deliver(handler, "checkout.session.completed.json");

    assertThat(early.getStatusCode()).as(early.getBody()).isEqualTo(200);
    assertThat(json(early).path("queued").asBoolean()).isTrue();
    assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(200);
    assertThat(json(paid)).isEqualTo(Json.read("{\"received\":true}", JsonNode.class));
    assertThat(paid.getHeaders()).containsKey("X-Request-Id");

    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("paid");
    assertThat(orders.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("2");
    var retry = StripeWebhookHandlerTest.drain(aws, res.queueUrl("WebhookRetryQueue"));
    assertThat(retry).extracting(m -> m.messageAttributes().get("stripeEventId").stringValue())
        .containsExactly(Json.read(new String(sample("charge.refunded.json")), JsonNode.class).get("id").asText());

    // The confirmation job went to the email queue, carrying codes signed with the configured keys.
    var mail = StripeWebhookHandlerTest.drain(aws, res.queueUrl("EmailQueue"));
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).messageAttributes().get("jobId").stringValue()).isEqualTo("order-confirmation:" + ORDER);
    JsonNode tickets = Json.read(mail.get(0).body(), JsonNode.class).at("/variables/tickets");
    assertThat(tickets).hasSize(2);
    var codes = new SignedTicketCodes(SigningKeysSetting.parse(KEYS, "QR_SIGNING_KEYS"));
    for (JsonNode t : tickets) {
      CodeCheck check = codes.verify(t.get("code").asText(), Instant.now());
      assertThat(check).isInstanceOf(CodeCheck.Verified.class);
      assertThat(((CodeCheck.Verified) check).payload().ticketId()).isEqualTo(t.get("ticketId").asText());
      var stored = aws.dynamo().getItem(b -> b.tableName(res.table("BoxofficeTable")).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS("TICKET#" + t.get("ticketId").asText()),
              "sk", AttributeValue.fromS("TICKET")))).item();
      assertThat(stored).as("ticket %s stored", t.get("ticketId").asText()).containsKey("status");
    }
  }

  @Test
  void aMissingOrMalformedSettingIsAnsweredAsAConfigurationErrorThatNamesNoSettingAndTouchesNothing(LocalAws aws,
      LocalResources res) {
    Map<String, Map<String, String>> broken = new java.util.LinkedHashMap<>();
    broken.put("EMAIL_QUEUE_URL", without(env(aws, res), "EMAIL_QUEUE_URL"));
    broken.put("WEBHOOK_RETRY_QUEUE_URL", with(env(aws, res), "WEBHOOK_RETRY_QUEUE_URL", "not a url"));
    broken.put("TABLE_NAME", without(env(aws, res), "TABLE_NAME"));
    broken.put("STRIPE_WEBHOOK_SECRETS", without(env(aws, res), "STRIPE_WEBHOOK_SECRETS"));
    broken.put("STRIPE_SECRET_KEY", without(env(aws, res), "STRIPE_SECRET_KEY"));
    broken.put("QR_SIGNING_KEYS", with(env(aws, res), "QR_SIGNING_KEYS", "{\"active\":\"k9\",\"keys\":{}}"));
    broken.put("WEBHOOK_LEASE_SECONDS", with(env(aws, res), "WEBHOOK_LEASE_SECONDS", "1"));

    for (var e : broken.entrySet()) {
      var r = deliver(new StripeWebhookHandler(new Env(e.getValue())), "checkout.session.completed.json");
      assertThat(r.getStatusCode()).as(e.getKey()).isEqualTo(503);
      assertThat(json(r).at("/error/code").asText()).as(e.getKey()).isEqualTo("configuration_error");
      assertThat(r.getBody()).as(e.getKey()).doesNotContain(e.getKey());
      assertThat(r.getHeaders()).as(e.getKey()).containsKey("X-Request-Id");
    }
    assertThat(StripeWebhookHandlerTest.ledgerItems(aws, res)).isZero();
  }

  @Test
  void anUnknownPathIsAnsweredWithTheErrorEnvelope(LocalAws aws, LocalResources res) {
    var handler = new StripeWebhookHandler(new Env(env(aws, res)));
    byte[] body = sample("checkout.session.completed.json");
    APIGatewayV2HTTPEvent event = post(body, StripeSignatures.sign(body, SECRET, Instant.now()), false);
    event.setRawPath("/v1/other");
    event.getRequestContext().getHttp().setPath("/v1/other");

    var r = handler.handleRequest(event, null);

    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("route_not_found");
    assertThat(json(r).at("/error/retryable").isBoolean()).isTrue();
    assertThat(r.getHeaders()).containsKey("X-Request-Id");
    assertThat(StripeWebhookHandlerTest.ledgerItems(aws, res)).isZero();
  }
}
