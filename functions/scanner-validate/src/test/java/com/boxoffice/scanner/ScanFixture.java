package com.boxoffice.scanner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.ScanLogProjection;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import com.boxoffice.shared.metrics.EmfScanMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A scanner-validate handler on DynamoDB Local, with helpers to seed events, scanners and tickets. */
final class ScanFixture {
  /**
   * Later than the real clock on purpose: DynamoDB Local applies TTL against real time, so
   * rate-limit windows stamped with an earlier test time could vanish under the test.
   */
  static final Instant START = Instant.parse("2036-06-01T18:00:00Z");
  static final String EVENT = "evt-test";
  static final String OTHER_EVENT = "evt-other";

  final MutableClock clock = new MutableClock(START);
  /** The metric lines the scans wrote. */
  final EmfCapture metrics = new EmfCapture(clock);
  final DynamoDbClient dynamo;
  final String table;
  final DynamoStreamReader stream;
  final TableStream projections;
  SignedTicketCodes codes;
  ScannerValidateHandler handler;
  private final Random random = new Random(42);

  ScanFixture(LocalAws aws, LocalResources res) {
    this(aws, res, keysJson(Map.of("k1", secret()), "k1", Map.of()), 360);
  }

  ScanFixture(LocalAws aws, LocalResources res, String keysJson, int limitPerMinute) {
    this.dynamo = aws.dynamo();
    this.table = res.table("BoxofficeTable");
    this.stream = new DynamoStreamReader(dynamo, aws.dynamoStreams(), table);
    this.projections = new TableStream(List.of(new ScanLogProjection(new DynamoDoorStore(dynamo, table))));
    rekey(keysJson, limitPerMinute);
  }

  /**
   * Runs the scan-log projection over everything the table's stream holds that it has not seen,
   * as the stream consumer function does in AWS: the log entries of admissions and exits.
   */
  void drainStream() {
    projections.apply(stream.poll()).ifPresent(failed -> {
      throw new AssertionError("stream record " + failed + " failed");
    });
  }

  /** Replaces the handler with one configured with other keys (as a redeploy with a new secret would). */
  void rekey(String keysJson, int limitPerMinute) {
    this.codes = new SignedTicketCodes(SigningKeysSetting.parse(keysJson, "QR_SIGNING_KEYS"));
    this.handler = new ScannerValidateHandler(ScanApi.wire(codes, new DynamoDoorStore(dynamo, table),
        new DynamoRateLimiter(dynamo, table, clock), limitPerMinute, DoorRulesCache.DEFAULT_TTL, clock,
        new EmfScanMetrics(metrics.metrics(), ScanApi.FUNCTION)));
  }

  static String secret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  static String keysJson(Map<String, String> secrets, String active, Map<String, Instant> notAfter) {
    StringBuilder keys = new StringBuilder();
    for (var e : secrets.entrySet()) {
      if (!keys.isEmpty()) {
        keys.append(',');
      }
      keys.append('"').append(e.getKey()).append("\":{\"secret\":\"").append(e.getValue()).append('"');
      if (notAfter.containsKey(e.getKey())) {
        keys.append(",\"notAfter\":\"").append(notAfter.get(e.getKey())).append('"');
      }
      keys.append('}');
    }
    return "{\"active\":\"" + active + "\",\"keys\":{" + keys + "}}";
  }

