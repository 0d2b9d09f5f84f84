package com.boxoffice.bench;

import com.boxoffice.scanner.ScanApi;
import com.boxoffice.scanner.ScannerValidateHandler;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.port.out.ScanMetrics;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.ScanLogProjection;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.testkit.LocalAws;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One event at the door on the local stack: the event's door rules, scanners assigned to it,
 * and as many valid tickets as a run needs, each with its signed code. The handler is wired the
 * way {@code ScanApi.fromEnv} wires it, with the real clock; only the per-scanner limit is raised
 * (a benchmark scanner scans far faster than a person), which does not change the work per scan.
 */
final class DoorSetup {
  static final String EVENT = "evt-bench";
  static final int SCANNERS = 64;
  static final int LIMIT_PER_MINUTE = 1_000_000;

  final BenchStack stack;
  final LocalResources res;
  final String table;
  final String keysJson;
  final SignedTicketCodes codes;
  final Clock clock = Clock.systemUTC();
  private final Instant issuedAt = Instant.now();
  private final List<String> ticketIds = new ArrayList<>();
  private final List<String> ticketCodes = new ArrayList<>();

  /** The door's table with its stream on, as deployed. */
  DoorSetup(BenchStack stack) {
    this(stack, true);
  }

  /** @param streams whether the table keeps its stream (see BenchStack#freshResources for the cost) */
  DoorSetup(BenchStack stack, boolean streams) {
    this.stack = stack;
    this.res = streams ? stack.freshResourcesWithStreams() : stack.freshResources();
    this.table = res.table("BoxofficeTable");
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (i * 7 + 3);
    }
    this.keysJson = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(secret)
        + "\"}}}";
    this.codes = new SignedTicketCodes(SigningKeysSetting.parse(keysJson, "QR_SIGNING_KEYS"));
    DynamoDbClient d = stack.admin;
    d.putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + EVENT), "sk", AttributeValue.fromS("EVENT"),
        "eventId", AttributeValue.fromS(EVENT), "name", AttributeValue.fromS("Bench night"),
        "allowReentry", AttributeValue.fromBool(false), "rotatingCodes", AttributeValue.fromBool(false),
        "printedCodesAllowed", AttributeValue.fromBool(true))));
    for (int s = 0; s < SCANNERS; s++) {
      String id = scanner(s);
      d.putItem(b -> b.tableName(table).item(Map.of(
          "pk", AttributeValue.fromS("SCANNER#" + id), "sk", AttributeValue.fromS("EVENT#" + EVENT),
          "scannerId", AttributeValue.fromS(id), "eventId", AttributeValue.fromS(EVENT),
          "revoked", AttributeValue.fromBool(false))));
    }
  }

  static String scanner(int i) {
    return "scanner-" + i;
  }

  Ticket ticket(int i) {
    String orderId = String.format("ord_%024x", i);
    return new Ticket(Ticket.idFor(orderId, 1), EVENT, orderId, 1, "general", "General admission", "Ada Lovelace",
        TicketStatus.VALID, issuedAt, issuedAt.minus(Duration.ofHours(1)), issuedAt.plus(Duration.ofHours(8)));
  }

  int tickets() {
    return ticketIds.size();
  }

  /** Adds {@code n} valid, never scanned tickets; returns the index of the first. */
  int addTickets(int n) {
    int from = ticketIds.size();
    for (int i = from; i < from + n; i++) {
      Ticket t = ticket(i);
      ticketIds.add(t.ticketId());
      ticketCodes.add(codes.codeFor(t));
    }
    Seeder.put(stack.admin, table, from, from + n, 4, i -> List.of(TicketItems.toItem(ticket(i))));
    return from;
  }

  String ticketId(int i) {
    return ticketIds.get(i);
  }

  String code(int i) {
    return ticketCodes.get(i);
  }

  /** A handler with its own metered DynamoDB client, as one Lambda container would have. */
  ScannerValidateHandler handler() {
    return handler(true);
  }

  /**
   * A handler with its own DynamoDB client; a metered one asks DynamoDB for the consumed capacity
   * of each call, which the timed runs leave out so both sides send the same requests.
   */
  ScannerValidateHandler handler(boolean metered) {
    DynamoDbClient d = stack.dynamo(metered);
    return new ScannerValidateHandler(ScanApi.wire(codes, new DynamoDoorStore(d, table),
        new DynamoRateLimiter(d, table, clock), LIMIT_PER_MINUTE, DoorRulesCache.DEFAULT_TTL, clock, ScanMetrics.none()));
  }

  /**
   * Runs the scan-log projection of {@code process-table-stream} over everything in the table's
   * stream, with a metered client for its writes, as the event source mapping would.
   *
   * @return the number of stream records read
   */
  int drainStream() {
    try (var streams = DynamoDbStreamsClient.builder().endpointOverride(stack.dynamoEndpoint)
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS)
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
      var reader = new DynamoStreamReader(stack.admin, streams, table);
      var projection = new TableStream(List.of(new ScanLogProjection(new DynamoDoorStore(stack.dynamo(true), table))));
      int read = 0;
      while (true) {
        var batch = reader.poll();
        if (batch.isEmpty()) {
          return read;
        }
        read += batch.size();
        projection.apply(batch).ifPresent(failed -> {
          throw new IllegalStateException("stream record " + failed + " failed");
        });
      }
    }
  }

  /** Scan-log entries of admissions at the bench's event. */
  int admissionsLogged() {
    int n = 0;
    for (var page : stack.admin.queryPaginator(b -> b.tableName(table).indexName("gsi1")
        .keyConditionExpression("gsi1pk = :pk").filterExpression("#r = :ok")
        .expressionAttributeNames(Map.of("#r", "result"))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SCANS#" + EVENT),
            ":ok", AttributeValue.fromS("ok"))).select("COUNT"))) {
      n += page.count();
    }
    return n;
  }
}
