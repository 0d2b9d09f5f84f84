package com.boxoffice.webhook;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static com.boxoffice.webhook.FunctionUrlEvents.post;
import static com.boxoffice.webhook.FunctionUrlEvents.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.StripeSignatureVerifier;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.boxoffice.shared.domain.webhook.StripeWebhookIntake;
import com.boxoffice.shared.port.out.WebhookRetryQueue;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.GuardedOrderPayments;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.testing.FixedTicketCodes;
import com.boxoffice.shared.metrics.EmfWebhookMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(LocalAwsExtension.class)
class StripeWebhookHandlerTest {
  static final String SECRET = "whsec_handler_test";
  static final String ORDER = "ord_5a3c0e9f1b2d4c6e8a0b1c2d";

  final AtomicBoolean ordersDown = new AtomicBoolean();
  final AtomicBoolean retryQueueDown = new AtomicBoolean();
  boolean seeded;
  final EmfCapture metrics = new EmfCapture(Clock.systemUTC());

  StripeWebhookHandler handler(LocalAws aws, LocalResources res, String... secrets) {
    String table = res.table("BoxofficeTable");
    var orders = new SeededOrders(aws.dynamo(), table);
    if (!seeded) {
      orders.seedTicketType("evt-show", "ga", "General admission", 100);
      orders.seedPendingOrder(ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3", Instant.now().plusSeconds(1800),
          "buyer@example.com", 5000);
      seeded = true;
    }
    OrderPayments flaky = new GuardedOrderPayments(orders, () -> {
        if (ordersDown.get()) {
          throw new IllegalStateException("orders unavailable");
        }
    });
    var sqsRetry = new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"));
    WebhookRetryQueue retry = event -> {
      if (retryQueueDown.get()) {
        throw new IllegalStateException("sqs unavailable");
      }
      sqsRetry.enqueue(event);
    };
    var processor = new StripeEventProcessor(new DynamoStripeEventLedger(aws.dynamo(), table), flaky,
        new FixedTicketCodes(), new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")), new InMemoryRefunds(),
        PaymentMetrics.none(), Clock.systemUTC(), Duration.ofSeconds(30));
    var verifier = new StripeSignatureVerifier(secrets.length == 0 ? List.of(SECRET) : List.of(secrets),
        StripeSignatureVerifier.DEFAULT_TOLERANCE, Clock.systemUTC());
    return new StripeWebhookHandler(new StripeWebhookIntake(verifier, new StripeEventJson(), processor, retry,
        new EmfWebhookMetrics(metrics.metrics(), StripeWebhookHandler.FUNCTION)));
  }

  static String sign(byte[] body) {
    return StripeSignatures.sign(body, SECRET, Instant.now());
  }

