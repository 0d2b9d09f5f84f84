package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.port.out.EventReminderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The reminders' marks under their event: {@code EVENT#<eventId>} / {@code REMINDER#<userId>}
 * ({@code state} CLAIMED or QUEUED, {@code claimedAt}) and {@code EVENT#<eventId>} /
 * {@code REMINDERS} once all its buyers were reminded (expiring a month after the event). The
 * upcoming events are found with a filtered Scan of the event records, as the scan anomaly
 * detector finds the events whose doors are open (there are few of them, and the table has no
 * index of events by start time whatever their status).
 */
public final class DynamoEventReminderStore implements EventReminderStore {
  static final String CLAIMED = "CLAIMED";
  static final String QUEUED = "QUEUED";
  /** ISO text does not sort exactly by time (whole seconds print no fraction): read a second wider. */
  private static final Duration TEXT_MARGIN = Duration.ofSeconds(1);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEventReminderStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public List<UpcomingEvent> startingBetween(Instant after, Instant upTo) {
    List<UpcomingEvent> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from)
          .filterExpression("sk = :event AND startsAt BETWEEN :after AND :upTo")
          .projectionExpression("pk, eventId, #name, startsAt, #status")
          .expressionAttributeNames(Map.of("#name", "name", "#status", "status"))
          .expressionAttributeValues(Map.of(":event", s("EVENT"), ":after", s(after.minus(TEXT_MARGIN).toString()),
              ":upTo", s(upTo.plus(TEXT_MARGIN).toString()))));
      for (var item : page.items()) {
        String eventId = item.containsKey("eventId") ? item.get("eventId").s() : item.get("pk").s().substring(6);
        String name = item.containsKey("name") ? item.get("name").s() : eventId;
        out.add(new UpcomingEvent(eventId, name, Instant.parse(item.get("startsAt").s()),
            EventStatus.valueOf(item.get("status").s())));
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  @Override
  public boolean done(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(eventId, "REMINDERS"))).item();
    return item != null && !item.isEmpty();
  }

  @Override
  public Claim claim(String eventId, String userId, Instant at, Instant staleBefore) {
    Map<String, AttributeValue> item = new HashMap<>(key(eventId, "REMINDER#" + userId));
    item.put("state", s(CLAIMED));
    item.put("claimedAt", s(at.toString()));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :stale)")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":stale", s(staleBefore.toString()))));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException taken) {
      var existing = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
          .key(key(eventId, "REMINDER#" + userId))).item();
      return existing != null && existing.containsKey("state") && QUEUED.equals(existing.get("state").s())
          ? Claim.QUEUED : Claim.HELD;
    }
  }

  @Override
  public void queued(String eventId, String userId, Instant at) {
    dynamo.updateItem(b -> b.tableName(table).key(key(eventId, "REMINDER#" + userId))
        .updateExpression("SET #state = :queued, queuedAt = :at")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":queued", s(QUEUED), ":at", s(at.toString()))));
  }

  @Override
  public void markDone(String eventId, Instant at, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(eventId, "REMINDERS"));
    item.put("doneAt", s(at.toString()));
    item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  private static Map<String, AttributeValue> key(String eventId, String sk) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s(sk));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
