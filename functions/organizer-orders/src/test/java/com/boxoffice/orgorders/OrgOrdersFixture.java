package com.boxoffice.orgorders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoAuditLog;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerOrders;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.orgorders.EventCancellation;
import com.boxoffice.shared.domain.orgorders.OrderDesk;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The organizer-orders handler on DynamoDB Local and ElasticMQ, with events owned by
 * {@link #org}, paid orders issued through the real fulfilment write, and helpers that call the
 * routes as an organizer of {@link #org} or of {@link #other}.
 */
final class OrgOrdersFixture {
  static final Instant NOW = Instant.parse("2036-01-01T12:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final DynamoDbClient dynamo;
  final SqsClient sqs;
  final String table;
  final String emailQueue;
  final String pushQueue;
  final SignedTicketCodes codes;
  final SeededOrders seeded;
  final DynamoOrderPayments payments;
  final DynamoAuditLog audit;
  final OrganizerOrdersHandler handler;
  private final SecureRandom random = new SecureRandom();
  /** The organization the tests act for, and another one; fresh for every fixture, so audit logs start empty. */
  final String org = "org_" + HexFormat.of().formatHex(bytes(6));
  final String other = "org_" + HexFormat.of().formatHex(bytes(6));

  OrgOrdersFixture(LocalAws aws, LocalResources res) {
    this(aws, res, new InMemoryRefunds());
  }

  /** With the refunds port the desk refunds through (stripe-mock's, or one that fails on cue). */
  OrgOrdersFixture(LocalAws aws, LocalResources res, Refunds refunds) {
    this(aws, res, refunds, null);
  }

  /** With the organizer's order reads through {@code orders} (null: the table's own adapter). */
  OrgOrdersFixture(LocalAws aws, LocalResources res, Refunds refunds, OrganizerOrders orders) {
    this.dynamo = aws.dynamo();
    this.sqs = aws.sqs();
    this.table = res.table("BoxofficeTable");
    this.emailQueue = res.queueUrl("EmailQueue");
    this.pushQueue = res.queueUrl("PushQueue");
    this.codes = new SignedTicketCodes(SigningKeysSetting.parse(keysJson(), "QR_SIGNING_KEYS"));
    this.seeded = new SeededOrders(dynamo, table);
    this.payments = new DynamoOrderPayments(dynamo, table, codes);
    this.audit = new DynamoAuditLog(dynamo, table);
    var desk = new OrderDesk(new DynamoEventOwners(dynamo, table), new DynamoOrderStore(dynamo, table),
        orders != null ? orders : new DynamoOrganizerOrders(dynamo, table), audit, new EmailSqsOutbox(sqs, emailQueue),
        codes, refunds, clock);
    var cancellations = new EventCancellation(new DynamoEventOwners(dynamo, table), new DynamoOrderStore(dynamo, table),
        new DynamoOrganizerOrders(dynamo, table), refunds, new EmailSqsOutbox(sqs, emailQueue),
        new PushSqsOutbox(sqs, pushQueue), audit, clock, Duration.ofMinutes(5));
    this.handler = new OrganizerOrdersHandler(new OrganizerOrdersApi(desk, cancellations,
        new DynamoIdempotencyStore(dynamo, res.table("IdempotencyTable"), Duration.ofHours(24)), clock));
  }

  static String keysJson() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(b) + "\"}}}";
  }

  /** An event of {@code org} on sale, with one ticket type of 100 seats. */
  String event(String org) {
    return event(org, "evt-" + HexFormat.of().formatHex(bytes(4)));
  }

  /** An event with this id of {@code org} on sale, with one ticket type of 100 seats. */
  String event(String org, String eventId) {
    return event(org, eventId, 1);
  }

  /** An event with this id of {@code org} on sale, with one ticket type of 100 seats over {@code shards} counters. */
  String event(String org, String eventId, int shards) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("EVENT#" + eventId));
    item.put("sk", AttributeValue.fromS("EVENT"));
    item.put("eventId", AttributeValue.fromS(eventId));
    item.put("name", AttributeValue.fromS("Night " + eventId));
    item.put("status", AttributeValue.fromS("ON_SALE"));
    item.put("organizationId", AttributeValue.fromS(org));
    item.put("allowReentry", AttributeValue.fromBool(false));
    item.put("rotatingCodes", AttributeValue.fromBool(false));
    item.put("printedCodesAllowed", AttributeValue.fromBool(true));
    dynamo.putItem(b -> b.tableName(table).item(item));
    seeded.seedShardedTicketType(eventId, "ga", "General admission", 100, shards);
    return eventId;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A paid order of {@code quantity} tickets at 2500 each, with its tickets and fallback codes issued. */
  String paidOrder(String eventId, int quantity, String email) {
    String orderId = "ord_" + HexFormat.of().formatHex(bytes(12));
    String session = "cs_" + orderId;
    long amount = 2500L * quantity;
    seeded.seedPendingOrder(orderId, eventId, "ga", quantity, session, NOW.plus(Duration.ofMinutes(30)), email, amount);
    payments.paid(new PaymentConfirmation(orderId, session, "pi_" + orderId, amount, "eur", NOW));
    return orderId;
  }

  /** The ticket type's item: {@code sold}, {@code available}. */
  Map<String, AttributeValue> ticketType(String eventId) {
    return seeded.ticketType(eventId, "ga");
  }

  Ticket ticket(String ticketId) {
    return TicketItems.fromItem(ticketItem(ticketId));
  }

  Map<String, AttributeValue> ticketItem(String ticketId) {
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(TicketItems.key(ticketId))).item();
  }

  /** Every item in the table, to show that a request changed nothing. */
  List<Map<String, AttributeValue>> everything() {
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
      all.addAll(page.items());
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return all;
  }

  List<AuditEntry> auditOf(String org) {
    return audit.list(org, Optional.empty(), 100).entries();
  }

  /** Email jobs for the order waiting on the queue (read once: they stay hidden for 30 s after). */
  List<EmailJob> emailJobs(String orderId) {
    return emailJobs().stream().filter(j -> orderId.equals(j.variables().get("orderId"))).toList();
  }

  /** Email jobs waiting on the queue (read once: they stay hidden for 30 s after). */
  List<EmailJob> emailJobs() {
    List<EmailJob> jobs = new ArrayList<>();
    while (true) {
      var messages = sqs.receiveMessage(b -> b.queueUrl(emailQueue).maxNumberOfMessages(10).visibilityTimeout(30))
          .messages();
      if (messages.isEmpty()) {
        return jobs;
      }
      messages.forEach(m -> jobs.add(Json.read(m.body(), EmailJob.class)));
    }
  }

  /** Push notifications waiting on the push queue (read once: they stay hidden for 30 s after). */
  List<PushNotification> pushes() {
    List<PushNotification> all = new ArrayList<>();
    while (true) {
      var messages = sqs.receiveMessage(b -> b.queueUrl(pushQueue).maxNumberOfMessages(10).visibilityTimeout(30))
          .messages();
      if (messages.isEmpty()) {
        return all;
      }
      messages.forEach(m -> all.add(Json.read(m.body(), PushNotification.class)));
    }
  }

  APIGatewayV2HTTPResponse call(String org, String method, String path, String body) {
    return call(org, method, path, body, null);
  }

  APIGatewayV2HTTPResponse call(String org, String method, String path, String body, String idempotencyKey) {
    return new Caller(handler, org).call(method, path, body, idempotencyKey);
  }

  /** Calls a handler as an organizer of one organization, the way the HTTP API passes a request on. */
  record Caller(OrganizerOrdersHandler handler, String org) {
    APIGatewayV2HTTPResponse call(String method, String path, String body, String idempotencyKey) {
      String raw = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      var builder = HttpApiEvents.request(method, raw).routeKey("$default").claims(Map.of("sub", "person-" + org,
          "scope", "organizer", "org", org));
      if (body != null) {
        builder.body(body);
      }
      if (idempotencyKey != null) {
        builder.headers(Map.of("Idempotency-Key", idempotencyKey));
      }
      APIGatewayV2HTTPEvent event = builder.build();
      if (path.contains("?")) {
        Map<String, String> query = new HashMap<>();
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
          int eq = pair.indexOf('=');
          query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
              java.nio.charset.StandardCharsets.UTF_8));
        }
        event.setQueryStringParameters(query);
      }
      return handler.handleRequest(event, null);
    }
  }

  static JsonNode json(APIGatewayV2HTTPResponse response) {
    return HttpApiEvents.json(response);
  }
}
