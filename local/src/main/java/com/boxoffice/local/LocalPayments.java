package com.boxoffice.local;

import com.boxoffice.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plays Stripe for a pending local order: builds the {@code checkout.session.completed} event
 * Stripe would send once the buyer paid, signs it with the local webhook secret exactly as Stripe
 * signs (HMAC-SHA256 over {@code "<t>.<body>"}), and posts it to the local webhook URL. The system
 * tests take the signed event itself and hand it to the emulated function.
 */
public final class LocalPayments {
  /** An event body and the {@code Stripe-Signature} header Stripe would send with it. */
  public record SignedEvent(String body, String signature) {}

  private final DynamoDbClient dynamo;
  private final String table;
  private final String webhookUrl;
  private final String webhookSecret;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  LocalPayments(DynamoDbClient dynamo, String table, String webhookUrl, String webhookSecret, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.webhookUrl = webhookUrl;
    this.webhookSecret = webhookSecret;
    this.clock = clock;
  }

  /** Only makes signed events; {@link #pay} is not available. */
  public LocalPayments(DynamoDbClient dynamo, String table, String webhookSecret, Clock clock) {
    this(dynamo, table, null, webhookSecret, clock);
  }

  /** The webhook's answer, or empty when there is no such order. */
  java.util.Optional<HttpResponse<String>> pay(String orderId) throws IOException, InterruptedException {
    var signed = completion(orderId);
    if (signed.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create(webhookUrl))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Stripe-Signature", signed.get().signature())
        .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        .POST(HttpRequest.BodyPublishers.ofString(signed.get().body())).build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** The signed {@code checkout.session.completed} of the order, or empty when there is no such order. */
  public java.util.Optional<SignedEvent> completion(String orderId) {
    Map<String, AttributeValue> order = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER")))).item();
    if (order == null || order.isEmpty()) {
      return java.util.Optional.empty();
    }
    long created = clock.instant().getEpochSecond();
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("id", text(order, "checkoutSessionId", "cs_test_local_" + orderId));
    session.put("object", "checkout.session");
    session.put("client_reference_id", orderId);
    session.put("metadata", Map.of("orderId", orderId));
    session.put("mode", "payment");
    session.put("status", "complete");
    session.put("payment_status", "paid");
    session.put("amount_total", Long.parseLong(number(order, "amountTotal", "0")));
    session.put("currency", text(order, "currency", "eur"));
    session.put("payment_intent", "pi_local_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    session.put("customer_details", Map.of("email", text(order, "email", "")));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_local_" + UUID.randomUUID().toString().replace("-", ""));
    event.put("object", "event");
    event.put("api_version", "2025-03-31.basil");
    event.put("created", created);
    event.put("livemode", false);
    event.put("type", "checkout.session.completed");
    event.put("data", Map.of("object", session));
    String body = Json.write(event);
    return java.util.Optional.of(new SignedEvent(body, "t=" + created + ",v1=" + hmac(created + "." + body)));
  }

  private String hmac(String signedPayload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Map<String, AttributeValue> item, String name, String dflt) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? dflt : v.s();
  }

  private static String number(Map<String, AttributeValue> item, String name, String dflt) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? dflt : v.n();
  }
}
