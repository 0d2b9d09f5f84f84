package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.port.out.EventReminderStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The reminders' marks under their event, for one start of it ({@code <start>}: epoch seconds):
 * {@code EVENT#<eventId>} / {@code REMINDER#<start>#<userId>} ({@code state} CLAIMED or QUEUED,
 * {@code claimedAt}) and {@code EVENT#<eventId>} / {@code REMINDERS#<start>} ({@code cursor}: the
 * orders before it are done; {@code doneAt} once all its buyers were reminded; expiring a month
 * after the event). The upcoming events are found on the table's second index, {@code gsi2}
 * (event records carry {@code gsi2pk} = {@code STARTS#<yyyy-MM-dd>}, the UTC day of their start, and
 * {@code gsi2sk} = {@code startsAt}; {@link #startIndexKeys}): one query per day of the window,
 * never a scan of the table.
 */
public final class DynamoEventReminderStore implements EventReminderStore {
  static final String CLAIMED = "CLAIMED";
  static final String QUEUED = "QUEUED";
  static final String INDEX = OrderItems.SECOND_INDEX;
  private static final String DAY_PREFIX = "STARTS#";
  /** ISO text does not sort exactly by time (whole seconds print no fraction): read a second wider. */
  private static final Duration TEXT_MARGIN = Duration.ofSeconds(1);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEventReminderStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** The index key of an event starting at {@code startsAt}: its UTC day, {@code yyyy-MM-dd}. */
  public static String startDay(Instant startsAt) {
    return LocalDate.ofInstant(startsAt, ZoneOffset.UTC).toString();
  }

  /**
   * What an event record carries so the reminders find it on {@code gsi2}: its start's UTC day as
   * the partition ({@code STARTS#<yyyy-MM-dd>}) and its start, as the record writes it, as the sort.
   */
  public static Map<String, AttributeValue> startIndexKeys(Instant startsAt) {
    return Map.of(OrderItems.EVENT_BUCKET, s(DAY_PREFIX + startDay(startsAt)),
        OrderItems.SECOND_INDEX_SK, s(startsAt.toString()));
  }

  @Override
  public List<UpcomingEvent> startingBetween(Instant after, Instant upTo) {
    Instant from = after.minus(TEXT_MARGIN);
    Instant to = upTo.plus(TEXT_MARGIN);
    List<UpcomingEvent> out = new ArrayList<>();
    for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
        !day.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC)); day = day.plusDays(1)) {
      String key = DAY_PREFIX + day;
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> exclusive = start;
        var page = dynamo.query(b -> b.tableName(table).indexName(INDEX).exclusiveStartKey(exclusive)
            .keyConditionExpression(OrderItems.EVENT_BUCKET + " = :day AND " + OrderItems.SECOND_INDEX_SK
                + " BETWEEN :after AND :upTo")
            .expressionAttributeValues(Map.of(":day", s(key), ":after", s(from.toString()),
                ":upTo", s(to.toString()))));
        for (var item : page.items()) {
          String eventId = item.containsKey("eventId") ? item.get("eventId").s() : item.get("pk").s().substring(6);
          String name = item.containsKey("name") ? item.get("name").s() : eventId;
          out.add(new UpcomingEvent(eventId, name, Instant.parse(item.get("startsAt").s()),
              EventStatus.valueOf(item.get("status").s())));
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
    }
    return out;
  }

  @Override
  public Progress progress(String eventId, Instant startsAt) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(progressKey(eventId, startsAt))).item();
    if (item == null || item.isEmpty()) {
      return Progress.NONE;
    }
    return new Progress(item.containsKey("doneAt"), Optional.ofNullable(item.get("cursor")).map(AttributeValue::s));
  }

  @Override
  public Claim claim(String eventId, Instant startsAt, String userId, Instant at, Instant staleBefore) {
    Map<String, AttributeValue> item = new HashMap<>(markKey(eventId, startsAt, userId));
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
          .key(markKey(eventId, startsAt, userId))).item();
      return existing != null && existing.containsKey("state") && QUEUED.equals(existing.get("state").s())
          ? Claim.QUEUED : Claim.HELD;
    }
  }

  @Override
  public void queued(String eventId, Instant startsAt, String userId, Instant at) {
    dynamo.updateItem(b -> b.tableName(table).key(markKey(eventId, startsAt, userId))
        .updateExpression("SET #state = :queued, queuedAt = :at")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":queued", s(QUEUED), ":at", s(at.toString()))));
  }

  @Override
  public void advance(String eventId, Instant startsAt, String cursor, Instant expiresAt) {
    // Never over a done record: a late run's cursor must not make a finished event look unfinished.
    try {
      dynamo.updateItem(b -> b.tableName(table).key(progressKey(eventId, startsAt))
          .updateExpression("SET #cursor = :cursor, expiresAt = :expires")
          .conditionExpression("attribute_not_exists(doneAt)")
          .expressionAttributeNames(Map.of("#cursor", "cursor"))
          .expressionAttributeValues(Map.of(":cursor", s(cursor),
              ":expires", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
    } catch (ConditionalCheckFailedException done) {
      // Finished by another run meanwhile.
    }
  }

  @Override
  public void markDone(String eventId, Instant startsAt, Instant at, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(progressKey(eventId, startsAt));
    item.put("doneAt", s(at.toString()));
    item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  private static Map<String, AttributeValue> markKey(String eventId, Instant startsAt, String userId) {
    return key(eventId, "REMINDER#" + startsAt.getEpochSecond() + "#" + userId);
  }

  private static Map<String, AttributeValue> progressKey(String eventId, Instant startsAt) {
    return key(eventId, "REMINDERS#" + startsAt.getEpochSecond());
  }

  private static Map<String, AttributeValue> key(String eventId, String sk) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s(sk));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
