package com.boxoffice.local;

import com.boxoffice.shared.domain.code.RotatingCodeSeed;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The smoke run: the health route without a token, a purchase, its payment as Stripe would report it, the order's tickets, the
 * confirmation mail in the SES emulator, an admission and a refused second admission, all through
 * the local front doors. Each step prints what it saw; the first failure ends the run.
 */
final class LocalWalkthrough {
  private final LocalStack stack;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> confidential = new ArrayList<>();

  LocalWalkthrough(LocalStack stack) {
    this.stack = stack;
  }

  boolean run(PrintStream out) {
    try {
      HttpResponse<String> healthResponse = get(stack.apiBase() + "/v1/health", null);
      JsonNode health = expect(out, "health without a token", 200, healthResponse);
      check(out, "configuration loaded and table answers",
          "ok".equals(health.path("checks").path("configuration").asText())
              && "ok".equals(health.path("checks").path("table").asText()), health.toString());
      check(out, "health is never cached",
          "no-store".equals(healthResponse.headers().firstValue("Cache-Control").orElse("")),
          healthResponse.headers().firstValue("Cache-Control").orElse("no Cache-Control"));

      HttpResponse<String> page = get(stack.apiBase() + DashboardFiles.PREFIX, null);
      check(out, "organizer dashboard page at " + DashboardFiles.PREFIX,
          page.statusCode() == 200 && page.body().contains("<title>Event analytics")
              && page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
          page.statusCode() + " " + page.headers().firstValue("Content-Type").orElse("no Content-Type"));
      HttpResponse<String> charts = get(stack.apiBase() + DashboardFiles.PREFIX + "vendor/uPlot.iife.min.js", null);
      check(out, "dashboard's charting library served with it",
          charts.statusCode() == 200 && charts.body().contains("uPlot"), String.valueOf(charts.statusCode()));

      organizerSteps(out);

      String buyer = stack.buyerToken();
      String scanner = stack.scannerToken();
      String eventId = stack.demo().eventId();
      String deviceToken = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32));
      JsonNode device = expect(out, "register the buyer's phone for push", 201, post(stack.apiBase() + "/v1/devices",
          buyer, "{\"platform\":\"apns\",\"token\":\"" + deviceToken + "\"}", null));
      check(out, "device registered", device.path("deviceId").asText().startsWith("dev_"), device.toString());
      remember(deviceToken);
      String body = "{\"eventId\":\"" + eventId + "\",\"items\":[{\"ticketTypeId\":\"" + stack.demo().ticketTypeIds().get(0)
          + "\",\"quantity\":2}],\"email\":\"" + stack.demo().buyerEmail() + "\",\"name\":\"Ada Lovelace\"}";
      JsonNode order = expect(out, "checkout", 201, post(stack.apiBase() + "/v1/checkout", buyer, body,
          "smoke-" + UUID.randomUUID()));
      String orderId = order.path("orderId").asText();

      expect(out, "pay (signed checkout.session.completed to the webhook URL)", 200,
          post(stack.apiBase() + "/local/pay/" + orderId, null, "", null));

      JsonNode paid = expect(out, "order after payment", 200, get(stack.apiBase() + "/v1/orders/" + orderId, buyer));
      check(out, "order is paid", "paid".equals(paid.path("status").asText()), paid.path("status").asText());
      JsonNode tickets = paid.path("tickets");
      check(out, "two tickets issued", tickets.size() == 2, tickets.size() + " tickets");
      String code = tickets.get(0).path("code").asText();
      tickets.forEach(t -> remember(t.path("code").asText(), t.path("fallbackCode").asText()));
      remember(buyer, scanner, stack.demo().buyerEmail());

      JsonNode mail = waitForMail(out, stack.demo().buyerEmail(), Duration.ofSeconds(90));
      check(out, "confirmation mail received", mail != null, "none within 90 s");
      JsonNode push = waitForPush(out, "tickets-issued:" + orderId, Duration.ofSeconds(90));
      check(out, "tickets-issued push sent to the phone", push != null, "none within 90 s");

