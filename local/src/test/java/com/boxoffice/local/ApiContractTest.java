package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.http.Scope;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The HTTP API keeps docs/openapi.yaml: the whole local stack (every function behind the same kind
 * of front door and JWT authorizer it has on AWS, on DynamoDB Local, ElasticMQ, stripe-mock, the
 * SES emulator and moto) answers real requests to every operation, successes and refusals, and
 * each answer is checked against the document: the status is one the operation declares, the
 * media type is listed, required headers are there and every declared header's value fits its
 * schema, and the body is valid against the response's JSON Schema. The last test fails when an
 * operation of the document was never called, or never answered with both a success and an error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractTest {
  private static final OpenApiDocument SPEC = OpenApiDocument.load(RepoRoot.find().resolve("docs/openapi.yaml"));
  private static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalRunner runner;
  private static LocalStack stack;
  private static String buyer;
  private static String scanner;
  private static String organizer;
  private static String strangerOrganizer;
  /** The organizer scope but no {@code org} claim. */
  private static String tenantless;

  /** The order paid in {@link #checkoutAndOrders()}, with its tickets; later steps work on it. */
  private static String paidOrderId;
  private static JsonNode paidOrder;

  @BeforeAll
  static void startTheStack() throws IOException {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    System.setProperty("aws.region", LocalAws.REGION.id());
    runner = new LocalRunner(new LocalSettings(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick(),
        FreePort.pick(), FreePort.pick(), null, 0), RepoRoot.find());
    stack = runner.start();
    buyer = stack.buyerToken();
    scanner = stack.scannerToken();
    organizer = stack.organizerToken();
    strangerOrganizer = stack.token(Scope.ORGANIZER, "organizer-other", "org_other");
    tenantless = stack.token(Scope.ORGANIZER, "organizer-nobody", null);
  }

  @AfterAll
  static void stopTheStack() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  @Order(1)
  void healthAndCatalog() {
    call("GET", "/v1/health", "/v1/health", null, null, Map.of()).expect(200);

    var list = call("GET", "/v1/events", "/v1/events", null, null, Map.of()).expect(200);
    String etag = list.header("ETag");
    call("GET", "/v1/events", "/v1/events", null, null, Map.of("If-None-Match", etag)).expect(304);
    call("GET", "/v1/events", "/v1/events?limit=0", null, null, Map.of()).expect(400);

    String event = "/v1/events/" + stack.demo().eventId();
    var one = call("GET", "/v1/events/{eventId}", event, null, null, Map.of()).expect(200);
    call("GET", "/v1/events/{eventId}", event, null, null, Map.of("If-None-Match", one.header("ETag"))).expect(304);
    call("GET", "/v1/events/{eventId}", "/v1/events/evt-missing", null, null, Map.of()).expect(404);

    call("OPTIONS", "/v1/events", "/v1/events", null, null, Map.of("Origin", "https://shop.example")).expect(204);
    call("OPTIONS", "/v1/events/{eventId}", event, null, null, Map.of("Origin", "https://shop.example")).expect(204);
  }

  @Test
  @Order(2)
  void checkoutAndOrders() {
    String eventId = stack.demo().eventId();
    String ticketType = stack.demo().ticketTypeIds().get(0);
    String body = "{\"eventId\":\"" + eventId + "\",\"items\":[{\"ticketTypeId\":\"" + ticketType
        + "\",\"quantity\":2}],\"email\":\"" + stack.demo().buyerEmail() + "\",\"name\":\"Ada Lovelace\"}";
    Map<String, String> firstKey = key();
    var created = call("POST", "/v1/checkout", "/v1/checkout", buyer, body, firstKey).expect(201);
    var replayed = call("POST", "/v1/checkout", "/v1/checkout", buyer, body, firstKey).expect(201);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    call("POST", "/v1/checkout", "/v1/checkout", buyer, body.replace("Ada Lovelace", "Ada King"), firstKey)
        .expect(422);
    call("POST", "/v1/checkout", "/v1/checkout", buyer, "{\"name\":\"" + "x".repeat(17 * 1024) + "\"}", key())
        .expect(413);
    call("POST", "/v1/checkout", "/v1/checkout", buyer, "{\"eventId\":\"" + eventId + "\"}", key()).expect(400);
    call("POST", "/v1/checkout", "/v1/checkout", null, body, key()).expect(401);

    String guestBody = body.replace("\"quantity\":2", "\"quantity\":1").replace(stack.demo().buyerEmail(),
        "grace@example.com");
    var guest = call("POST", "/v1/guest/checkout", "/v1/guest/checkout", null, guestBody, key()).expect(201);
    call("POST", "/v1/guest/checkout", "/v1/guest/checkout", null, "{", key()).expect(400);

    String guestOrder = guest.json().path("orderId").asText();
    call("GET", "/v1/guest/orders/{orderId}", "/v1/guest/orders/" + guestOrder, null, null,
        Map.of("X-Order-Token", guest.json().path("accessToken").asText())).expect(200);
    call("GET", "/v1/guest/orders/{orderId}", "/v1/guest/orders/" + guestOrder, null, null,
        Map.of("X-Order-Token", "not-the-token")).expect(404);

    paidOrderId = created.json().path("orderId").asText();
    call("GET", "/v1/orders/{orderId}", "/v1/orders/" + paidOrderId, buyer, null, Map.of()).expect(200);
    var paid = send("POST", "/local/pay/" + paidOrderId, null, "", Map.of());
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    paidOrder = call("GET", "/v1/orders/{orderId}", "/v1/orders/" + paidOrderId, buyer, null, Map.of())
        .expect(200).json();
    assertThat(paidOrder.path("tickets").size()).as(paidOrder.toString()).isEqualTo(2);
    call("GET", "/v1/orders/{orderId}", "/v1/orders/ord_000000000000000000000000", buyer, null, Map.of())
        .expect(404);
  }

  @Test
  @Order(3)
  void door() {
    String eventId = stack.demo().eventId();
    JsonNode ticket = paidOrder.path("tickets").get(0);
    String code = ticket.path("rotating").path("code").asText(ticket.path("code").asText());
    String scan = "{\"code\":\"" + code + "\",\"eventId\":\"" + eventId
        + "\",\"direction\":\"entry\",\"nonce\":\"n-" + UUID.randomUUID() + "\",\"gate\":\"north\"}";
    var admitted = call("POST", "/v1/scans", "/v1/scans", scanner, scan, Map.of()).expect(200);
    assertThat(admitted.json().path("result").asText()).as(admitted.body()).isEqualTo("ok");
    var again = call("POST", "/v1/scans", "/v1/scans", scanner, scan.replace("\"nonce\":\"n-", "\"nonce\":\"m-"),
        Map.of()).expect(200);
    assertThat(again.json().path("result").asText()).isEqualTo("already_redeemed");
    call("POST", "/v1/scans", "/v1/scans", scanner, scan.replace(code, "not-a-code"), Map.of()).expect(200);
    call("POST", "/v1/scans", "/v1/scans", scanner, "{\"code\":\"x\"}", Map.of()).expect(400);
    call("POST", "/v1/scans", "/v1/scans", buyer, scan, Map.of()).expect(403);
    call("POST", "/v1/scans", "/v1/scans", scanner, scan.replace(eventId, "evt-elsewhere"), Map.of()).expect(403);
    call("POST", "/v1/scans", "/v1/scans", null, scan, Map.of()).expect(401);
    call("POST", "/v1/scans", "/v1/scans", scanner, "{\"code\":\"" + "x".repeat(5 * 1024) + "\"}", Map.of())
        .expect(413);

    String event = "/v1/org/events/" + eventId;
    call("GET", "/v1/org/events/{eventId}/door", event + "/door", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events/{eventId}/door", event + "/door", strangerOrganizer, null, Map.of()).expect(404);
    call("GET", "/v1/org/events/{eventId}/anomalies", event + "/anomalies", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events/{eventId}/anomalies", event + "/anomalies", strangerOrganizer, null, Map.of())
        .expect(404);
    call("GET", "/v1/org/events/{id}/analytics", event + "/analytics", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events/{id}/analytics", event + "/analytics?bucket=week", organizer, null, Map.of())
        .expect(400);
    call("GET", "/v1/org/events/{id}/analytics", event + "/analytics", null, null, Map.of()).expect(401);
    call("GET", "/v1/org/events/{id}/analytics", event + "/analytics", tenantless, null, Map.of()).expect(403);
    call("GET", "/v1/org/events/{eventId}/anomalies", event + "/anomalies?limit=0", organizer, null, Map.of())
        .expect(400);
  }

  @Test
  @Order(4)
  void organizerOrders() {
    String eventId = stack.demo().eventId();
    String event = "/v1/org/events/" + eventId;
    call("GET", "/v1/org/events/{eventId}/orders", event + "/orders", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events/{eventId}/orders", event + "/orders", buyer, null, Map.of()).expect(403);
    call("GET", "/v1/org/events/{eventId}/attendees.csv", event + "/attendees.csv", organizer, null, Map.of())
        .expect(200);
    call("GET", "/v1/org/events/{eventId}/attendees.csv", event + "/attendees.csv?limit=0", organizer, null,
        Map.of()).expect(400);

    String order = "/v1/org/orders/" + paidOrderId;
    call("GET", "/v1/org/orders/{orderId}", order, organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/orders/{orderId}", order, strangerOrganizer, null, Map.of()).expect(404);
    call("POST", "/v1/org/orders/{orderId}/resend-confirmation", order + "/resend-confirmation", organizer, null,
        key()).expect(202);
    call("POST", "/v1/org/orders/{orderId}/resend-confirmation", order + "/resend-confirmation", strangerOrganizer,
        null, key()).expect(404);

    String first = "/v1/org/tickets/" + paidOrder.path("tickets").get(0).path("ticketId").asText();
    String second = "/v1/org/tickets/" + paidOrder.path("tickets").get(1).path("ticketId").asText();
    call("PUT", "/v1/org/tickets/{ticketId}/holder", first + "/holder", organizer, "{\"holderName\":\"Grace\"}",
        key()).expect(200);
    call("PUT", "/v1/org/tickets/{ticketId}/holder", first + "/holder", organizer, "{\"holderName\":\"\"}",
        key()).expect(400);
    call("POST", "/v1/org/tickets/{ticketId}/reissue-code", first + "/reissue-code", organizer, null, key())
        .expect(200);
    call("POST", "/v1/org/tickets/{ticketId}/revoke", second + "/revoke", organizer, "{\"reason\":\"duplicate\"}",
        key()).expect(200);
    call("POST", "/v1/org/tickets/{ticketId}/revoke", "/v1/org/tickets/ord_000000000000000000000000-1/revoke",
        organizer, null, key()).expect(404);
    call("POST", "/v1/org/tickets/{ticketId}/reissue-code", second + "/reissue-code", organizer, null, key())
        .expect(409);

    call("POST", "/v1/org/orders/{orderId}/refunds", order + "/refunds", organizer,
        "{\"ticketIds\":[\"" + paidOrder.path("tickets").get(0).path("ticketId").asText() + "\"]}", key())
        .expect(202);
    call("POST", "/v1/org/orders/{orderId}/refunds", order + "/refunds", organizer, "{\"ticketIds\":[]}", key())
        .expect(400);
  }

  @Test
  @Order(5)
  void organizerEventsAndDevices() {
    Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String create = "{\"name\":\"Contract night\",\"timeZone\":\"Europe/Berlin\",\"startsAt\":\"" + start
        + "\",\"endsAt\":\"" + start.plus(4, ChronoUnit.HOURS) + "\",\"currency\":\"eur\"}";
    var created = call("POST", "/v1/org/events", "/v1/org/events", organizer, create, key()).expect(201);
    call("POST", "/v1/org/events", "/v1/org/events", organizer, "{\"name\":\"No dates\"}", key()).expect(400);
    call("POST", "/v1/org/events", "/v1/org/events", buyer, create, key()).expect(403);
    call("POST", "/v1/org/events", "/v1/org/events", null, create, key()).expect(401);
    Map<String, String> createKey = key();
    call("POST", "/v1/org/events", "/v1/org/events", organizer, create, createKey).expect(201);
    call("POST", "/v1/org/events", "/v1/org/events", organizer, create.replace("Contract night", "Other night"),
        createKey).expect(422);
    call("GET", "/v1/org/events", "/v1/org/events", tenantless, null, Map.of()).expect(403);
    call("GET", "/v1/org/events", "/v1/org/events", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events", "/v1/org/events?limit=0", organizer, null, Map.of()).expect(400);

    String event = "/v1/org/events/" + created.json().path("eventId").asText();
    call("GET", "/v1/org/events/{eventId}", event, organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/events/{eventId}", event, strangerOrganizer, null, Map.of()).expect(404);
    call("PATCH", "/v1/org/events/{eventId}", event, organizer, "{\"venue\":\"Hall 2\"}", key()).expect(200);
    call("PATCH", "/v1/org/events/{eventId}", event, organizer, "{\"currency\":\"usd\"}", key()).expect(400);

    call("POST", "/v1/org/events/{eventId}/publish", event + "/publish", organizer, null, key()).expect(400);
    var type = call("POST", "/v1/org/events/{eventId}/ticket-types", event + "/ticket-types", organizer,
        "{\"name\":\"General\",\"price\":2000,\"capacity\":100}", key()).expect(201);
    call("POST", "/v1/org/events/{eventId}/ticket-types", event + "/ticket-types", organizer,
        "{\"name\":\"No price\"}", key()).expect(400);
    String ticketType = event + "/ticket-types/" + type.json().path("ticketTypeId").asText();
    call("PATCH", "/v1/org/events/{eventId}/ticket-types/{ticketTypeId}", ticketType, organizer,
        "{\"price\":2500}", key()).expect(200);
    call("PATCH", "/v1/org/events/{eventId}/ticket-types/{ticketTypeId}", event + "/ticket-types/missing",
        organizer, "{\"price\":2500}", key()).expect(404);

    call("POST", "/v1/org/events/{eventId}/publish", event + "/publish", organizer, null, key()).expect(200);
    call("POST", "/v1/org/events/{eventId}/pause", event + "/pause", organizer, null, key()).expect(200);
    call("POST", "/v1/org/events/{eventId}/pause", event + "/pause", organizer, null, key()).expect(409);
    call("POST", "/v1/org/events/{eventId}/publish", event + "/publish", organizer, null, key()).expect(200);

    // Cancelling an event with no orders finishes at once.
    call("GET", "/v1/org/events/{eventId}/cancellation", event + "/cancellation", organizer, null, Map.of())
        .expect(404);
    call("POST", "/v1/org/events/{eventId}/cancel", event + "/cancel", organizer, "{\"reason\":\"storm\"}", key())
        .expect(200);
    call("POST", "/v1/org/events/{eventId}/cancel", "/v1/org/events/evt-missing/cancel", organizer, null, key())
        .expect(404);
    call("GET", "/v1/org/events/{eventId}/cancellation", event + "/cancellation", organizer, null, Map.of())
        .expect(200);
    call("POST", "/v1/org/events/{eventId}/close", event + "/close", organizer, null, key()).expect(409);
    String cancelledType = type.json().path("ticketTypeId").asText();
    call("POST", "/v1/checkout", "/v1/checkout", buyer, "{\"eventId\":\"" + created.json().path("eventId").asText()
        + "\",\"items\":[{\"ticketTypeId\":\"" + cancelledType + "\",\"quantity\":1}],\"name\":\"Ada\"}", key())
        .expect(409);

    var closable = call("POST", "/v1/org/events", "/v1/org/events", organizer, create, key()).expect(201);
    String other = "/v1/org/events/" + closable.json().path("eventId").asText();
    call("POST", "/v1/org/events/{eventId}/ticket-types", other + "/ticket-types", organizer,
        "{\"name\":\"General\",\"price\":2000,\"capacity\":10}", key()).expect(201);
    call("POST", "/v1/org/events/{eventId}/publish", other + "/publish", organizer, null, key()).expect(200);
    call("POST", "/v1/org/events/{eventId}/close", other + "/close", organizer, null, key()).expect(200);

    var device = call("POST", "/v1/org/devices", "/v1/org/devices", organizer, "{\"name\":\"North gate\"}", key())
        .expect(201);
    call("POST", "/v1/org/devices", "/v1/org/devices", organizer, "{}", key()).expect(400);
    call("GET", "/v1/org/devices", "/v1/org/devices", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/devices", "/v1/org/devices", buyer, null, Map.of()).expect(403);
    String dev = "/v1/org/devices/" + device.json().path("deviceId").asText();
    call("POST", "/v1/org/devices/{deviceId}/assignments", dev + "/assignments", organizer,
        "{\"eventId\":\"" + stack.demo().eventId() + "\"}", key()).expect(200);
    call("POST", "/v1/org/devices/{deviceId}/revoke", dev + "/revoke", organizer, null, key()).expect(200);
    call("POST", "/v1/org/devices/{deviceId}/assignments", dev + "/assignments", organizer,
        "{\"eventId\":\"" + stack.demo().eventId() + "\"}", key()).expect(409);
    call("POST", "/v1/org/devices/{deviceId}/revoke", "/v1/org/devices/dev-missing/revoke", organizer, null, key())
        .expect(404);

    call("GET", "/v1/org/audit", "/v1/org/audit", organizer, null, Map.of()).expect(200);
    call("GET", "/v1/org/audit", "/v1/org/audit?limit=0", organizer, null, Map.of()).expect(400);

    String rotate = "{\"oldKeyValidUntil\":\"" + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}";
    call("POST", "/v1/org/signing-keys/rotate", "/v1/org/signing-keys/rotate", buyer, rotate, key()).expect(403);
    // The keys are the deployment's, owned by the demo organization here: another tenant finds none.
    call("POST", "/v1/org/signing-keys/rotate", "/v1/org/signing-keys/rotate", strangerOrganizer, rotate, key())
        .expect(404);
    var rotated = call("POST", "/v1/org/signing-keys/rotate", "/v1/org/signing-keys/rotate", organizer, rotate, key())
        .expect(200);
    String stale = "{\"oldKeyValidUntil\":\"" + Instant.now().plus(7, ChronoUnit.DAYS)
        + "\",\"expectedActiveKeyId\":\"" + rotated.json().path("retiredKeyId").asText() + "\"}";
    call("POST", "/v1/org/signing-keys/rotate", "/v1/org/signing-keys/rotate", organizer, stale, key()).expect(409);
  }

  @Test
  @Order(6)
  void pushDevicesAndPreferences() {
    String token = "{\"platform\":\"apns\",\"token\":\"" + "ab".repeat(32) + "\"}";
    var device = call("POST", "/v1/devices", "/v1/devices", buyer, token, Map.of()).expect(201);
    call("POST", "/v1/devices", "/v1/devices", buyer, token, Map.of()).expect(200);
    call("POST", "/v1/devices", "/v1/devices", buyer, "{\"platform\":\"apns\",\"token\":\"short\"}", Map.of())
        .expect(400);
    call("POST", "/v1/devices", "/v1/devices", scanner, token, Map.of()).expect(403);
    String dev = "/v1/devices/" + device.json().path("deviceId").asText();
    call("DELETE", "/v1/devices/{deviceId}", dev, buyer, null, Map.of()).expect(204);
    call("DELETE", "/v1/devices/{deviceId}", dev, buyer, null, Map.of()).expect(404);

    call("GET", "/v1/push-preferences", "/v1/push-preferences", buyer, null, Map.of()).expect(200);
    call("GET", "/v1/push-preferences", "/v1/push-preferences", null, null, Map.of()).expect(401);
    call("PUT", "/v1/push-preferences", "/v1/push-preferences", buyer, "{\"eventReminders\":false}", Map.of())
        .expect(200);
    call("PUT", "/v1/push-preferences", "/v1/push-preferences", buyer, "{\"eventReminders\":\"no\"}", Map.of())
        .expect(400);
  }

  /**
   * Every operation of the document was called and answered with a success and with an error.
   * Operations with no error the stack can be made to answer say so here, by name.
   */
  @Test
  @Order(100)
  void everyOperationOfTheDocumentWasExercised() {
    Set<String> errorsNotReachable = Set.of(
        "GET /v1/health",                 // 503 only when the table or the configuration fails
        "OPTIONS /v1/events",             // a preflight has no refusal
        "OPTIONS /v1/events/{eventId}");
    Set<String> successNotReachable = Set.of();
    List<String> missing = new ArrayList<>();
    for (String op : SPEC.operations()) {
      boolean success = EXERCISED.stream().anyMatch(e -> e.startsWith(op + " 2") || e.startsWith(op + " 3"));
      boolean error = EXERCISED.stream().anyMatch(e -> e.startsWith(op + " 4") || e.startsWith(op + " 5"));
      if (!success && !successNotReachable.contains(op)) {
        missing.add(op + ": no success");
      }
      if (!error && !errorsNotReachable.contains(op)) {
        missing.add(op + ": no error");
      }
    }
    assertThat(missing).as("operations of docs/openapi.yaml this test never exercised; exercised: " + EXERCISED)
        .isEmpty();
  }

  private static Map<String, String> key() {
    return Map.of("Idempotency-Key", "contract-" + UUID.randomUUID());
  }

  /** A real request to {@code path}, whose answer must keep the contract of {@code method template}. */
  private static Answer call(String method, String template, String path, String token, String body,
      Map<String, String> headers) {
    Answer answer = send(method, path, token, body, headers);
    List<String> problems = SPEC.check(method, template, answer.status(), answer.headers(), answer.body());
    assertThat(problems).as(method + " " + path + " answered " + answer.status() + " " + answer.body()).isEmpty();
    EXERCISED.add(method + " " + template + " " + answer.status());
    return answer;
  }

  private static Answer send(String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiBase() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, List<String>> responseHeaders = new LinkedHashMap<>(response.headers().map());
      return new Answer(response.statusCode(), responseHeaders, response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Answer(int status, Map<String, List<String>> headers, String body) {
    Answer expect(int expected) {
      assertThat(status).as("status of an answer with body " + body).isEqualTo(expected);
      return this;
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElseThrow(() -> new AssertionError("no " + name + " header in " + headers.keySet()));
    }

    JsonNode json() {
      return Json.read(body, JsonNode.class);
    }
  }
}
