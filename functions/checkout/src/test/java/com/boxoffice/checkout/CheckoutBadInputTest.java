package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad requests are refused with the error envelope and a field name, and nothing is written: no
 * order, no hold, no call to the payment provider.
 */
@ExtendWith(LocalAwsExtension.class)
class CheckoutBadInputTest {

  /** Counts calls; any call at all means bad input got too far. */
  static final class CountingGateway implements PaymentGateway {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CheckoutSession createCheckoutSession(CheckoutSessionRequest r) {
      calls.incrementAndGet();
      return new CheckoutSession("cs_test_count", "https://pay.example/cs_test_count", r.orderId(), "open", "unpaid",
          null, null, r.currency(), r.expiresAt());
    }

    @Override
    public CheckoutSession retrieveCheckoutSession(String id) {
      throw new UnsupportedOperationException();
    }
  }

  record Case(String name, String body, int status, String code, String field) {}

  private static String items(String itemsJson) {
    return "{\"eventId\":\"evt-test\",\"items\":" + itemsJson + ",\"email\":\"ada@example.com\",\"name\":\"Ada\"}";
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("malformed JSON", "{\"eventId\":", 400, "malformed_json", null),
        new Case("not an object", "[1,2]", 400, "malformed_json", null),
        new Case("empty body", "", 400, "malformed_json", null),
        new Case("wrong type", items("[{\"ticketTypeId\":\"general\",\"quantity\":\"2\"}]"), 400, "invalid_field",
            "items[0].quantity"),
        new Case("items not a list", items("{\"ticketTypeId\":\"general\"}"), 400, "invalid_field", "items"),
        new Case("fractional quantity", items("[{\"ticketTypeId\":\"general\",\"quantity\":2.5}]"), 400,
            "validation_failed", "items[0].quantity"),
        new Case("zero quantity", items("[{\"ticketTypeId\":\"general\",\"quantity\":0}]"), 400, "validation_failed",
            "items[0].quantity"),
        new Case("negative quantity", items("[{\"ticketTypeId\":\"general\",\"quantity\":-3}]"), 400, "validation_failed",
            "items[0].quantity"),
        new Case("enormous quantity", items("[{\"ticketTypeId\":\"general\",\"quantity\":99999999999999}]"), 400,
            "validation_failed", "items[0].quantity"),
        new Case("over max per order", items("[{\"ticketTypeId\":\"general\",\"quantity\":5}]"), 400,
            "validation_failed", "items[0].quantity"),
        new Case("unknown ticket type", items("[{\"ticketTypeId\":\"balcony\",\"quantity\":1}]"), 400,
            "validation_failed", "items[0].ticketTypeId"),
        new Case("duplicate ticket type", items("[{\"ticketTypeId\":\"general\",\"quantity\":1},"
            + "{\"ticketTypeId\":\"general\",\"quantity\":1}]"), 400, "validation_failed", "items[1].ticketTypeId"),
        new Case("no items", items("[]"), 400, "validation_failed", "items"),
        new Case("unknown field", "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@example.com\",\"name\":\"Ada\",\"price\":1}", 400, "unknown_field", "price"),
        new Case("unknown nested field", items("[{\"ticketTypeId\":\"general\",\"quantity\":1,\"price\":0}]"), 400,
            "unknown_field", "items[0].price"),
        new Case("bad email", "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@@example\",\"name\":\"Ada\"}", 400, "validation_failed", "email"),
        new Case("long email", "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"" + "a".repeat(250) + "@example.com\",\"name\":\"Ada\"}", 400, "validation_failed", "email"),
        new Case("long name", "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@example.com\",\"name\":\"" + "n".repeat(101) + "\"}", 400, "validation_failed", "name"),
        new Case("missing name", "{\"eventId\":\"evt-test\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@example.com\"}", 400, "validation_failed", "name"),
        new Case("unknown event", "{\"eventId\":\"evt-nope\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@example.com\",\"name\":\"Ada\"}", 400, "validation_failed", "eventId"),
        new Case("bad event id", "{\"eventId\":\"../x\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
            + "\"email\":\"ada@example.com\",\"name\":\"Ada\"}", 400, "validation_failed", "eventId"),
        new Case("huge body", "{\"eventId\":\"evt-test\",\"name\":\"" + "x".repeat(20_000) + "\"}", 413,
            "payload_too_large", null));
  }

  @Test
  void everyBadRequestIsRefusedWithItsFieldAndWritesNothing(LocalAws aws, LocalResources res) {
    var gateway = new CountingGateway();
    var f = new CheckoutFixture(aws, res, gateway);
    f.ticketType("general", 50, 2500, 4);

    cases().forEach(c -> {
      var r = f.checkout(c.body(), "user-1");
      assertThat(r.getStatusCode()).as(c.name() + ": " + r.getBody()).isEqualTo(c.status());
      var error = json(r).get("error");
      assertThat(error.get("code").asText()).as(c.name()).isEqualTo(c.code());
      assertThat(error.get("retryable").asBoolean()).as(c.name()).isFalse();
      assertThat(error.get("message").asText()).as(c.name()).isNotBlank();
      if (c.field() != null) {
        assertThat(error.get("fields").has(c.field())).as(c.name() + " names " + c.field() + ": " + error).isTrue();
      }
      assertThat(r.getHeaders()).containsKey("X-Request-Id");
    });

    assertThat(f.count("ORDER#")).isZero();
    assertThat(f.inventory("general")).containsExactly(0, 0, 50);
    assertThat(gateway.calls).hasValue(0);
  }

  @Test
  void aBadIdempotencyKeyIsRefusedBeforeAnythingElse(LocalAws aws, LocalResources res) {
    var f = new CheckoutFixture(aws, res, new CountingGateway());
    f.ticketType("general", 50, 2500, 4);

    for (String key : new String[] {"", "x".repeat(256), "caf\u00e9", "tab\there"}) {
      var r = f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.7", Map.of("Idempotency-Key", key));
      assertThat(r.getStatusCode()).as("key [" + key + "]").isEqualTo(400);
      assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_idempotency_key");
    }
    assertThat(f.idempotencyRecords()).isZero();
    assertThat(f.count("ORDER#")).isZero();
  }

  @Test
  void aSignedInRouteWithoutASubjectIsUnauthenticated(LocalAws aws, LocalResources res) {
    var f = new CheckoutFixture(aws, res, new CountingGateway());
    f.ticketType("general", 50, 2500, 4);

    var r = f.post("/v1/checkout", body("general", 1), null, "198.51.100.7", Map.of());

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(json(r).at("/error/code").asText()).as("the code the scanner answers too").isEqualTo("unauthenticated");
    assertThat(f.count("ORDER#")).isZero();
  }

  @Test
  void buyersIpsAndGuestEmailsAreRateLimitedWithRetryAfter(LocalAws aws, LocalResources res) {
    var gateway = new CountingGateway();
    var f = new CheckoutFixture(aws, res, gateway, 2, 3, 1);
    f.ticketType("general", 50, 2500, 4);

    assertThat(f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.1", Map.of()).getStatusCode()).isEqualTo(201);
    assertThat(f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.2", Map.of()).getStatusCode()).isEqualTo(201);
    var perUser = f.post("/v1/checkout", body("general", 1), "user-1", "198.51.100.3", Map.of());
    assertThat(perUser.getStatusCode()).isEqualTo(429);
    assertThat(json(perUser).at("/error/code").asText()).isEqualTo("rate_limited");
    assertThat(json(perUser).at("/error/retryable").asBoolean()).isTrue();
    // The fixture's clock stands on a whole hour: the hourly window ends in exactly 3600 s.
    assertThat(perUser.getHeaders()).containsEntry("Retry-After", "3600");

    for (int i = 0; i < 3; i++) {
      f.post("/v1/checkout", body("general", 1), "ip-user-" + i, "203.0.113.50", Map.of());
    }
    var perIp = f.post("/v1/checkout", body("general", 1), "ip-user-9", "203.0.113.50", Map.of());
    assertThat(perIp.getStatusCode()).as("per IP").isEqualTo(429);
    assertThat(perIp.getHeaders()).containsEntry("Retry-After", "3600");

    assertThat(f.post("/v1/guest/checkout", body("general", 1), null, "192.0.2.1", Map.of()).getStatusCode()).isEqualTo(201);
    var perEmail = f.post("/v1/guest/checkout", body("general", 1), null, "192.0.2.2", Map.of());
    assertThat(perEmail.getStatusCode()).as("per guest email").isEqualTo(429);
    assertThat(perEmail.getHeaders()).containsEntry("Retry-After", "3600");

    assertThat(f.inventory("general")[0]).as("refused attempts hold nothing").isEqualTo(gateway.calls.get());
  }

  @Test
  void anEventWhoseTicketsCouldNotCarryACodeIsNotSold(LocalAws aws, LocalResources res) {
    var gateway = new CountingGateway();
    var f = new CheckoutFixture(aws, res, gateway);
    var start = CheckoutFixture.START.plus(java.time.Duration.ofDays(2));
    String longId = "evt-" + "x".repeat(com.boxoffice.shared.domain.code.SignedTicketCodes.MAX_EVENT_ID_BYTES - 3);
    f.catalog.putEvent(new com.boxoffice.shared.domain.catalog.CatalogEvent(longId, "Long id", "Hall", start,
        start.plus(java.time.Duration.ofHours(4)), start, "eur", com.boxoffice.shared.domain.catalog.EventStatus.ON_SALE));
    f.catalog.putEvent(new com.boxoffice.shared.domain.catalog.CatalogEvent("evt-season", "Season", "Hall", start,
        start.plus(java.time.Duration.ofDays(60)), start, "eur", com.boxoffice.shared.domain.catalog.EventStatus.ON_SALE));
    for (String eventId : new String[] {longId, "evt-season"}) {
      f.catalog.putTicketType(new com.boxoffice.shared.domain.catalog.TicketType(eventId, "general", "General", 2500,
          "eur", 50, 0, 0, 50, 4));
    }

    for (String eventId : new String[] {longId, "evt-season"}) {
      var r = f.checkout(body("general", 1).replace(CheckoutFixture.EVENT, eventId), "user-1");
      assertThat(r.getStatusCode()).as(eventId + ": " + r.getBody()).isEqualTo(409);
      assertThat(json(r).at("/error/code").asText()).isEqualTo("event_not_on_sale");
    }

    assertThat(f.count("ORDER#")).isZero();
    assertThat(gateway.calls).hasValue(0);
  }
}