  void event(String eventId, boolean allowReentry, boolean rotating, boolean printedAllowed) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("EVENT#" + eventId));
    item.put("sk", AttributeValue.fromS("EVENT"));
    item.put("eventId", AttributeValue.fromS(eventId));
    item.put("name", AttributeValue.fromS("Test night"));
    item.put("allowReentry", AttributeValue.fromBool(allowReentry));
    item.put("rotatingCodes", AttributeValue.fromBool(rotating));
    item.put("printedCodesAllowed", AttributeValue.fromBool(printedAllowed));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  void setEventStatus(String eventId, String status) {
    dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId),
            "sk", AttributeValue.fromS("EVENT")))
        .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
  }

  /** Every item in the table, to show that a request wrote nothing. */
  int itemCount() {
    return dynamo.scan(b -> b.tableName(table).select("COUNT").consistentRead(true)).count();
  }

  /** Scan-log entries of codes that named no ticket, in the hour of {@code at}. */
  List<Map<String, AttributeValue>> anonymousScanLog(String eventId, Instant at) {
    String hour = at.toString().substring(0, 13);
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SCANLOG#" + eventId + "#" + hour)))
        .consistentRead(true)).items();
  }

  void assign(String scannerId, String eventId, boolean revoked) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("SCANNER#" + scannerId), "sk", AttributeValue.fromS("EVENT#" + eventId),
        "scannerId", AttributeValue.fromS(scannerId), "eventId", AttributeValue.fromS(eventId),
        "revoked", AttributeValue.fromBool(revoked))));
  }

  /** A new order id in checkout's format. */
  String orderId() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return "ord_" + HexFormat.of().formatHex(b);
  }

  /** Issues (stores) a valid ticket of {@code eventId} valid from an hour before now to six hours after. */
  Ticket issue(String eventId) {
    return issue(eventId, TicketStatus.VALID);
  }

  Ticket issue(String eventId, TicketStatus status) {
    String orderId = orderId();
    Ticket t = new Ticket(Ticket.idFor(orderId, 1), eventId, orderId, 1, "general", "General admission", "Ada Lovelace",
        status, clock.instant(), clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofHours(6)));
    store(t);
    return t;
  }

  void store(Ticket t) {
    dynamo.putItem(b -> b.tableName(table).item(TicketItems.toItem(t)));
    dynamo.putItem(b -> b.tableName(table).item(DynamoDoorStore.fallbackItem(t.eventId(), codes.fallbackCodeFor(t),
        t.ticketId(), t.validFrom(), t.validUntil())));
  }

  void setStatus(String ticketId, TicketStatus status) {
    dynamo.updateItem(b -> b.tableName(table).key(TicketItems.key(ticketId))
        .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name()))));
  }

  Map<String, AttributeValue> ticketItem(String ticketId) {
    return dynamo.getItem(b -> b.tableName(table).key(TicketItems.key(ticketId)).consistentRead(true)).item();
  }

  /** Scan-log entries written for a ticket, the stream's included. */
  List<Map<String, AttributeValue>> scanLog(String ticketId) {
    drainStream();
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :scan)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TICKET#" + ticketId),
            ":scan", AttributeValue.fromS("SCAN#"))).consistentRead(true)).items();
  }

  APIGatewayV2HTTPResponse scan(String scannerId, String code, String eventId, String direction, String nonce) {
    return handler.handleRequest(event(scannerId, body(code, eventId, direction, nonce, "north")), null);
  }

  APIGatewayV2HTTPResponse entry(String scannerId, String code) {
    return scan(scannerId, code, EVENT, "entry", UUID.randomUUID().toString());
  }

  static String body(String code, String eventId, String direction, String nonce, String gate) {
    Map<String, String> b = new HashMap<>();
    b.put("code", code);
    b.put("eventId", eventId);
    b.put("direction", direction);
    b.put("nonce", nonce);
    b.put("gate", gate);
    return Json.write(b);
  }

  /** A scan by a scanner device: its token carries the {@code scanner} scope. */
  static APIGatewayV2HTTPEvent event(String sub, String body) {
    return event(sub == null ? null : Map.of("sub", sub, "scope", "scanner"), body);
  }

  /** A scan with exactly these verified claims (null: no token at all). */
  static APIGatewayV2HTTPEvent event(Map<String, String> claims, String body) {
    return HttpApiEvents.request("POST", "/v1/scans").claims(claims).body(body).build();
  }

  static JsonNode json(APIGatewayV2HTTPResponse r) {
    return HttpApiEvents.json(r);
  }

  static String result(APIGatewayV2HTTPResponse r) {
    if (r.getStatusCode() != 200) {
      throw new AssertionError("expected 200, got " + r.getStatusCode() + " " + r.getBody());
    }
    return json(r).path("result").asText();
  }
}