      String scan = "{\"code\":\"" + code + "\",\"eventId\":\"" + eventId + "\",\"direction\":\"entry\",\"nonce\":\""
          + UUID.randomUUID() + "\",\"gate\":\"north\"}";
      JsonNode buyerAtDoor = expect(out, "a buyer's token at the door", 403,
          post(stack.apiBase() + "/v1/scans", buyer, scan, null));
      check(out, "refused for its scope, nothing admitted",
          "insufficient_scope".equals(buyerAtDoor.path("error").path("code").asText()), buyerAtDoor.toString());
      JsonNode first = expect(out, "first scan", 200, post(stack.apiBase() + "/v1/scans", scanner, scan, null));
      check(out, "first scan admits", "ok".equals(first.path("result").asText()), first.toString());
      String again = scan.replaceAll("\"nonce\":\"[^\"]+\"", "\"nonce\":\"" + UUID.randomUUID() + "\"");
      JsonNode second = expect(out, "second scan", 200, post(stack.apiBase() + "/v1/scans", scanner, again, null));
      check(out, "second scan refused", "already_redeemed".equals(second.path("result").asText()), second.toString());

      // The second ticket as the buyer's app shows it: the rotating code of this time step,
      // derived from the seed the order route handed out (docs/ticket-codes.md), then scanned.
      JsonNode rotating = tickets.get(1).path("rotating");
      check(out, "order route hands the app a rotating-code seed", rotating.has("secret") && rotating.has("prefix"),
          rotating.has("stepSeconds") ? "step " + rotating.path("stepSeconds").asInt() + " s" : "no seed");
      remember(rotating.path("secret").asText(), rotating.path("code").asText());
      RotatingCodeSeed seed = RotatingCodeSeed.of(rotating.path("prefix").asText(), rotating.path("secret").asText(),
          rotating.path("stepSeconds").asInt());
      Instant shownAt = Instant.now();
      String shown = seed.codeAt(shownAt);
      remember(shown);
      out.println("  ok   rotating code displayed: " + shown.length() + " characters, changes at "
          + seed.nextChangeAfter(shownAt));
      String rotatingScan = "{\"code\":\"" + shown + "\",\"eventId\":\"" + eventId
          + "\",\"direction\":\"entry\",\"nonce\":\"" + UUID.randomUUID() + "\",\"gate\":\"south\"}";
      JsonNode rotated = expect(out, "rotating code scanned", 200,
          post(stack.apiBase() + "/v1/scans", scanner, rotatingScan, null));
      check(out, "rotating code admits", "ok".equals(rotated.path("result").asText()), rotated.toString());

      JsonNode anomalies = expect(out, "organizer's scan anomalies", 200,
          get(stack.apiBase() + "/v1/org/events/" + eventId + "/anomalies", stack.organizerToken()));
      check(out, "anomaly list answered", anomalies.path("anomalies").isArray(),
          anomalies.path("anomalies").size() + " entries");

