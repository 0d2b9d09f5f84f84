package com.boxoffice.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.DynamoTableProbe;
import com.boxoffice.shared.adapter.dynamo.DynamoTicketCodeSettings;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.http.HealthRoute;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.CheckoutCaching;
import com.boxoffice.shared.domain.order.CheckoutService;
import com.boxoffice.shared.domain.order.CheckoutSettings;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.TicketCodes;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.metrics.EmfCheckoutMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A checkout handler on DynamoDB Local with a demo event, for the handler tests. */
final class CheckoutFixture {
  static final String EVENT = "evt-test";
  /** What the fixture's health route reports as the version deployed. */
  static final String VERSION = "test-build";
  /**
   * Later than the real clock on purpose: DynamoDB Local honours the tables' TTL attributes against
   * real time, so records stamped with an earlier test time (idempotency records, rate-limit
   * windows) would be deleted under the test's feet.
   */
  static final Instant START = Instant.parse("2036-06-01T18:00:00Z");

  /** Test codes: deterministic text, clearly not a signed code. */
  static final TicketCodes FAKE_CODES = new TicketCodes() {
    @Override
    public String codeFor(Ticket t) {
      return "TEST" + t.ticketId().toUpperCase().replace("_", "").replace("-", "");
    }

    @Override
    public String fallbackCodeFor(Ticket t) {
      return "F-" + t.seq();
    }
  };

  final MutableClock clock = new MutableClock(START);
  final DynamoDbClient dynamo;
  final String table;
  final String idempotencyTable;
  final DynamoCatalog catalog;
  final DynamoOrderStore orders;
  final DynamoOrderPayments payments;
  final CircuitBreaker breaker;
  final CheckoutService service;
  final CheckoutHandler handler;
  /** The metric lines the checkout requests wrote. */
  final EmfCapture metrics = new EmfCapture(clock);

  CheckoutFixture(LocalAws aws, LocalResources res, PaymentGateway gateway) {
    this(aws, res, gateway, 1000, 1000, 1000);
  }

  CheckoutFixture(LocalAws aws, LocalResources res, PaymentGateway gateway, int userLimit, int ipLimit, int emailLimit) {
    this(aws.dynamo(), res, gateway, userLimit, ipLimit, emailLimit, CheckoutCaching.DEFAULT);
  }

  /** With the catalog cache and sold-out hint set to {@code caching} instead of the defaults the template uses. */
  CheckoutFixture(LocalAws aws, LocalResources res, PaymentGateway gateway, CheckoutCaching caching) {
    this(aws.dynamo(), res, gateway, 1000, 1000, 1000, caching);
  }

  /** The handler's stores talk to DynamoDB through {@code dynamo}, e.g. a proxy that injects faults. */
  CheckoutFixture(DynamoDbClient dynamo, LocalResources res, PaymentGateway gateway) {
    this(dynamo, res, gateway, 1000, 1000, 1000, CheckoutCaching.DEFAULT);
  }

  /**
   * The service is built as {@link CheckoutWiring} builds it, with {@code caching}: the template's
   * defaults unless a test changes catalog entries or returns seats and expects the very next
   * checkout to see it while the test clock stands still.
   */
  private CheckoutFixture(DynamoDbClient dynamo, LocalResources res, PaymentGateway gateway, int userLimit, int ipLimit,
      int emailLimit, CheckoutCaching caching) {
    this.dynamo = dynamo;
    this.table = res.table("BoxofficeTable");
    this.idempotencyTable = res.table("IdempotencyTable");
    this.catalog = new DynamoCatalog(dynamo, table);
    this.orders = new DynamoOrderStore(dynamo, table);
    this.payments = new DynamoOrderPayments(dynamo, table);
    this.breaker = CircuitBreaker.forPaymentProvider(clock);
    var settings = new CheckoutSettings("https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}",
        "https://shop.example/cancelled", Duration.ofMinutes(30), userLimit, ipLimit, emailLimit);
    var service = CheckoutWiring.service(catalog, orders, gateway, breaker, new DynamoRateLimiter(dynamo, table, clock),
        settings, caching, clock, new EmfCheckoutMetrics(metrics.metrics(), CheckoutWiring.FUNCTION));
    this.service = service;
    this.handler = handlerWith(FAKE_CODES);
    catalog.putEvent(new CatalogEvent(EVENT, "Test Night", "Hall", START.plus(Duration.ofDays(2)),
        START.plus(Duration.ofDays(2)).plus(Duration.ofHours(4)), START.plus(Duration.ofDays(2)), "eur", EventStatus.ON_SALE));
  }

  /** A handler on the same stores that renders codes with {@code codes}. */
  CheckoutHandler handlerWith(TicketCodes codes) {
    return new CheckoutHandler(new CheckoutApi(service, orders,
        new DynamoIdempotencyStore(dynamo, idempotencyTable, Duration.ofHours(24)), codes,
        new DynamoTicketCodeSettings(dynamo, table), clock),
        new HealthRoute(VERSION, () -> new DynamoTableProbe(dynamo, table)));
  }