  static int ledgerItems(LocalAws aws, LocalResources res) {
    return aws.dynamo().scan(b -> b.tableName(res.table("BoxofficeTable"))
        .filterExpression("begins_with(pk, :p)")
        .expressionAttributeValues(java.util.Map.of(":p",
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STRIPE_EVENT#")))).count();
  }

  static List<Message> drain(LocalAws aws, String queueUrl) {
    List<Message> all = new java.util.ArrayList<>();
    while (true) {
      var batch = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
          .visibilityTimeout(60).messageAttributeNames("All")).messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
  }

  @Test
  void aSignedPaidCheckoutIsFulfilledOnceAndItsDuplicateAcknowledged(LocalAws aws, LocalResources res) throws Exception {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");

    var first = h.handleRequest(post(body, sign(body), false), null);
    var second = h.handleRequest(post(body, sign(body), false), null);

    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(json(first)).isEqualTo(Json.mapper().readTree("{\"received\":true}"));
    assertThat(second.getStatusCode()).isEqualTo(200);
    assertThat(json(second)).isEqualTo(Json.mapper().readTree("{\"received\":true,\"duplicate\":true}"));
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("paid");
    assertThat(orders.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("2");
    List<Message> mail = drain(aws, res.queueUrl("EmailQueue"));
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).messageAttributes().get("jobId").stringValue()).isEqualTo("order-confirmation:" + ORDER);
  }

  @Test
  void aBase64BodyIsVerifiedOverItsExactDecodedBytes(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    String text = new String(sample("checkout.session.expired.json"), StandardCharsets.UTF_8)
        .replace("\"Ada Buyer\"", "\"Zo\u00eb \u0141\u00f3d\u017a \u2603\"");
    byte[] body = text.getBytes(StandardCharsets.UTF_8);

    var ok = h.handleRequest(post(body, sign(body), true), null);
    assertThat(ok.getStatusCode()).isEqualTo(200);

    // A signature over the base64 text rather than the bytes it carries is not Stripe's.
    byte[] other = sample("checkout.session.completed.json");
    String overEncoded = sign(java.util.Base64.getEncoder().encode(other));
    assertThat(h.handleRequest(post(other, overEncoded, true), null).getStatusCode()).isEqualTo(400);
  }

  @Test
  void aBase64BodyThatIsNotEvenUtf8IsVerifiedOverItsBytesNotOverADecodedString(LocalAws aws, LocalResources res)
      throws Exception {
    var h = handler(aws, res);
    byte[] body = "{\"id\":\"evt_bin\",\"type\":\"x\",\"data\":{\"object\":{\"n\":\"\u00ff\u00fe\"}}}"
        .getBytes(StandardCharsets.ISO_8859_1);

    var r = h.handleRequest(post(body, sign(body), true), null);

    // Verified (a string round trip would have replaced the invalid bytes and broken the HMAC),
    // then refused as unreadable JSON.
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("malformed_event");
  }

  @Test
  void anythingUnverifiedIsRefusedAndTouchesNothing(LocalAws aws, LocalResources res) throws Exception {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"amount_total\": 5000", "\"amount_total\": 1")
        .getBytes(StandardCharsets.UTF_8);
    List<String> headers = new java.util.ArrayList<>();
    headers.add(StripeSignatures.sign(body, "whsec_wrong", Instant.now()));
    headers.add(StripeSignatures.sign(body, SECRET, Instant.now().minusSeconds(301)));
    headers.add(StripeSignatures.sign(body, SECRET, Instant.now().plusSeconds(301)));
    headers.add(null);
    headers.add("garbage");
    for (String header : headers) {
      var r = h.handleRequest(post(body, header, false), null);
      assertThat(r.getStatusCode()).as("header %s", header).isEqualTo(400);
      assertThat(json(r).path("error").path("code").asText()).isEqualTo("invalid_signature");
    }
    var r = h.handleRequest(post(tampered, sign(body), false), null);
    assertThat(r.getStatusCode()).isEqualTo(400);

    assertThat(ledgerItems(aws, res)).isZero();
    assertThat(new SeededOrders(aws.dynamo(), res.table("BoxofficeTable")).order(ORDER).get("status").s())
        .isEqualTo("pending");
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).isEmpty();
  }

  @Test
  void bothSecretsAreAcceptedWhileTheSecretRotates(LocalAws aws, LocalResources res) {
    var h = handler(aws, res, "whsec_new", SECRET);
    byte[] paid = sample("checkout.session.completed.json");
    byte[] refund = sample("charge.refunded.json");
    assertThat(h.handleRequest(post(paid, StripeSignatures.sign(paid, "whsec_new", Instant.now()), false), null)
        .getStatusCode()).isEqualTo(200);
    assertThat(h.handleRequest(post(refund, StripeSignatures.sign(refund, SECRET, Instant.now()), false), null)
        .getStatusCode()).isEqualTo(200);
  }

