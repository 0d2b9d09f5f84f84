package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrganizerOrders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The organizer's view of orders and tickets in the main table. An event's orders and tickets
 * have no index of their own, so they are read with a filtered {@code Scan}, page by page: each
 * call reads at most {@link #MAX_SCAN_CALLS} pages of the table and returns a cursor that resumes
 * exactly after the last item it looked at. The filter always names the event, so no cursor can
 * reach another event's records. Ticket changes are conditional updates of the ticket item.
 */
public final class DynamoOrganizerOrders implements OrganizerOrders {
  static final int SCAN_PAGE = 500;
  static final int MAX_SCAN_CALLS = 20;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions tx;
  /** Where a restock starts walking a sharded type's shards. */
  private final SecureRandom random = new SecureRandom();

  public DynamoOrganizerOrders(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.tx = new Transactions(dynamo);
  }

  @Override
  public OrderPage ordersOfEvent(String eventId, Optional<String> email, Optional<String> cursor, int limit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":type", s("order"));
    values.put(":event", s(eventId));
    String filter = "#type = :type AND eventId = :event";
    if (email.isPresent()) {
      values.put(":email", s(email.get()));
      values.put(":lower", s(email.get().toLowerCase(Locale.ROOT)));
      filter += " AND (email = :email OR email = :lower)";
    }
    var page = scan(filter, values, cursor, limit, OrderItems::fromItem);
    return new OrderPage(page.items(), page.next());
  }

  @Override
  public TicketPage ticketsOfEvent(String eventId, Optional<String> cursor, int limit) {
    var page = scan("#type = :type AND eventId = :event", Map.of(":type", s("ticket"), ":event", s(eventId)), cursor,
        limit, item -> new Attendee(TicketItems.fromItem(item),
            item.containsKey("inside") && Boolean.TRUE.equals(item.get("inside").bool()),
            item.containsKey("firstAdmittedAt") ? Instant.parse(item.get("firstAdmittedAt").s()) : null));
    return new TicketPage(page.items(), page.next());
  }

  private record Page<T>(List<T> items, Optional<String> next) {}

  private <T> Page<T> scan(String filter, Map<String, AttributeValue> values, Optional<String> cursor, int limit,
      Function<Map<String, AttributeValue>, T> read) {
    Map<String, AttributeValue> start = cursor.map(DynamoOrganizerOrders::decode).orElse(null);
    List<T> found = new ArrayList<>();
    for (int call = 0; call < MAX_SCAN_CALLS; call++) {
      Map<String, AttributeValue> from = start;
      var response = dynamo.scan(b -> b.tableName(table).consistentRead(true).limit(SCAN_PAGE)
          .filterExpression(filter).expressionAttributeNames(Map.of("#type", "type"))
          .expressionAttributeValues(values).exclusiveStartKey(from));
      List<Map<String, AttributeValue>> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        found.add(read.apply(items.get(i)));
        if (found.size() == limit) {
          boolean more = i < items.size() - 1 || response.hasLastEvaluatedKey();
          return new Page<>(found, more ? Optional.of(encode(items.get(i))) : Optional.empty());
        }
      }
      if (!response.hasLastEvaluatedKey()) {
        return new Page<>(found, Optional.empty());
      }
      start = response.lastEvaluatedKey();
    }
    return new Page<>(found, Optional.of(encode(start)));
  }

  static String encode(Map<String, AttributeValue> item) {
    String key = item.get("pk").s() + "\n" + item.get("sk").s();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, AttributeValue> decode(String cursor) {
    String key;
    try {
      key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    int nl = key.indexOf('\n');
    if (cursor.length() > 600 || nl < 1 || nl == key.length() - 1 || key.indexOf('\n', nl + 1) >= 0) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    return Map.of("pk", s(key.substring(0, nl)), "sk", s(key.substring(nl + 1)));
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
