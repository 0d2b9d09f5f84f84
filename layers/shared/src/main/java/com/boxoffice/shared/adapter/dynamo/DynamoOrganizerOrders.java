package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.orgorders.OrderDeskRefusal;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrganizerOrders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The organizer's view of orders and tickets in the main table. An event's orders and tickets are
 * found through the index {@code gsi2} (order and ticket items carry {@code gsi2pk} =
 * {@code EVENTORDERS#<eventId>#<k>} and {@code gsi2sk} = their order id), which spreads each event over {@link OrderItems#EVENT_INDEX_BUCKETS}
 * partitions; every bucket is queried, filtered on the projected {@code type} (and {@code email}),
 * and the answers are merged by order id, a page at a time: each call reads at most
 * {@link #MAX_QUERY_CALLS} index pages per bucket and returns a cursor that resumes exactly after
 * the last entry it returned (or, when a bucket's budget ran out first, after the last it looked at). The index is read
 * eventually consistently, so the items themselves are then read with a consistent
 * {@code BatchGetItem}: a status shown (or acted on by a cancellation) is the current one. The
 * query's key condition names the event, so no cursor can reach another event's records. Ticket
 * changes are conditional updates of the ticket item.
 */
public final class DynamoOrganizerOrders implements OrganizerOrders {
  static final String BY_EVENT_INDEX = OrderItems.SECOND_INDEX;
  static final int QUERY_PAGE = 500;
  /** Index pages one call reads from each bucket at most; a cursor resumes where it stopped. */
  static final int MAX_QUERY_CALLS = 4;
  /** BatchGetItem takes at most 100 keys. */
  static final int BATCH_GET = 100;
  /** Rounds of retrying what BatchGetItem left unprocessed before giving up on the request. */
  static final int BATCH_GET_ROUNDS = 8;
  /** The first pause before asking for unprocessed keys again, doubled each round up to the cap. */
  static final Duration BACKOFF_BASE = Duration.ofMillis(25);
  static final Duration BACKOFF_CAP = Duration.ofMillis(1_000);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions tx;
  /** Where a restock starts walking a sharded type's shards. */
  private final SecureRandom random = new SecureRandom();
  private final Sleeper sleeper;
  private final RandomGenerator jitter;

  public DynamoOrganizerOrders(DynamoDbClient dynamo, String table) {
    this(dynamo, table, pause -> Thread.sleep(pause), new SecureRandom());
  }

  public DynamoOrganizerOrders(DynamoDbClient dynamo, String table, Sleeper sleeper, RandomGenerator jitter) {
    this.dynamo = dynamo;
    this.table = table;
    this.tx = new Transactions(dynamo);
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  @Override
  public OrderPage ordersOfEvent(String eventId, Optional<String> email, Optional<String> cursor, int limit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":type", s("order"));
    String filter = "#type = :type";
    if (email.isPresent()) {
      values.put(":email", s(email.get()));
      values.put(":lower", s(email.get().toLowerCase(Locale.ROOT)));
      filter += " AND (email = :email OR email = :lower)";
    }
    var page = query(eventId, filter, values, cursor, limit, OrderItems::fromItem);
    return new OrderPage(page.items(), page.next());
  }

  @Override
  public TicketPage ticketsOfEvent(String eventId, Optional<String> cursor, int limit) {
    var page = query(eventId, "#type = :type", Map.of(":type", s("ticket")), cursor, limit,
        item -> new Attendee(TicketItems.fromItem(item),
            item.containsKey("inside") && Boolean.TRUE.equals(item.get("inside").bool()),
            item.containsKey("firstAdmittedAt") ? Instant.parse(item.get("firstAdmittedAt").s()) : null));
    return new TicketPage(page.items(), page.next());
  }

  private record Page<T>(List<T> items, Optional<String> next) {}

  /**
   * What one bucket's read yielded: the entries the filter kept, in index order, and where the
   * read stopped (the last entry looked at; null when the bucket has nothing after it).
   */
  private record BucketRead(List<Map<String, AttributeValue>> kept, Map<String, AttributeValue> stoppedAt) {}

  private <T> Page<T> query(String eventId, String filter, Map<String, AttributeValue> filterValues,
      Optional<String> cursor, int limit, Function<Map<String, AttributeValue>, T> read) {
    Map<String, AttributeValue> after = cursor.isPresent() ? decode(cursor.get(), eventId) : null;
    List<BucketRead> reads = new ArrayList<>();
    for (String bucket : OrderItems.eventBuckets(eventId)) {
      reads.add(readBucket(bucket, filter, filterValues, after, limit));
    }
    // The entries of one order id are all in one bucket, so ordering by order id (a stable sort,
    // keeping each bucket's own order among an order's entries) merges the buckets.
    List<Map<String, AttributeValue>> merged = new ArrayList<>();
    reads.forEach(r -> merged.addAll(r.kept()));
    merged.sort(Comparator.comparing(e -> e.get("orderId").s()));
    // A bucket that stopped early may hold more entries after where it stopped: only what sorts
    // before the earliest such stop is known to be complete.
    Map<String, AttributeValue> frontier = reads.stream().map(BucketRead::stoppedAt).filter(Objects::nonNull)
        .min(Comparator.comparing(e -> e.get("orderId").s())).orElse(null);
    List<Map<String, AttributeValue>> complete = frontier == null ? merged : merged.stream()
        .filter(e -> e.get("orderId").s().compareTo(frontier.get("orderId").s()) <= 0).toList();
    List<Map<String, AttributeValue>> keys = complete.size() > limit ? complete.subList(0, limit) : complete;
    Optional<String> next = Optional.empty();
    if (keys.size() == limit && (complete.size() > limit || frontier != null)) {
      next = Optional.of(encode(keys.get(keys.size() - 1)));
    } else if (frontier != null) {
      next = Optional.of(encode(frontier));
    }
    return new Page<>(readConsistently(keys).stream().map(read).toList(), next);
  }

  /**
   * One bucket's entries after {@code after} (all of it when null) that the filter keeps, at most
   * {@code limit} of them, reading at most {@link #MAX_QUERY_CALLS} pages. The cursor's own
   * bucket resumes exactly after its entry; every other bucket holds no entry of that order id, so
   * it starts after the order id.
   */
  private BucketRead readBucket(String bucket, String filter, Map<String, AttributeValue> filterValues,
      Map<String, AttributeValue> after, int limit) {
    Map<String, AttributeValue> values = new HashMap<>(filterValues);
    values.put(":bucket", s(bucket));
    String condition = OrderItems.EVENT_BUCKET + " = :bucket";
    Map<String, AttributeValue> start = null;
    if (after != null) {
      String afterOrder = after.get("orderId").s();
      String eventId = OrderItems.eventOfBucket(bucket);
      if (OrderItems.eventBucket(eventId, afterOrder).equals(bucket)) {
        start = Map.of(OrderItems.EVENT_BUCKET, s(bucket), OrderItems.SECOND_INDEX_SK, after.get("orderId"),
            "pk", after.get("pk"), "sk", after.get("sk"));
      } else {
        condition += " AND " + OrderItems.SECOND_INDEX_SK + " > :after";
        values.put(":after", s(afterOrder));
      }
    }
    String keyCondition = condition;
    int pageSize = Math.min(QUERY_PAGE, Math.max(limit * 4, 100));
    List<Map<String, AttributeValue>> kept = new ArrayList<>();
    for (int call = 0; call < MAX_QUERY_CALLS; call++) {
      Map<String, AttributeValue> from = start;
      var response = dynamo.query(b -> b.tableName(table).indexName(BY_EVENT_INDEX).limit(pageSize)
          .keyConditionExpression(keyCondition).filterExpression(filter)
          .expressionAttributeNames(Map.of("#type", "type")).expressionAttributeValues(values)
          .exclusiveStartKey(from));
      List<Map<String, AttributeValue>> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        kept.add(items.get(i));
        if (kept.size() == limit) {
          boolean more = i < items.size() - 1 || response.hasLastEvaluatedKey();
          return new BucketRead(kept, more ? items.get(i) : null);
        }
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new BucketRead(kept, null);
      }
      start = response.lastEvaluatedKey();
    }
    return new BucketRead(kept, start);
  }

  /**
   * The items the index entries name, read with consistent reads, in the entries' order. An item
   * deleted since it was indexed is left out. Keys BatchGetItem leaves unprocessed (the table's
   * partitions were busy) are asked again after an exponentially growing, jittered pause; when
   * they are still left after {@link #BATCH_GET_ROUNDS} rounds the read gives up as busy, which
   * the caller may retry.
   */
  private List<Map<String, AttributeValue>> readConsistently(List<Map<String, AttributeValue>> entries) {
    Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
    for (int from = 0; from < entries.size(); from += BATCH_GET) {
      List<Map<String, AttributeValue>> pending = entries.subList(from, Math.min(entries.size(), from + BATCH_GET))
          .stream().map(e -> Map.of("pk", e.get("pk"), "sk", e.get("sk"))).toList();
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == BATCH_GET_ROUNDS) {
          throw new OrderDeskRefusal.StoreBusy(pending.size() + " records could not be read");
        }
        if (round > 0) {
          pause(round);
        }
        List<Map<String, AttributeValue>> ask = pending;
        var response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
            KeysAndAttributes.builder().keys(ask).consistentRead(true).build())));
        response.responses().getOrDefault(table, List.of()).forEach(item -> byKey.put(keyOf(item), item));
        var left = response.unprocessedKeys().get(table);
        pending = left == null ? List.of() : left.keys();
      }
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (var e : entries) {
      var item = byKey.get(keyOf(e));
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  /** "Full jitter": a random pause up to BASE * 2^(round-1), capped. */
  private void pause(int round) {
    long ceiling = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(round - 1, 20));
    long millis = jitter.nextLong(ceiling + 1);
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrderDeskRefusal.StoreBusy("interrupted while waiting to read again");
    }
  }

  /** Waits between BatchGetItem rounds; tests pass one that records instead of waiting. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  private static String keyOf(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "\n" + item.get("sk").s();
  }

  /** The cursor of an index entry: its order id and table key (the event is the request's own). */
  static String encode(Map<String, AttributeValue> entry) {
    String key = entry.get("orderId").s() + "\n" + entry.get("pk").s() + "\n" + entry.get("sk").s();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The index position a cursor names, within {@code eventId} (null: from the start); an unreadable
   * cursor is an {@link IllegalArgumentException}.
   */
  static Map<String, AttributeValue> decode(String cursor, String eventId) {
    if (cursor.length() > 800) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    String key;
    try {
      key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    String[] parts = key.split("\n", -1);
    if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    if (parts.length == 2) {
      // A table position from before the index (pk, sk of a Scan): it names no index position, so
      // the read starts over; a cancellation stored one skips the orders it already finished.
      return null;
    }
    return Map.of("orderId", s(parts[0]), "pk", s(parts[1]), "sk", s(parts[2]));
  }

  @Override
  public Optional<Ticket> ticket(String ticketId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(TicketItems.key(ticketId))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TicketItems.fromItem(item));
  }

  @Override
  public boolean revoke(String ticketId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(TicketItems.key(ticketId))
          .updateExpression("SET #status = :revoked, revokedAt = :at")
          .conditionExpression("#status = :valid")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":revoked", s(TicketStatus.REVOKED.name()),
              ":valid", s(TicketStatus.VALID.name()), ":at", s(at.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean changeHolder(String ticketId, String holderName, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(TicketItems.key(ticketId))
          .updateExpression("SET holderName = :name, holderChangedAt = :at")
          .conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":name", s(holderName), ":at", s(at.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean reissueCode(Ticket current, String nextFallbackCode, Instant at) {
    int next = current.codeVersion() + 1;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":valid", s(TicketStatus.VALID.name()));
    values.put(":next", AttributeValue.fromN(Integer.toString(next)));
    values.put(":current", AttributeValue.fromN(Integer.toString(current.codeVersion())));
    values.put(":at", s(at.toString()));
    String atVersion = current.codeVersion() == 0
        ? "(attribute_not_exists(codeVersion) OR codeVersion = :current)" : "codeVersion = :current";
    List<TransactWriteItem> items = List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(TicketItems.key(current.ticketId()))
            .updateExpression("SET codeVersion = :next, codeReissuedAt = :at")
            .conditionExpression("#status = :valid AND " + atVersion)
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(values)).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoDoorStore.fallbackItem(current.eventId(),
            nextFallbackCode, current.ticketId(), current.validFrom(), current.validUntil(), next))).build());
    return tx.write(items).isEmpty();
  }

  @Override
  public boolean restock(String eventId, String restockKey, Map<String, Integer> seatsByType, Instant at) {
    // A sharded type takes the seats back from shards that sold them; a refund racing another can
    // make a shard's condition fail, so the shards are read again and the plan made afresh.
    for (int attempt = 1; ; attempt++) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
        "pk", s("RESTOCK#" + restockKey), "sk", s("RESTOCK"), "type", s("restock"), "eventId", s(eventId),
        "at", s(at.toString()))).conditionExpression("attribute_not_exists(pk)")).build());
      boolean sharded = false;
    for (var e : seatsByType.entrySet()) {
        var typeItem = dynamo.getItem(b -> b.tableName(table).key(InventoryItems.typeKey(eventId, e.getKey()))).item();
        int count = InventoryItems.shardCount(typeItem);
        Map<Map<String, AttributeValue>, Integer> moves = new LinkedHashMap<>();
        if (count <= 1) {
          moves.put(InventoryItems.typeKey(eventId, e.getKey()), e.getValue());
        } else {
          sharded = true;
          var shards = InventoryItems.read(dynamo, table, eventId, e.getKey(), count);
          var plan = InventoryShards.spread(e.getValue(), shards.sold(), random.nextInt(count))
              .orElseThrow(() -> new IllegalStateException("seats of event " + eventId
                  + " could not be put back on sale: fewer sold than refunded"));
          plan.forEach((k, q) -> moves.put(InventoryItems.shardKey(eventId, e.getKey(), k), q));
        }
        moves.forEach((key, q) -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
          .updateExpression("SET sold = sold - :q, available = available + :q")
          .conditionExpression("attribute_exists(pk) AND sold >= :q")
            .expressionAttributeValues(Map.of(":q", AttributeValue.fromN(Integer.toString(q))))).build()));
    }
    var refused = tx.write(items);
    if (refused.isEmpty()) {
      return true;
    }
    if (Transactions.failed(refused.get(), 0)) {
      return false;
    }
      if (!sharded || attempt >= 5) {
    throw new IllegalStateException("seats of event " + eventId + " could not be put back on sale");
  }
    }
  }

  static Map<String, AttributeValue> cancellationKey(String eventId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("CANCELLATION"));
  }

  @Override
  public Optional<Cancellation> cancellation(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(cancellationKey(eventId))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Cancellation(eventId, Boolean.TRUE.equals(item.get("done").bool()),
        Optional.ofNullable(item.get("cursor")).map(AttributeValue::s), count(item, "ordersRefunded"),
        count(item, "ticketsRevoked"), count(item, "mailsQueued"), str(item, "actor"), str(item, "reason"),
        time(item, "startedAt"), time(item, "updatedAt"), time(item, "finishedAt")));
  }

  @Override
  public CancellationStart startCancellation(String eventId, String actor, String reason, Instant at) {
    if (cancellation(eventId).isPresent()) {
      return CancellationStart.ALREADY_STARTED;
    }
    Map<String, AttributeValue> record = new HashMap<>(cancellationKey(eventId));
    record.put("type", s("cancellation"));
    record.put("eventId", s(eventId));
    record.put("done", AttributeValue.fromBool(false));
    record.put("actor", s(actor));
    if (reason != null) {
      record.put("reason", s(reason));
    }
    record.put("startedAt", s(at.toString()));
    record.put("updatedAt", s(at.toString()));
    for (String counter : List.of("ordersRefunded", "ticketsRevoked", "mailsQueued")) {
      record.put(counter, AttributeValue.fromN("0"));
    }
    List<TransactWriteItem> items = List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table)
            .key(Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT")))
            .updateExpression("SET #status = :cancelled, cancelledAt = :at")
            .conditionExpression("attribute_exists(pk) AND #status <> :draft")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(Map.of(":cancelled", s("CANCELLED"), ":draft", s("DRAFT"),
                ":at", s(at.toString())))).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(record)
            .conditionExpression("attribute_not_exists(pk)")).build());
    var refused = tx.write(items);
    if (refused.isEmpty()) {
      return CancellationStart.STARTED;
    }
    return Transactions.failed(refused.get(), 1) ? CancellationStart.ALREADY_STARTED
        : CancellationStart.NOT_CANCELLABLE;
  }

  static Map<String, AttributeValue> cancelledOrderKey(String eventId, String orderId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("CANCELLED_ORDER#" + orderId));
  }

  @Override
  public boolean orderCancelled(String eventId, String orderId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(cancelledOrderKey(eventId, orderId)))
        .item();
    return item != null && !item.isEmpty();
  }

  @Override
  public boolean recordOrderCancelled(String eventId, String orderId, String refundId, int ticketsRevoked,
      Instant at) {
    Map<String, AttributeValue> marker = new HashMap<>(cancelledOrderKey(eventId, orderId));
    marker.put("type", s("cancelled_order"));
    marker.put("orderId", s(orderId));
    marker.put("refundId", s(refundId));
    marker.put("ticketsRevoked", AttributeValue.fromN(Integer.toString(ticketsRevoked)));
    marker.put("at", s(at.toString()));
    List<TransactWriteItem> items = List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().update(u -> u.tableName(table).key(cancellationKey(eventId))
            .updateExpression("ADD ordersRefunded :one, ticketsRevoked :tickets, mailsQueued :one SET updatedAt = :at")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                ":tickets", AttributeValue.fromN(Integer.toString(ticketsRevoked)), ":at", s(at.toString())))).build());
    return tx.write(items).isEmpty();
  }

  @Override
  public boolean cancelTicket(String ticketId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(TicketItems.key(ticketId))
          .updateExpression("SET #status = :cancelled, revokedAt = :at")
          .conditionExpression("#status = :valid")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":cancelled", s(TicketStatus.CANCELLED.name()),
              ":valid", s(TicketStatus.VALID.name()), ":at", s(at.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void advanceCancellation(String eventId, Optional<String> nextCursor, boolean done, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":at", s(at.toString()));
    values.put(":done", AttributeValue.fromBool(done));
    String update = "SET updatedAt = :at, #done = :done";
    if (nextCursor.isPresent()) {
      values.put(":cursor", s(nextCursor.get()));
      update += ", #cursor = :cursor";
    } else {
      update += " REMOVE #cursor";
    }
    if (done) {
      update = update.replace("SET updatedAt = :at", "SET updatedAt = :at, finishedAt = :at");
    }
    String expression = update;
    dynamo.updateItem(b -> b.tableName(table).key(cancellationKey(eventId)).updateExpression(expression)
        .conditionExpression("attribute_exists(pk)").expressionAttributeValues(values)
        .expressionAttributeNames(Map.of("#done", "done", "#cursor", "cursor")));
  }

  private static int count(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? 0 : Integer.parseInt(v.n());
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant time(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
