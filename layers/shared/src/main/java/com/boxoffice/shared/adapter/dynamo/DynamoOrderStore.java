package com.boxoffice.shared.adapter.dynamo;

import static com.boxoffice.shared.adapter.dynamo.OrderItems.n;
import static com.boxoffice.shared.adapter.dynamo.OrderItems.s;

import com.boxoffice.shared.domain.order.InventoryBusyException;
import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.domain.ticket.Ticket;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Orders and seat holds in the main table. A hold is one transaction: the order is created only
 * if new, and every ticket type's {@code held} grows by the quantity only while
 * {@code available >= quantity} (that is, {@code held + sold + quantity <= capacity}), so
 * concurrent buyers can never hold more seats than exist and a multi-type order holds all of its
 * types or none. A sharded type's seats are held on its shard items instead
 * ({@link InventoryItems}); the order records which shards, and every later move of those seats
 * (release, sale, refund) goes back to them.
 */
public final class DynamoOrderStore implements OrderStore {
  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions tx;
  /** Shard counts by event and type: fixed when a type is created, so read once per container. */
  private final ConcurrentMap<String, Integer> shardCounts = new ConcurrentHashMap<>();
  /** Not ThreadLocalRandom: a SnapStart snapshot would start every restored container on the same shards. */
  private final SecureRandom random = new SecureRandom();

