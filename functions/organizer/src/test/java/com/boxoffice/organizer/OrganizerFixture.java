package com.boxoffice.organizer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoAuditLog;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorDevices;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.domain.organizer.DoorDeviceService;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.SigningKeyService;
import com.boxoffice.shared.port.out.SigningKeyStore;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An organizer handler on DynamoDB Local, and requests as two organizations' organizers send them. */
final class OrganizerFixture {
  /** Later than the real clock: DynamoDB Local applies TTL (idempotency records) against real time. */
  static final Instant START = Instant.parse("2036-06-01T18:00:00Z");
  static final String ORG = "org_alpha";
  static final String OTHER_ORG = "org_beta";

  final MutableClock clock = new MutableClock(START);
  final DynamoDbClient dynamo;
  final String table;
  final String idempotencyTable;
  final OrganizerHandler handler;
  /** Whether every request moves the clock on by a second, so audit entries have distinct times. */
  boolean stepClock;

  OrganizerFixture(LocalAws aws, LocalResources res) {
    this(aws, res, null, null);
  }

  /**
   * With the deployment's ticket-code signing keys in {@code keys}, which organization
   * {@code keyOwner} may rotate; without keys ({@code null}) the rotation route is not configured.
   */
  OrganizerFixture(LocalAws aws, LocalResources res, SigningKeyStore keys, String keyOwner) {
    this.dynamo = aws.dynamo();
    this.table = res.table("BoxofficeTable");
    this.idempotencyTable = res.table("IdempotencyTable");
    var auditLog = new DynamoAuditLog(dynamo, table);
    Optional<SigningKeyService> rotation = Optional.ofNullable(keys).map(store -> new SigningKeyService(store,
        auditLog, clock, new SecureRandom(), Optional.ofNullable(keyOwner)));
    this.handler = new OrganizerHandler(new OrganizerApi(
        new OrganizerService(new DynamoOrganizerEvents(dynamo, table), clock),
        new DoorDeviceService(new DynamoDoorDevices(dynamo, table), new DynamoEventOwners(dynamo, table), clock),
        auditLog, new DynamoIdempotencyStore(dynamo, idempotencyTable, Duration.ofHours(24)), rotation, clock));
  }

  static Map<String, String> organizer(String org) {
    return Map.of("sub", "alice@" + org, "scope", "organizer", "org", org);
  }

  APIGatewayV2HTTPResponse call(String method, String path, String body) {
    return call(organizer(ORG), method, path, body, Map.of());
  }

  APIGatewayV2HTTPResponse call(Map<String, String> claims, String method, String path, String body,
      Map<String, String> headers) {
    String raw = path;
    Map<String, String> query = new HashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      raw = path.substring(0, q);
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        query.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    var event = HttpApiEvents.request(method, raw).routeKey("$default").claims(claims).body(body).headers(headers)
        .build();
    event.setQueryStringParameters(query.isEmpty() ? null : query);
    event.setRawQueryString(q >= 0 ? path.substring(q + 1) : null);
    if (stepClock) {
      clock.advance(Duration.ofSeconds(1));
    }
    return handler.handleRequest(event, null);
  }

  JsonNode ok(String method, String path, String body) {
    APIGatewayV2HTTPResponse r = call(method, path, body);
    if (r.getStatusCode() >= 300) {
      throw new AssertionError(method + " " + path + " -> " + r.getStatusCode() + " " + r.getBody());
    }
    return HttpApiEvents.json(r);
  }

  static String eventBody(String name) {
    return """
        {"name":"%s","venue":"Hall 1","timeZone":"Europe/Berlin","startsAt":"2036-07-01T18:00:00Z",
         "endsAt":"2036-07-01T23:00:00Z","currency":"eur"}""".formatted(name);
  }

  /** Creates an event with one ticket type of {@code capacity} seats; returns {eventId, ticketTypeId}. */
  String[] eventWithType(int capacity) {
    String eventId = ok("POST", "/v1/org/events", eventBody("Night")).get("eventId").asText();
    String typeId = ok("POST", "/v1/org/events/" + eventId + "/ticket-types",
        "{\"name\":\"General\",\"price\":2500,\"capacity\":" + capacity + ",\"maxPerOrder\":10}")
        .get("ticketTypeId").asText();
    return new String[] {eventId, typeId};
  }

  /** Every item of both tables, as text, to show that a request changed nothing. */
  String snapshot() {
    return snapshot(List.of(table, idempotencyTable));
  }

  /** Every item of the main table, as text. */
  String mainTable() {
    return snapshot(List.of(table));
  }

  private String snapshot(List<String> tables) {
    StringBuilder out = new StringBuilder();
    for (String t : tables) {
      List<String> items = dynamo.scan(b -> b.tableName(t).consistentRead(true)).items().stream()
          .map(i -> new TreeMap<>(i).toString()).sorted().toList();
      out.append(t).append('\n').append(String.join("\n", items));
    }
    return out.toString();
  }

  static Map<String, String> map(Object... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (String) kv[i + 1]);
    }
    return m;
  }

  static String fields(JsonNode error) {
    return error.path("error").path("fields").toString();
  }

  static String joined(List<String> list) {
    return list.stream().collect(Collectors.joining(","));
  }
}
