package com.boxoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.boxoffice.shared.json.Json;
import com.boxoffice.system.LambdaEvents.HttpAnswer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A purchase from checkout to the door, one step per test, through the built functions under the
 * emulator: the checkout (a Checkout Session on stripe-mock), Stripe's signed
 * {@code checkout.session.completed}, the tickets on the order, the confirmation mail, the scan
 * that admits, and the second scan that is refused. Each step needs the one before it.
 */
@ExtendWith(SystemStack.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurchaseToDoorSystemTest {
  static final String BUYER_EMAIL = "ada@example.com";

  String orderId;
  List<String> codes = new ArrayList<>();
  int ticketCount;

  @Test
  @Order(1)
  void checkoutHoldsTheSeatsAndOpensACheckoutSession(SystemStack stack) {
    ObjectNode event = LambdaEvents.sample("checkout/checkout-signed-in.json");
    ((ObjectNode) event.path("headers")).put("idempotency-key", "system-" + UUID.randomUUID());

    var answer = HttpAnswer.of(stack.function("CheckoutFunction").invoke(event.toString()));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    assertThat(answer.body().path("status").asText()).isEqualTo("pending");
    assertThat(answer.body().path("checkoutUrl").asText()).isNotBlank();
    assertThat(answer.body().path("amountTotal").asLong()).isEqualTo(2 * 2500 + 9000);
    orderId = answer.body().path("orderId").asText();
    assertThat(orderId).startsWith("ord_");
  }

  @Test
  @Order(2)
  void theSignedPaymentEventIsProcessedAtOnce(SystemStack stack) {
    assumeTrue(orderId != null, "needs the order of the checkout step");
    var signed = stack.payments().completion(orderId).orElseThrow();

    var answer = HttpAnswer.of(stack.function("StripeWebhookFunction")
        .invoke(LambdaEvents.functionUrlPost(signed.body(), signed.signature())));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.body().path("received").asBoolean()).isTrue();
    assertThat(answer.body().has("queued")).as("processed, not left to the retry queue: " + answer.raw()).isFalse();
  }

  @Test
  @Order(3)
  void theOrderIsPaidWithOneSignedCodePerTicketAndItsMailIsQueued(SystemStack stack) {
    assumeTrue(orderId != null, "needs the order of the checkout step");
    ObjectNode event = LambdaEvents.sample("checkout/get-order.json");
    String path = "/v1/orders/" + orderId;
    event.put("rawPath", path);
    ((ObjectNode) event.path("pathParameters")).put("orderId", orderId);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", path);

    var answer = HttpAnswer.of(stack.function("CheckoutFunction").invoke(event.toString()));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.body().path("status").asText()).isEqualTo("paid");
    JsonNode tickets = answer.body().path("tickets");
    assertThat(tickets).hasSize(3);
    tickets.forEach(t -> codes.add(t.path("code").asText()));
    assertThat(codes).allMatch(c -> !c.isBlank()).doesNotHaveDuplicates();
    ticketCount = tickets.size();
    var counts = stack.aws().sqs().getQueueAttributes(b -> b.queueUrl(stack.resources().queueUrl("EmailQueue"))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
    assertThat(Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
        .as("confirmation job on the email queue").isEqualTo(1);
  }

  @Test
  @Order(4)
  void theConfirmationMailCarriesEveryTicketsQrCode(SystemStack stack) throws Exception {
    assumeTrue(ticketCount > 0, "needs the tickets of the order step");

    var result = LambdaEvents.json(stack.function("ProcessEmailQueueFunction").invoke("{}"));
    assertThat(result.has("errorType")).as(result.toString()).isFalse();
    assertThat(result.path("sent").asInt()).as(result.toString()).isEqualTo(1);

    JsonNode mail = mailTo(stack, BUYER_EMAIL);
    assertThat(mail).as("a mail to " + BUYER_EMAIL + " in the SES emulator").isNotNull();
    JsonNode attachments = mail.path("attachments");
    assertThat(attachments).hasSize(ticketCount);
    List<String> decoded = new java.util.ArrayList<>();
    for (JsonNode a : attachments) {
      assertThat(a.path("contentType").asText()).isEqualTo("image/png");
      decoded.add(com.boxoffice.shared.testing.QrDecoding.decode(
          java.util.Base64.getDecoder().decode(a.path("content").asText())));
    }
    assertThat(decoded).as("the QR images read back as the order's codes").containsExactlyInAnyOrderElementsOf(codes);
  }

  @Test
  @Order(5)
  void theFirstScanAtTheDoorAdmits(SystemStack stack) {
    assumeTrue(!codes.isEmpty(), "needs the codes of the order step");

    var answer = scan(stack, codes.get(0));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.body().path("result").asText()).as(answer.raw()).isEqualTo("ok");
  }

  @Test
  @Order(6)
  void aSecondScanOfTheSameTicketIsRefused(SystemStack stack) {
    assumeTrue(!codes.isEmpty(), "needs the codes of the order step");

    var answer = scan(stack, codes.get(0));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.body().path("result").asText()).as(answer.raw()).isEqualTo("already_redeemed");
  }

  private static HttpAnswer scan(SystemStack stack, String code) {
    String body = Json.write(Map.of("code", code, "eventId", stack.demo().eventId(), "direction", "entry",
        "nonce", "system-" + UUID.randomUUID(), "gate", "north"));
    ObjectNode event = LambdaEvents.withBody(LambdaEvents.sample("scanner-validate/scan-entry.json"), body);
    return HttpAnswer.of(stack.function("ScannerValidateFunction").invoke(event.toString()));
  }

  private static JsonNode mailTo(SystemStack stack, String recipient) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> store = http.send(HttpRequest.newBuilder(URI.create(stack.sesBase() + "/store")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode email : Json.mapper().readTree(store.body()).path("emails")) {
      for (JsonNode to : email.path("destination").path("to")) {
        if (to.asText().contains(recipient)) {
          return email;
        }
      }
    }
    return null;
  }
}