  static PaymentGateway stripeAt(String baseUrl, Duration timeout) {
    return new StripePaymentGateway(StripePaymentGateway.client("sk_test_boxoffice", baseUrl, timeout, 0));
  }

  void ticketType(String id, int capacity, long price, int maxPerOrder) {
    catalog.putTicketType(new TicketType(EVENT, id, id.toUpperCase() + " ticket", price, "eur", capacity, 0, 0, capacity,
        maxPerOrder));
  }

  /**
   * A ticket type whose seats sit on shard items with these capacities (one per shard), as a
   * type big enough to be sharded has, but with the split chosen by the test.
   */
  void shardedTicketType(String id, long price, int maxPerOrder, int... shardCapacities) {
    int capacity = java.util.Arrays.stream(shardCapacities).sum();
    catalog.putTicketType(new TicketType(EVENT, id, id.toUpperCase() + " ticket", price, "eur", capacity, 0, 0, capacity,
        maxPerOrder), shardCapacities.length);
    for (int k = 0; k < shardCapacities.length; k++) {
      var key = Map.of("pk", AttributeValue.fromS("STOCK#" + EVENT + "#" + id + "#" + k), "sk", AttributeValue.fromS("STOCK"));
      var seats = AttributeValue.fromN(Integer.toString(shardCapacities[k]));
      dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #cap = :c, available = :c")
          .expressionAttributeNames(Map.of("#cap", "capacity")).expressionAttributeValues(Map.of(":c", seats)));
    }
  }

  /** held, sold, available of each shard of a sharded ticket type, in shard order. */
  List<int[]> shardInventory(String typeId, int shards) {
    List<int[]> out = new java.util.ArrayList<>();
    for (int k = 0; k < shards; k++) {
      var key = Map.of("pk", AttributeValue.fromS("STOCK#" + EVENT + "#" + typeId + "#" + k), "sk", AttributeValue.fromS("STOCK"));
      var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)).item();
      out.add(new int[] {n(item, "held"), n(item, "sold"), n(item, "available"), n(item, "capacity")});
    }
    return out;
  }

  /** held, sold, available of a ticket type. */
  int[] inventory(String typeId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + EVENT), "sk", AttributeValue.fromS("TYPE#" + typeId)))).item();
    return new int[] {n(item, "held"), n(item, "sold"), n(item, "available")};
  }

  long count(String pkPrefix) {
    return dynamo.scan(b -> b.tableName(table)).items().stream()
        .filter(i -> i.get("pk").s().startsWith(pkPrefix)).count();
  }

  long idempotencyRecords() {
    return dynamo.scan(b -> b.tableName(idempotencyTable)).count();
  }

  /** Answers stored under a key (records that completed), as opposed to claims given up. */
  long storedAnswers() {
    return dynamo.scan(b -> b.tableName(idempotencyTable)).items().stream()
        .filter(i -> i.containsKey("data")).count();
  }

  Map<String, AttributeValue> orderItem(String orderId) {
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER")))).item();
  }

  APIGatewayV2HTTPResponse post(String path, String body, String sub, String ip, Map<String, String> headers) {
    return handler.handleRequest(event("POST", path, "POST " + path, Map.of(), body, sub, ip, headers), null);
  }

  APIGatewayV2HTTPResponse checkout(String body, String sub) {
    return post("/v1/checkout", body, sub, "198.51.100.7", Map.of());
  }

  APIGatewayV2HTTPResponse getOrder(String orderId, String sub) {
    return handler.handleRequest(event("GET", "/v1/orders/" + orderId, "GET /v1/orders/{orderId}",
        Map.of("orderId", orderId), null, sub, "198.51.100.7", Map.of()), null);
  }

  APIGatewayV2HTTPResponse getGuestOrder(String orderId, String token) {
    return handler.handleRequest(event("GET", "/v1/guest/orders/" + orderId, "GET /v1/guest/orders/{orderId}",
        Map.of("orderId", orderId), null, null, "198.51.100.7", token == null ? Map.of() : Map.of("X-Order-Token", token)),
        null);
  }

  static String body(String typeId, int quantity) {
    return "{\"eventId\":\"" + EVENT + "\",\"items\":[{\"ticketTypeId\":\"" + typeId + "\",\"quantity\":" + quantity
        + "}],\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"}";
  }

  static APIGatewayV2HTTPEvent event(String method, String path, String routeKey, Map<String, String> pathParams,
      String body, String sub, String ip, Map<String, String> headers) {
    return HttpApiEvents.request(method, path).routeKey(routeKey).pathParameters(pathParams).body(body).subject(sub)
        .sourceIp(ip).headers(headers).build();
  }

  static JsonNode json(APIGatewayV2HTTPResponse r) {
    return HttpApiEvents.json(r);
  }

  private static int n(Map<String, AttributeValue> item, String name) {
    return Integer.parseInt(item.get(name).n());
  }
}
