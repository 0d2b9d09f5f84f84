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
import com.boxoffice.shared.port.out.StripeEventLedger;
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
  final AtomicBoolean markQueuedDown = new AtomicBoolean();
  final AtomicBoolean releaseDown = new AtomicBoolean();
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
    var dynamoLedger = new DynamoStripeEventLedger(aws.dynamo(), table);
    StripeEventLedger ledger = new StripeEventLedger() {
      @Override
      public Claim claim(String eventId, String type, String owner, Instant now, Instant leaseUntil,
          boolean takeQueued) {
        return dynamoLedger.claim(eventId, type, owner, now, leaseUntil, takeQueued);
      }

      @Override
      public boolean complete(String eventId, String owner, Completion completion, Instant now) {
        return dynamoLedger.complete(eventId, owner, completion, now);
      }

      @Override
      public void markQueued(String eventId, String owner, String reason, Instant now) {
        if (markQueuedDown.get()) {
          throw new IllegalStateException("ledger unavailable");
        }
        dynamoLedger.markQueued(eventId, owner, reason, now);
      }

      @Override
      public void release(String eventId, String owner, String reason, Instant now) {
        if (releaseDown.get()) {
          throw new IllegalStateException("ledger unavailable");
        }
        dynamoLedger.release(eventId, owner, reason, now);
      }
    };
    var processor = new StripeEventProcessor(ledger, flaky,
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

  static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> ledgerEntry(LocalAws aws,
      LocalResources res, String eventId) {
    return aws.dynamo().getItem(b -> b.tableName(res.table("BoxofficeTable")).consistentRead(true)
        .key(DynamoStripeEventLedger.key(eventId))).item();
  }

  static List<String> auditOutcomes(LocalAws aws, LocalResources res, String orderId) {
    return aws.dynamo().query(b -> b.tableName(res.table("BoxofficeTable")).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :audit)")
        .expressionAttributeValues(java.util.Map.of(
            ":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORDER#" + orderId),
            ":audit", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("AUDIT#"))))
        .items().stream().map(i -> i.get("stripeEventId").s() + "=" + i.get("outcome").s()).toList();
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

  // ---- every sample in events/stripe-webhook through the handler

  @Test
  void theUnpaidCompletionSampleLeavesTheOrderPendingAndTheAsyncSuccessSamplePaysIt(LocalAws aws, LocalResources res)
      throws Exception {
    var h = handler(aws, res);
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    byte[] unpaid = sample("checkout.session.completed.unpaid.json");

    var waiting = h.handleRequest(post(unpaid, sign(unpaid), false), null);

    assertThat(waiting.getStatusCode()).isEqualTo(200);
    assertThat(json(waiting)).isEqualTo(Json.mapper().readTree("{\"received\":true}"));
    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("pending");
    assertThat(ledgerEntry(aws, res, "evt_test_completed_unpaid_0001").get("outcome").s()).isEqualTo("awaiting_payment");
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).isEmpty();

    byte[] succeeded = sample("checkout.session.async_payment_succeeded.json");
    var paid = h.handleRequest(post(succeeded, sign(succeeded), false), null);

    assertThat(paid.getStatusCode()).isEqualTo(200);
    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("paid");
    assertThat(orders.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("2");
    assertThat(ledgerEntry(aws, res, "evt_test_async_ok_0001").get("outcome").s()).isEqualTo("paid:applied");
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).extracting(m -> m.messageAttributes().get("jobId").stringValue())
        .containsExactly("order-confirmation:" + ORDER);
    assertThat(auditOutcomes(aws, res, ORDER)).containsExactlyInAnyOrder(
        "evt_test_completed_unpaid_0001=awaiting_payment", "evt_test_async_ok_0001=paid:applied");
  }

  @Test
  void theAsyncFailureSampleEndsTheOrderAndReleasesItsSeats(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(orders.ticketType("evt-show", "ga").get("held").n()).isEqualTo("2");
    byte[] failed = sample("checkout.session.async_payment_failed.json");

    var r = h.handleRequest(post(failed, sign(failed), false), null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("payment_failed");
    assertThat(orders.ticketType("evt-show", "ga").get("held").n()).isEqualTo("0");
    assertThat(orders.ticketType("evt-show", "ga").get("sold").n()).isEqualTo("0");
    assertThat(ledgerEntry(aws, res, "evt_test_async_failed_0001").get("outcome").s())
        .isEqualTo("payment_failed:applied");
    assertThat(auditOutcomes(aws, res, ORDER)).containsExactly("evt_test_async_failed_0001=payment_failed:applied");
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).isEmpty();
  }

  @Test
  void theDisputeSampleOnThePaidSampleOrderMarksItDisputed(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    byte[] paid = sample("checkout.session.completed.json");
    assertThat(h.handleRequest(post(paid, sign(paid), false), null).getStatusCode()).isEqualTo(200);
    byte[] dispute = sample("charge.dispute.created.json");

    var r = h.handleRequest(post(dispute, sign(dispute), false), null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(orders.order(ORDER).get("status").s()).isEqualTo("disputed");
    assertThat(ledgerEntry(aws, res, "evt_test_dispute_0001").get("outcome").s()).isEqualTo("disputed:applied");
    assertThat(auditOutcomes(aws, res, ORDER)).containsExactlyInAnyOrder(
        "evt_test_completed_0001=paid:applied", "evt_test_dispute_0001=disputed:applied");
  }

  // ---- what happens when a second step fails after the first one worked

  @Test
  void aDeliveryWhileAnotherDeliveryHoldsTheEventAnswers409AndTouchesNothing(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    Instant now = Instant.now();
    var ledger = new DynamoStripeEventLedger(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(ledger.claim("evt_test_completed_0001", "checkout.session.completed", "the-other-delivery", now,
        now.plusSeconds(30), false).state()).isEqualTo(StripeEventLedger.ClaimState.ACQUIRED);
    byte[] body = sample("checkout.session.completed.json");

    var r = h.handleRequest(post(body, sign(body), false), null);

    assertThat(r.getStatusCode()).isEqualTo(409);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("event_in_progress");
    assertThat(ledgerEntry(aws, res, "evt_test_completed_0001").get("leaseOwner").s()).isEqualTo("the-other-delivery");
    assertThat(new SeededOrders(aws.dynamo(), res.table("BoxofficeTable")).order(ORDER).get("status").s())
        .isEqualTo("pending");
    assertThat(drain(aws, res.queueUrl("WebhookRetryQueue"))).isEmpty();
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).isEmpty();
  }

  private StripeEventProcessor retryProcessor(LocalAws aws, LocalResources res, Clock clock) {
    String table = res.table("BoxofficeTable");
    return new StripeEventProcessor(new DynamoStripeEventLedger(aws.dynamo(), table), new SeededOrders(aws.dynamo(), table),
        new FixedTicketCodes(), new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")), new InMemoryRefunds(),
        PaymentMetrics.none(), clock, Duration.ofSeconds(30));
  }

  @Test
  void whenMarkingTheEventQueuedFailsAfterTheEnqueueStripeGets200AndTheRetryTakesOverAfterTheLease(LocalAws aws,
      LocalResources res) throws Exception {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");
    ordersDown.set(true);
    markQueuedDown.set(true);

    var r = h.handleRequest(post(body, sign(body), false), null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(Json.mapper().readTree("{\"received\":true,\"queued\":true}"));
    assertThat(ledgerEntry(aws, res, "evt_test_completed_0001").get("status").s())
        .as("the lease is still the failed delivery's").isEqualTo("PROCESSING");
    List<Message> queued = drain(aws, res.queueUrl("WebhookRetryQueue"));
    assertThat(queued).hasSize(1);
    var event = StripeEventJson.read(queued.get(0).body());

    // The retry finds the lease live and leaves the event; once the lease has run out it takes it over.
    assertThat(retryProcessor(aws, res, Clock.systemUTC()).process(event, true).status())
        .isEqualTo(StripeEventProcessor.Status.BUSY);
    var afterLease = retryProcessor(aws, res, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31)))
        .process(event, true);

    assertThat(afterLease.status()).isEqualTo(StripeEventProcessor.Status.PROCESSED);
    assertThat(afterLease.outcome()).isEqualTo("paid:applied");
    assertThat(new SeededOrders(aws.dynamo(), res.table("BoxofficeTable")).order(ORDER).get("status").s())
        .isEqualTo("paid");
    assertThat(ledgerEntry(aws, res, "evt_test_completed_0001").get("status").s()).isEqualTo("DONE");
    assertThat(drain(aws, res.queueUrl("EmailQueue"))).hasSize(1);
  }

  @Test
  void whenTheRetryQueueAndThenTheReleaseFailStripeIsStillToldToRetry(LocalAws aws, LocalResources res) {
    var h = handler(aws, res);
    byte[] body = sample("checkout.session.completed.json");
    ordersDown.set(true);
    retryQueueDown.set(true);
    releaseDown.set(true);

    var r = h.handleRequest(post(body, sign(body), false), null);

    assertThat(r.getStatusCode()).isEqualTo(500);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("retry_unavailable");
    assertThat(ledgerEntry(aws, res, "evt_test_completed_0001").get("status").s())
        .as("the lease was not given back; it runs out on its own").isEqualTo("PROCESSING");
    assertThat(drain(aws, res.queueUrl("WebhookRetryQueue"))).isEmpty();
  }

  // ---- a refund or dispute that names no payment intent

  @Test
  void aRefundOrDisputeWithoutAPaymentIntentIsAcknowledgedRecordedOnceAndNeverRetried(LocalAws aws,
      LocalResources res) throws Exception {
    var h = handler(aws, res);
    byte[] refund = new String(sample("charge.refunded.json"), StandardCharsets.UTF_8)
        .replace("\"payment_intent\": \"pi_test_3Q0example\"", "\"payment_intent\": null")
        .getBytes(StandardCharsets.UTF_8);
    byte[] dispute = new String(sample("charge.dispute.created.json"), StandardCharsets.UTF_8)
        .replace("\"payment_intent\": \"pi_test_3Q0example\"", "\"payment_intent\": null")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(new String(refund, StandardCharsets.UTF_8)).doesNotContain("pi_test_3Q0example");
    assertThat(new String(dispute, StandardCharsets.UTF_8)).doesNotContain("pi_test_3Q0example");

    var refunded = h.handleRequest(post(refund, sign(refund), false), null);
    var again = h.handleRequest(post(refund, sign(refund), false), null);
    var disputed = h.handleRequest(post(dispute, sign(dispute), false), null);

    assertThat(refunded.getStatusCode()).isEqualTo(200);
    assertThat(json(refunded)).isEqualTo(Json.mapper().readTree("{\"received\":true}"));
    assertThat(json(again)).isEqualTo(Json.mapper().readTree("{\"received\":true,\"duplicate\":true}"));
    assertThat(disputed.getStatusCode()).isEqualTo(200);
    assertThat(json(disputed)).isEqualTo(Json.mapper().readTree("{\"received\":true}"));
    assertThat(ledgerEntry(aws, res, "evt_test_refunded_0001").get("outcome").s()).isEqualTo("refunded:no_payment_intent");
    assertThat(ledgerEntry(aws, res, "evt_test_dispute_0001").get("outcome").s()).isEqualTo("disputed:no_payment_intent");
    // The refund's metadata names the order: its audit entry says what became of the event.
    assertThat(auditOutcomes(aws, res, ORDER)).containsExactly("evt_test_refunded_0001=refunded:no_payment_intent");
    assertThat(new SeededOrders(aws.dynamo(), res.table("BoxofficeTable")).order(ORDER).get("status").s())
        .isEqualTo("pending");
    assertThat(drain(aws, res.queueUrl("WebhookRetryQueue"))).isEmpty();
  }
}