  @Test
  void onlyPostIsAcceptedAndOversizedBodiesAreRefused(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    assertThat(h.handleRequest(FunctionUrlEvents.request("GET", null, null, false), null).getStatusCode()).isEqualTo(405);
    byte[] huge = ("{\"pad\":\"" + "x".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(h.handleRequest(post(huge, sign(huge), false), null).getStatusCode()).isEqualTo(413);
    assertThat(ledgerItems(aws, res)).isZero();
  }

  @Test
  void aProcessingFailureIsQueuedForRetryAndAcknowledged(LocalAws aws, LocalResources res) throws Exception {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");
    ordersDown.set(true);

    var r = h.handleRequest(post(body, sign(body), false), null);
    var redelivery = h.handleRequest(post(body, sign(body), false), null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Json.mapper().readTree("{\"received\":true,\"queued\":true}"));
    assertThat(json(redelivery)).isEqualTo(Json.mapper().readTree("{\"received\":true,\"queued\":true}"));
    List<Message> queued = drain(aws, res.queueUrl("WebhookRetryQueue"));
    assertThat(queued).hasSize(1);
    assertThat(queued.get(0).messageAttributes().get("stripeEventId").stringValue()).isEqualTo("evt_test_completed_0001");
    assertThat(queued.get(0).body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void whenEvenTheRetryQueueFailsStripeIsToldToRetryAndTheNextDeliveryWorks(LocalAws aws, LocalResources res)
      throws Exception {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");
    ordersDown.set(true);
    retryQueueDown.set(true);

    var refused = h.handleRequest(post(body, sign(body), false), null);
    assertThat(refused.getStatusCode()).isEqualTo(500);
    assertThat(json(refused).path("error").path("code").asText()).isEqualTo("retry_unavailable");

    ordersDown.set(false);
    retryQueueDown.set(false);
    var retried = h.handleRequest(post(body, sign(body), false), null);
    assertThat(retried.getStatusCode()).isEqualTo(200);
    assertThat(json(retried)).isEqualTo(Json.mapper().readTree("{\"received\":true}"));
  }

  @Test
  void theSigningScriptMakesAFunctionUrlEventTheHandlerAccepts(LocalAws aws, LocalResources res) throws Exception {
    var repo = com.boxoffice.testkit.RepoRoot.find();
    var process = new ProcessBuilder("bash", "scripts/sign-webhook-event.sh",
        "events/stripe-webhook/checkout.session.completed.json", "whsec_script")
        .directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    var event = Json.mapper().copy()
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(out, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class);
    assertThat(event.getBody()).isEqualTo(new String(sample("checkout.session.completed.json"), StandardCharsets.UTF_8));

    var accepted = handler(aws, res, "whsec_script").handleRequest(event, null);
    var refused = handler(aws, res, SECRET).handleRequest(event, null);

    assertThat(accepted.getStatusCode()).isEqualTo(200);
    assertThat(refused.getStatusCode()).isEqualTo(400);
  }

  @Test
  void withoutItsConfigurationTheFunctionAnswers503AndStripeKeepsTheEvent() throws Exception {
    byte[] body = sample("checkout.session.completed.json");
    var r = new StripeWebhookHandler().handleRequest(post(body, sign(body), false), null);
    assertThat(r.getStatusCode()).isEqualTo(503);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("configuration_error");
  }

  @Test
  void everyDeliveryWritesOneMetricLineByEventTypeAndOutcome(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");

    h.handleRequest(post(body, sign(body), false), null);
    h.handleRequest(post(body, sign(body), false), null);

    List<JsonNode> lines = metrics.lines();
    assertThat(lines).hasSize(2);
    JsonNode processed = lines.get(0);
    assertThat(EmfCapture.namespace(processed)).isEqualTo("Boxoffice");
    assertThat(EmfCapture.dimensionSets(processed))
        .containsExactly(List.of("function"), List.of("function", "outcome", "eventType"));
    assertThat(processed.path("function").asText()).isEqualTo("stripe-webhook");
    assertThat(processed.path("eventType").asText()).isEqualTo("checkout.session.completed");
    assertThat(processed.path("outcome").asText()).isEqualTo("processed");
    assertThat(processed.path(EmfWebhookMetrics.EVENTS).asInt()).isEqualTo(1);
    assertThat(processed.path(EmfWebhookMetrics.DUPLICATES).asInt()).isZero();
    JsonNode duplicate = lines.get(1);
    assertThat(duplicate.path("outcome").asText()).isEqualTo("duplicate");
    assertThat(duplicate.path(EmfWebhookMetrics.DUPLICATES).asInt()).isEqualTo(1);
    assertThat(processed.toString()).as("no event or order id in a metric line").doesNotContain("evt_")
        .doesNotContain(ORDER);
  }

  @Test
  void aBadSignatureIsCountedAsASignatureFailureOfAnUnverifiedType(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");

    assertThat(h.handleRequest(post(body, StripeSignatures.sign(body, "whsec_wrong", Instant.now()), false), null)
        .getStatusCode()).isEqualTo(400);

    JsonNode line = metrics.only();
    assertThat(line.path("outcome").asText()).isEqualTo("invalid_signature");
    assertThat(line.path("eventType").asText()).isEqualTo("unverified");
    assertThat(line.path(EmfWebhookMetrics.SIGNATURE_FAILURES).asInt()).isEqualTo(1);
    assertThat(line.path(EmfWebhookMetrics.QUEUED).asInt()).isZero();
  }

  @Test
  void anEventQueuedForRetryIsCountedAsQueued(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    ordersDown.set(true);
    byte[] body = sample("checkout.session.completed.json");

    assertThat(h.handleRequest(post(body, sign(body), false), null).getStatusCode()).isEqualTo(200);

    JsonNode line = metrics.only();
    assertThat(line.path("outcome").asText()).isEqualTo("queued");
    assertThat(line.path(EmfWebhookMetrics.QUEUED).asInt()).isEqualTo(1);
    assertThat(line.path(EmfWebhookMetrics.SIGNATURE_FAILURES).asInt()).isZero();
  }
}