  public DynamoOrderStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.tx = new Transactions(dynamo);
  }

  String table() {
    return table;
  }

  @Override
  public void placeHold(Order order) {
    // A sharded line starts on a random shard; when that one cannot give the seats, the shards are
    // read and the seats taken where they are (InventoryShards.take). Every round that fails a
    // condition means another buyer took or a release moved those seats, so the rounds are bounded
    // only to stop a pathological loop; sold out is answered only from a read of every shard.
    List<OrderLine> lines = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      int count = shardCount(order.eventId(), line.ticketTypeId());
      lines.add(count <= 1 ? line : line.onShards(Map.of(random.nextInt(count), line.quantity())));
    }
    int rounds = 8 + 2 * lines.stream().mapToInt(l -> shardCount(order.eventId(), l.ticketTypeId())).sum();
    for (int round = 1; ; round++) {
      List<TransactWriteItem> items = new ArrayList<>();
      List<Integer> lineOfItem = new ArrayList<>();
      items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(OrderItems.toItem(order, lines))
          .conditionExpression("attribute_not_exists(pk)")).build());
      lineOfItem.add(-1);
      for (int i = 0; i < lines.size(); i++) {
        for (InventoryItems.Counter c : InventoryItems.counters(order.eventId(), lines.get(i))) {
          items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(c.key())
              .updateExpression("SET held = held + :q, available = available - :q")
              .conditionExpression("attribute_exists(pk) AND available >= :q")
              .expressionAttributeValues(Map.of(":q", n(c.quantity())))
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
          lineOfItem.add(i);
        }
      }
      Optional<List<CancellationReason>> refused = holdOnce(items);
      if (refused.isEmpty()) {
        return;
      }
      List<CancellationReason> reasons = refused.get();
      if (Transactions.failed(reasons, 0)) {
        throw new IllegalStateException("order id collision " + order.orderId());
      }
      // Only a failed capacity condition means sold out; throttling, validation errors or a
      // cancellation that names no condition say nothing about the seats left.
      Set<Integer> failedLines = new TreeSet<>();
      // A failed single counter comes back with the item it failed on: its seats left need no read,
      // which matters because that counter sits on the event's partition, read by every checkout's catalog.
      Map<String, Integer> read = new HashMap<>();
      for (int i = 1; i < items.size(); i++) {
        if (Transactions.failed(reasons, i)) {
          OrderLine line = lines.get(lineOfItem.get(i));
          failedLines.add(lineOfItem.get(i));
          var old = reasons.get(i).item();
          if (line.shards().isEmpty() && old != null && old.containsKey("available")) {
            read.put(line.ticketTypeId(), Math.max(0, Integer.parseInt(old.get("available").n())));
          }
        }
      }
      if (failedLines.isEmpty()) {
        throw new InventoryUnavailableException(reasons.isEmpty() ? "cancelled without reasons"
            : reasons.stream().map(r -> String.valueOf(r.code())).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(",")), null);
      }
      boolean soldOut = false;
      // The shards just read answer "how many left" too: a refused buyer costs one read of them, not two.
      for (int i : failedLines) {
        OrderLine line = lines.get(i);
        int count = shardCount(order.eventId(), line.ticketTypeId());
        if (count <= 1) {
          soldOut = true;
          continue;
        }
        var shards = InventoryItems.read(dynamo, table, order.eventId(), line.ticketTypeId(), count);
        read.put(line.ticketTypeId(), Math.max(0, shards.total(shards.available())));
        Optional<Map<Integer, Integer>> take = InventoryShards.take(line.quantity(), shards.available(),
            random.nextInt(count));
        if (take.isEmpty()) {
          soldOut = true;
        } else {
          lines.set(i, line.onShards(take.get()));
        }
      }
      if (soldOut) {
        throw new SoldOutException(left(order, read));
      }
      if (round >= rounds) {
        throw new InventoryBusyException(null);
      }
    }
  }

  private Optional<List<CancellationReason>> holdOnce(List<TransactWriteItem> items) {
    try {
      return tx.write(items);
    } catch (TransactionCanceledException busy) {
      throw new InventoryBusyException(busy);
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (e.isThrottlingException() || e instanceof ProvisionedThroughputExceededException
          || e instanceof RequestLimitExceededException || "ValidationException".equals(code)) {
        throw new InventoryUnavailableException(code == null ? "throttled" : code, e);
      }
      throw e;
    }
  }

  /**
   * What is left of every type the order asks for: the type's counter, or the sum of its shards,
   * taken from {@code read} for the types whose shards were read a moment ago.
   */
  private Map<String, Integer> left(Order order, Map<String, Integer> read) {
    Map<String, Integer> left = new HashMap<>(read);
    for (OrderLine line : order.lines()) {
      if (read.containsKey(line.ticketTypeId())) {
        continue;
      }
      int count = shardCount(order.eventId(), line.ticketTypeId());
      if (count > 1) {
        var shards = InventoryItems.read(dynamo, table, order.eventId(), line.ticketTypeId(), count);
        left.put(line.ticketTypeId(), Math.max(0, shards.total(shards.available())));
        continue;
      }
      var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
          .key(InventoryItems.typeKey(order.eventId(), line.ticketTypeId()))).item();
      left.put(line.ticketTypeId(), item == null || !item.containsKey("available") ? 0
          : Math.max(0, Integer.parseInt(item.get("available").n())));
    }
    return left;
  }

  /**
   * A type's shard count, read once per container: it is fixed when the type is created. A type
   * not found counts as one counter, so its hold fails the counter's existence condition as before.
   */
  private int shardCount(String eventId, String typeId) {
    Integer known = shardCounts.get(eventId + "#" + typeId);
    if (known != null) {
      return known;
    }
    var item = dynamo.getItem(b -> b.tableName(table).key(InventoryItems.typeKey(eventId, typeId))).item();
    if (item == null || item.isEmpty()) {
      return 1;
    }
    int count = InventoryItems.shardCount(item);
    shardCounts.put(eventId + "#" + typeId, count);
    return count;
  }

  @Override
  public boolean attachSession(String orderId, String sessionId, String url, Instant releaseAfter) {
    Instant at = releaseAfter.truncatedTo(ChronoUnit.SECONDS);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pending", s(OrderStatus.PENDING.wire()));
    values.put(":sid", s(sessionId));
    values.put(":url", url == null ? AttributeValue.fromNul(true) : s(url));
    values.put(":ra", s(at.toString()));
    values.put(":gsk", s(OrderItems.releaseKey(at, orderId)));
    try {
      dynamo.updateItem(b -> b.tableName(table).key(OrderItems.key(orderId))
          .updateExpression("SET checkoutSessionId = :sid, checkoutUrl = :url, releaseAfter = :ra, gsi1sk = :gsk")
          .conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean endUnpaid(Order order, OrderStatus to, Instant at) {
    if (!to.endedUnpaid()) {
      throw new IllegalArgumentException(to + " is not an unpaid end");
    }
    // The stored order names the shards its seats were held on; the caller's copy may predate that
    // (checkout's own, built before the hold). Types on one counter need no read.
    List<OrderLine> lines = order.lines();
    boolean sharded = lines.stream().anyMatch(l -> !l.shards().isEmpty()
        || shardCount(order.eventId(), l.ticketTypeId()) > 1);
    if (sharded && lines.stream().anyMatch(l -> l.shards().isEmpty())) {
      Optional<Order> stored = find(order.orderId());
      if (stored.isEmpty()) {
        return false;
      }
      lines = stored.get().lines();
    }
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
        .updateExpression("SET #status = :to, endedAt = :at, holdReleasedAt = :at REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :pending")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":to", s(to.wire()), ":at", s(at.toString()),
            ":pending", s(OrderStatus.PENDING.wire())))).build());
    for (OrderLine line : lines) {
      for (InventoryItems.Counter c : InventoryItems.counters(order.eventId(), line)) {
        items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(c.key())
            .updateExpression("SET held = held - :q, available = available + :q")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeValues(Map.of(":q", n(c.quantity())))).build());
      }
    }
    return tx.write(items).isEmpty();
  }

  @Override
  public Optional<Order> find(String orderId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(OrderItems.key(orderId))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
  }

  @Override
  public List<Order> releasable(Instant now, int limit) {
    String bound = now.truncatedTo(ChronoUnit.SECONDS).toString() + "#~";
    return PendingIndex.before(dynamo, table, bound, limit,
            item -> OrderStatus.PENDING.wire().equals(item.get("status") == null ? null : item.get("status").s()))
        .stream().map(OrderItems::fromItem).toList();
  }

  @Override
  public List<Ticket> tickets(Order order) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= order.ticketsIssued(); i++) {
      int seq = i;
      var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
          .key(TicketItems.key(Ticket.idFor(order.orderId(), seq)))).item();
      if (item != null && !item.isEmpty()) {
        tickets.add(TicketItems.fromItem(item));
      }
    }
    return tickets;
  }

}
