package com.boxoffice.anomalies;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An event and its scan log written in the table as docs/data-model.md describes them. */
final class ScanLogFixture {
  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  final DynamoDbClient dynamo;
  final String table;
  int nonce;

  ScanLogFixture(LocalAws aws, LocalResources res) {
    this.dynamo = aws.dynamo();
    this.table = res.table("BoxofficeTable");
  }

  void event(String eventId, String organizationId, Instant startsAt) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"),
        "eventId", s(eventId), "organizationId", s(organizationId), "startsAt", s(startsAt.toString()),
        "endsAt", s(startsAt.plus(Duration.ofHours(4)).toString()), "status", s("ON_SALE"))));
  }

  /** One scan log entry; {@code ticketId} null for a code that named no ticket. */
  void scan(String eventId, String ticketId, String scanner, String gate, Instant at, String result, String reason) {
    String n = "n-" + (++nonce);
    Map<String, AttributeValue> item = new HashMap<>();
    if (ticketId != null) {
      item.put("pk", s("TICKET#" + ticketId));
      item.put("gsi1pk", s("SCANS#" + eventId));
      item.put("gsi1sk", s(at.toString()));
      item.put("ticketId", s(ticketId));
    } else {
      item.put("pk", s("SCANLOG#" + eventId + "#" + HOUR.format(at)));
    }
    item.put("sk", s("SCAN#" + at + "#" + n + "#" + scanner));
    item.put("type", s("scan"));
    item.put("eventId", s(eventId));
    item.put("scannerId", s(scanner));
    item.put("gate", s(gate));
    item.put("direction", s("entry"));
    item.put("nonce", s(n));
    item.put("scannedAt", s(at.toString()));
    item.put("result", s(result));
    if (reason != null) {
      item.put("reason", s(reason));
    }
    item.put("replayed", AttributeValue.fromBool(false));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
