package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Delta;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import com.boxoffice.shared.port.out.AnalyticsStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link AnalyticsStore} in the business table. Slots are items {@code ANALYTICS#<eventId>} /
 * {@code TOTALS | TYPE#<id> | HOUR#<yyyy-MM-ddTHH>} with one number attribute per counter, a
 * version {@code v} and {@code appliedAt}. A change is applied in one {@code TransactWriteItems}:
 * a marker {@code CHANGE#<changeId>} / {@code APPLIED} put only if absent (kept two days, past the
 * stream's 24-hour retention) and one {@code ADD} per slot, so a repeated change fails the marker's
 * condition and writes nothing. The watermark is {@code CHANGE#WATERMARK} / {@code APPLIED_THROUGH}.
 */
public final class DynamoAnalyticsStore implements AnalyticsStore {
  static final Duration MARKER_KEPT = Duration.ofDays(2);
  private static final int CONFLICT_ATTEMPTS = 4;
  private static final String WATERMARK_PK = "CHANGE#WATERMARK";
  private static final String WATERMARK_SK = "APPLIED_THROUGH";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoAnalyticsStore(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Applied apply(String changeId, Delta delta, Instant appliedAt) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of("pk", s("CHANGE#" + changeId), "sk", s("APPLIED"),
            "expiresAt", n(clock.instant().plus(MARKER_KEPT).getEpochSecond())))
        .conditionExpression("attribute_not_exists(pk)")).build());
    for (var e : delta.amounts().entrySet()) {
      Slot slot = e.getKey();
      Map<String, String> names = new HashMap<>();
      Map<String, AttributeValue> values = new HashMap<>();
      List<String> adds = new ArrayList<>();
      int i = 0;
      for (var c : e.getValue().entrySet()) {
        names.put("#c" + i, c.getKey().attribute());
        values.put(":c" + i, n(c.getValue()));
        adds.add("#c" + i + " :c" + i);
        i++;
      }
      adds.add("v :one");
      values.put(":one", n(1));
      values.put(":at", s(appliedAt.toString()));
      StringBuilder set = new StringBuilder(" SET appliedAt = :at");
      Map<Delta.Label, String> labels = delta.labels().getOrDefault(slot, Map.of());
      for (var l : labels.entrySet()) {
        names.put("#l" + l.getKey().ordinal(), l.getKey().attribute());
        values.put(":l" + l.getKey().ordinal(), s(l.getValue()));
        set.append(", #l").append(l.getKey().ordinal()).append(" = :l").append(l.getKey().ordinal());
      }
      writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(slot))
          .updateExpression("ADD " + String.join(", ", adds) + set)
          .expressionAttributeNames(names).expressionAttributeValues(values)).build());
    }
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(t -> t.transactItems(writes));
        return Applied.APPLIED;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
          return Applied.DUPLICATE;
        }
        boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
        if (!conflict || attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public void advanceWatermark(Instant appliedThrough) {
    try {
      dynamo.updateItem(u -> u.tableName(table)
          .key(Map.of("pk", s(WATERMARK_PK), "sk", s(WATERMARK_SK)))
          .updateExpression("SET appliedThroughMs = :t")
          .conditionExpression("attribute_not_exists(appliedThroughMs) OR appliedThroughMs < :t")
          .expressionAttributeValues(Map.of(":t", n(appliedThrough.toEpochMilli()))));
    } catch (ConditionalCheckFailedException alreadyLater) {
      // Another batch got further; the mark only moves forward.
    }
  }

  @Override
  public Optional<Instant> watermark() {
    Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(false)
        .key(Map.of("pk", s(WATERMARK_PK), "sk", s(WATERMARK_SK)))).item();
    if (item == null || !item.containsKey("appliedThroughMs")) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get("appliedThroughMs").n())));
  }

  @Override
  public List<StoredSlot> slots(String eventId) {
    return queryAll(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", s(AnalyticsItems.SLOT_PREFIX + eventId))).build(), eventId);
  }

  @Override
  public Optional<StoredSlot> totals(String eventId) {
    Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
        .key(key(Slot.totals(eventId)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(slot(eventId, item));
  }

  @Override
  public List<StoredSlot> hours(String eventId, Instant from, Instant to) {
    Instant last = to.minusMillis(1);
    return queryAll(QueryRequest.builder().tableName(table)
        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
        .expressionAttributeValues(Map.of(":pk", s(AnalyticsItems.SLOT_PREFIX + eventId),
            ":from", s(Slot.hourKey(from)), ":to", s(Slot.hourKey(last)))).build(), eventId);
  }

  @Override
  public Page types(String eventId, String cursor, int limit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(AnalyticsItems.SLOT_PREFIX + eventId));
    values.put(":type", s("TYPE#"));
    QueryRequest.Builder q = QueryRequest.builder().tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :type)")
        .expressionAttributeValues(values).limit(limit + 1);
    if (cursor != null) {
      q.exclusiveStartKey(key(Slot.type(eventId, decode(cursor))));
    }
    // One more than asked for: a next page exists only if that one came back.
    QueryResponse r = dynamo.query(q.build());
    List<StoredSlot> items = r.items().stream().limit(limit).map(i -> slot(eventId, i)).toList();
    String next = r.items().size() > limit ? encode(items.get(items.size() - 1).slot().id()) : null;
    return new Page(items, next);
  }

  @Override
  public boolean repair(Slot slot, Map<Counter, Long> values, long expectedVersion) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> vals = new HashMap<>();
    List<String> sets = new ArrayList<>();
    for (Counter c : Counter.values()) {
      names.put("#c" + c.ordinal(), c.attribute());
      vals.put(":c" + c.ordinal(), n(values.getOrDefault(c, 0L)));
      sets.add("#c" + c.ordinal() + " = :c" + c.ordinal());
    }
    vals.put(":next", n(expectedVersion + 1));
    String condition;
    if (expectedVersion == 0) {
      condition = "attribute_not_exists(v) OR v = :zero";
      vals.put(":zero", n(0));
    } else {
      condition = "v = :expected";
      vals.put(":expected", n(expectedVersion));
    }
    try {
      dynamo.updateItem(u -> u.tableName(table).key(key(slot))
          .updateExpression("SET " + String.join(", ", sets) + ", v = :next")
          .conditionExpression(condition)
          .expressionAttributeNames(names).expressionAttributeValues(vals));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }

  /** The slot an item of {@code ANALYTICS#<eventId>} holds. */
  static StoredSlot slot(String eventId, Map<String, AttributeValue> item) {
    Map<Counter, Long> counters = new EnumMap<>(Counter.class);
    for (Counter c : Counter.values()) {
      AttributeValue v = item.get(c.attribute());
      if (v != null && v.n() != null) {
        counters.put(c, Long.parseLong(v.n()));
      }
    }
    Map<Delta.Label, String> labels = new EnumMap<>(Delta.Label.class);
    for (Delta.Label l : Delta.Label.values()) {
      AttributeValue v = item.get(l.attribute());
      if (v != null && v.s() != null) {
        labels.put(l, v.s());
      }
    }
    long version = item.containsKey("v") ? Long.parseLong(item.get("v").n()) : 0;
    Instant at = item.containsKey("appliedAt") ? Instant.parse(item.get("appliedAt").s()) : null;
    return new StoredSlot(Slot.fromKey(eventId, item.get("sk").s()), counters, labels, version, at);
  }

  private List<StoredSlot> queryAll(QueryRequest request, String eventId) {
    List<StoredSlot> out = new ArrayList<>();
    for (QueryResponse page : dynamo.queryPaginator(request)) {
      page.items().forEach(i -> out.add(slot(eventId, i)));
    }
    return out;
  }

  private static Map<String, AttributeValue> key(Slot slot) {
    return Map.of("pk", s(AnalyticsItems.SLOT_PREFIX + slot.eventId()), "sk", s(slot.key()));
  }

  private static String encode(String ticketTypeId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("t:" + ticketTypeId).getBytes(StandardCharsets.UTF_8));
  }

  /** The ticket type id a cursor names; {@link IllegalArgumentException} for anything else. */
  public static String decode(String cursor) {
    String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    if (!raw.startsWith("t:") || raw.length() < 3) {
      throw new IllegalArgumentException("not a ticket-type cursor");
    }
    return raw.substring(2);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
