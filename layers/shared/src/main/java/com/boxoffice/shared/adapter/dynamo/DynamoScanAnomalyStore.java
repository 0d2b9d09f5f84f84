package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.domain.anomaly.ScanRecord;
import com.boxoffice.shared.port.out.ScanAnomalyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ScanAnomalyStore} on the table (docs/data-model.md): events found by a filtered scan of
 * the event items (few, and read once a minute); scan log entries of known tickets from
 * {@code gsi1} ({@code SCANS#<eventId>}), those that named no ticket from the hourly
 * {@code SCANLOG#<eventId>#<hour>} partitions; a ticket's admissions from its own partition; the
 * watermark as {@code ANOMALY#<eventId>} / {@code WATERMARK}, and each anomaly as
 * {@code ANOMALY#<eventId>} / {@code ENTRY#<anomaly id>}, written on condition that it is new.
 *
 * <p>The event items have no index of their own, so finding the events is a filtered scan of the
 * table; its answer is kept for {@link #EVENTS_TTL} per container, so a function run every minute
 * scans the table about every ten minutes rather than every run (docs/door.md).
 */
public final class DynamoScanAnomalyStore implements ScanAnomalyStore {
  /** Tickets admit from 6 hours before their event to 6 hours after it. */
  static final Duration DOOR_MARGIN = Duration.ofHours(6);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  /** How long the list of events whose doors may be open is reused. */
  public static final Duration EVENTS_TTL = Duration.ofMinutes(10);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration eventsTtl;
  private List<String> events;
  private Instant eventsReadAt;

  public DynamoScanAnomalyStore(DynamoDbClient dynamo, String table) {
    this(dynamo, table, Duration.ZERO);
  }

  /** Reusing the list of events for {@code eventsTtl} after it was read. */
  public DynamoScanAnomalyStore(DynamoDbClient dynamo, String table, Duration eventsTtl) {
    this.dynamo = dynamo;
    this.table = table;
    this.eventsTtl = eventsTtl;
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  @Override
  public synchronized List<String> activeEvents(Instant at) {
    if (events == null || eventsReadAt == null || !at.isBefore(eventsReadAt.plus(eventsTtl)) || at.isBefore(eventsReadAt)) {
      // read a margin of the reuse time wider, so an event whose door opens meanwhile is not missed
      events = readActiveEvents(at, eventsTtl);
      eventsReadAt = at;
    }
    return events;
  }

  private List<String> readActiveEvents(Instant at, Duration ahead) {
    List<String> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from)
          .filterExpression("sk = :event AND startsAt <= :late AND endsAt >= :early")
          .projectionExpression("eventId, pk")
          .expressionAttributeValues(Map.of(":event", s("EVENT"), ":late", s(at.plus(DOOR_MARGIN).plus(ahead).toString()),
              ":early", s(at.minus(DOOR_MARGIN).toString()))));
      for (var item : page.items()) {
        out.add(item.containsKey("eventId") ? item.get("eventId").s() : item.get("pk").s().substring("EVENT#".length()));
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return List.copyOf(out);
  }

  @Override
  public List<ScanRecord> scans(String eventId, Instant from, Instant upTo) {
    List<ScanRecord> out = new ArrayList<>();
    // ISO text does not sort exactly by time (whole seconds print no fraction): read a second wider, filter by time
    query(QueryRequest.builder().tableName(table).indexName("gsi1")
        .keyConditionExpression("gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b")
        .expressionAttributeValues(Map.of(":pk", s("SCANS#" + eventId), ":a", s(from.minusSeconds(1).toString()),
            ":b", s(upTo.plusSeconds(1).toString()))).build(), out, from, upTo);
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(upTo); hour = hour.plus(Duration.ofHours(1))) {
      query(QueryRequest.builder().tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :scan)")
          .expressionAttributeValues(Map.of(":pk", s("SCANLOG#" + eventId + "#" + HOUR.format(hour)),
              ":scan", s("SCAN#"))).build(), out, from, upTo);
    }
    return out;
  }

  private void query(QueryRequest request, List<ScanRecord> out, Instant from, Instant upTo) {
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page = dynamo.query(start == null ? request : request.toBuilder().exclusiveStartKey(start).build());
      for (var item : page.items()) {
        ScanRecord r = record(item);
        if (r != null && r.scannedAt().isAfter(from) && !r.scannedAt().isAfter(upTo)) {
          out.add(r);
        }
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
  }

  private static ScanRecord record(Map<String, AttributeValue> item) {
    if (!item.containsKey("scannedAt") || !item.containsKey("eventId") || !item.containsKey("result")) {
      return null;
    }
    return new ScanRecord(str(item, "eventId"), str(item, "ticketId"), str(item, "scannerId"), str(item, "gate"),
        str(item, "direction"), str(item, "nonce"), Instant.parse(str(item, "scannedAt")), str(item, "result"),
        str(item, "reason"), item.containsKey("replayed") && Boolean.TRUE.equals(item.get("replayed").bool()));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  @Override
  public Optional<ScanRecord> lastAdmission(String ticketId, Instant before) {
    List<ScanRecord> all = new ArrayList<>();
    query(QueryRequest.builder().tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :scan)")
        .expressionAttributeValues(Map.of(":pk", s("TICKET#" + ticketId), ":scan", s("SCAN#"))).build(),
        all, Instant.EPOCH, before.minusNanos(1));
    return all.stream().filter(r -> "entry".equals(r.direction()) && "ok".equals(r.result()))
        .max((a, b) -> a.scannedAt().compareTo(b.scannedAt()));
  }

  private static Map<String, AttributeValue> watermarkKey(String eventId) {
    return Map.of("pk", s("ANOMALY#" + eventId), "sk", s("WATERMARK"));
  }

  @Override
  public Optional<Instant> watermark(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(watermarkKey(eventId))).item();
    return item == null || !item.containsKey("upTo") ? Optional.empty() : Optional.of(Instant.parse(item.get("upTo").s()));
  }

  @Override
  public void advanceWatermark(String eventId, Instant upTo) {
    Map<String, AttributeValue> item = new HashMap<>(watermarkKey(eventId));
    item.put("upTo", s(upTo.toString()));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public boolean record(Anomaly a) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("ANOMALY#" + a.eventId()));
    item.put("sk", s("ENTRY#" + a.id()));
    item.put("type", s("anomaly"));
    item.put("eventId", s(a.eventId()));
    item.put("kind", s(a.kind().wire()));
    item.put("subject", s(a.subject()));
    item.put("at", s(a.at().toString()));
    item.put("scans", AttributeValue.fromN(Integer.toString(a.scans())));
    item.put("gates", AttributeValue.fromL(a.gates().stream().map(AttributeValue::fromS).toList()));
    item.put("detail", s(a.detail()));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public List<Anomaly> list(String eventId, int limit) {
    var items = dynamo.query(b -> b.tableName(table).scanIndexForward(false).limit(limit)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :entry)")
        .expressionAttributeValues(Map.of(":pk", s("ANOMALY#" + eventId), ":entry", s("ENTRY#")))).items();
    List<Anomaly> out = new ArrayList<>();
    for (var item : items) {
      out.add(new Anomaly(str(item, "eventId"), Anomaly.kindOf(str(item, "kind")), str(item, "subject"),
          Instant.parse(str(item, "at")), Integer.parseInt(item.get("scans").n()),
          item.get("gates").l().stream().map(AttributeValue::s).toList(), str(item, "detail")));
    }
    return out;
  }
}