      JsonNode demo = expect(out, "demo ticket issued straight to the door", 201,
          post(stack.apiBase() + "/local/demo-ticket", null, "", null));
      String typed = demo.path("fallbackCode").asText().toLowerCase(java.util.Locale.ROOT);
      remember(demo.path("code").asText(), demo.path("fallbackCode").asText(), typed);
      String byHand = "{\"code\":\"" + typed + "\",\"eventId\":\"" + eventId + "\",\"direction\":\"entry\",\"nonce\":\""
          + UUID.randomUUID() + "\",\"gate\":\"box office\"}";
      JsonNode typedScan = expect(out, "typed fallback code", 200, post(stack.apiBase() + "/v1/scans", scanner, byHand, null));
      check(out, "typed fallback code admits", "ok".equals(typedScan.path("result").asText()), typedScan.toString());
      out.println("smoke: all steps passed");
      return true;
    } catch (StepFailed e) {
      out.println("smoke: FAILED at " + e.getMessage());
      return false;
    } catch (IOException | InterruptedException e) {
      out.println("smoke: FAILED: " + e);
      return false;
    }
  }

  /**
   * The organizer's side first: an event created through the API, a ticket type, the event
   * published, a door device registered and assigned, the event in the public catalog (with its
   * ETag answering 304), and a second organization's token that finds none of it.
   */
  private void organizerSteps(PrintStream out) throws IOException, InterruptedException {
    String organizer = stack.organizerToken();
    remember(organizer);
    Instant starts = Instant.now().plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    String event = "{\"name\":\"Smoke Test Live\",\"venue\":\"The Local Hall\",\"timeZone\":\"Europe/Berlin\","
        + "\"startsAt\":\"" + starts + "\",\"endsAt\":\"" + starts.plus(Duration.ofHours(4)) + "\",\"currency\":\"eur\"}";
    JsonNode created = expect(out, "organizer creates an event", 201,
        post(stack.apiBase() + "/v1/org/events", organizer, event, "smoke-event-" + UUID.randomUUID()));
    String eventId = created.path("eventId").asText();
    check(out, "the new event is a draft", "DRAFT".equals(created.path("status").asText()), created.toString());
    expect(out, "organizer adds a ticket type", 201, post(stack.apiBase() + "/v1/org/events/" + eventId + "/ticket-types",
        organizer, "{\"name\":\"General\",\"price\":2000,\"capacity\":100,\"maxPerOrder\":6}", null));
    JsonNode published = expect(out, "organizer publishes it", 200,
        post(stack.apiBase() + "/v1/org/events/" + eventId + "/publish", organizer, "", null));
    check(out, "the event is on sale", "ON_SALE".equals(published.path("status").asText()), published.toString());
    JsonNode device = expect(out, "organizer registers a door device", 201,
        post(stack.apiBase() + "/v1/org/devices", organizer, "{\"name\":\"North gate\"}", null));
    String deviceId = device.path("deviceId").asText();
    expect(out, "organizer assigns it to the event", 200, post(stack.apiBase() + "/v1/org/devices/" + deviceId
        + "/assignments", organizer, "{\"eventId\":\"" + eventId + "\"}", null));

    JsonNode listing = expect(out, "public catalog without a token", 200, get(stack.apiBase() + "/v1/events", null));
    check(out, "the catalog lists the new event",
        listing.path("events").toString().contains("\"" + eventId + "\""), listing.toString());
    HttpResponse<String> detail = get(stack.apiBase() + "/v1/events/" + eventId, null);
    expect(out, "the event in the catalog", 200, detail);
    String etag = detail.headers().firstValue("ETag").orElse("");
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(stack.apiBase() + "/v1/events/" + eventId))
        .timeout(Duration.ofSeconds(30)).header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
    check(out, "its ETag answers 304 Not Modified", again.statusCode() == 304, again.statusCode() + " " + etag);

    JsonNode minted = expect(out, "a token for a second organization", 201,
        post(stack.apiBase() + "/local/token/organizer/newcomer/org_other", null, "", null));
    String other = minted.path("token").asText();
    remember(other);
    JsonNode hidden = expect(out, "the other organization asks for the event", 404,
        get(stack.apiBase() + "/v1/org/events/" + eventId, other));
    check(out, "another tenant's event is not found", "not_found".equals(hidden.path("error").path("code").asText()),
        hidden.toString());
  }

  /**
   * What the run handled that must never appear in a log line: the bearer tokens, the buyer's
   * address, every ticket code and fallback code it was given.
   */
  List<String> confidentialValues() {
    return List.copyOf(confidential);
  }

  private void remember(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        confidential.add(v);
      }
    }
  }

  private JsonNode waitForPush(PrintStream out, String notificationId, Duration within)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> pushes = http.send(HttpRequest.newBuilder(URI.create(stack.apiBase() + "/local/pushes"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      for (JsonNode push : Json.mapper().readTree(pushes.body()).path("pushes")) {
        if (notificationId.equals(push.path("notificationId").asText())) {
          out.println("  ok   push: \"" + push.path("title").asText() + "\" (see " + stack.apiBase() + "/local/pushes)");
          return push;
        }
      }
      Thread.sleep(1000);
    }
    return null;
  }

  private JsonNode waitForMail(PrintStream out, String recipient, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> store = http.send(HttpRequest.newBuilder(URI.create(stack.sesBase() + "/store")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode email : Json.mapper().readTree(store.body()).path("emails")) {
        if (email.path("destination").path("to").toString().contains(recipient)) {
          out.println("  ok   mail: \"" + email.path("subject").asText() + "\" to " + recipient
              + " (see " + stack.sesBase() + "/)");
          return email;
        }
      }
      Thread.sleep(1000);
    }
    return null;
  }

  private HttpResponse<String> post(String url, String token, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET, with the bearer token when there is one. */
  private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(PrintStream out, String step, int status, HttpResponse<String> response) throws IOException {
    if (response.statusCode() != status) {
      throw new StepFailed(step + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
    }
    String text = response.body();
    out.println("  ok   " + step + ": " + response.statusCode() + " "
        + (text.length() > 160 ? text.substring(0, 160) + "..." : text));
    return text.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(text);
  }

  private static void check(PrintStream out, String what, boolean ok, String detail) {
    if (!ok) {
      throw new StepFailed(what + " (" + detail + ")");
    }
    out.println("  ok   " + what);
  }

  private static final class StepFailed extends RuntimeException {
    StepFailed(String message) {
      super(message);
    }
  }
}
