package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB item of an order (docs/data-model.md): {@code pk = ORDER#<orderId>},
 * {@code sk = ORDER}; while pending it is also on {@code gsi1} under {@code ORDERS#PENDING#<k>}
 * ({@code k} from the order id, one of {@link #PENDING_INDEX_SHARDS} partitions, so an on-sale's
 * index writes spread over many partitions) with sort key {@code <releaseAfter>#<orderId>}, which
 * is what the hold sweep and reconciliation query, every partition, merged in time order.
 */
public final class OrderItems {
  /** The pending index's partition key before it was sharded; still read so older orders are swept. */
  public static final String PENDING_INDEX_PK = "ORDERS#PENDING";
  /** How many {@code gsi1} partitions the pending orders are spread over (docs/benchmarks.md). */
  public static final int PENDING_INDEX_SHARDS = 128;

  /**
   * The table's second index, {@code gsi2} ({@code gsi2pk}, {@code gsi2sk}), overloaded like
   * {@code gsi1}: an event's orders and tickets under {@code EVENTORDERS#<eventId>#<k>} sorted by
   * order id, and the events starting on a day under {@code STARTS#<yyyy-MM-dd>} sorted by start
   * (DynamoEventReminderStore). One index for both, because DynamoDB adds one index per table update.
   */
  public static final String SECOND_INDEX = "gsi2";
  /** The sort key attribute of {@link #SECOND_INDEX}. */
  public static final String SECOND_INDEX_SK = "gsi2sk";

  /**
   * How many {@code gsi2} partitions one event's orders and tickets are spread over
   * (docs/benchmarks.md): an on-sale writes an index entry per order and per ticket, tens of
   * thousands a second for one event, which one partition key could not take.
   */
  public static final int EVENT_INDEX_BUCKETS = 64;
  /** The partition key attribute of {@link #SECOND_INDEX}, which holds an order's event bucket. */
  public static final String EVENT_BUCKET = "gsi2pk";
  private static final String EVENT_BUCKET_PREFIX = "EVENTORDERS#";

  private OrderItems() {}

  public static Map<String, AttributeValue> key(String orderId) {
    return Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER"));
  }

  /**
   * The pending-index partition of an order: fixed by its id. {@code String.hashCode} is the same
   * in every JVM; the mixing step (MurmurHash3's finaliser) spreads ids that differ only in their
   * last characters, which plain {@code hashCode} would put on neighbouring partitions.
   */
  public static String pendingIndexKey(String orderId) {
    return PENDING_INDEX_PK + "#" + Math.floorMod(mix(orderId), PENDING_INDEX_SHARDS);
  }

  /** A stable hash of an order id, the same in every JVM, with neighbouring ids spread apart. */
  private static int mix(String orderId) {
    int h = orderId.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * The {@code gsi2} partition of an order and of each of its tickets:
   * {@code EVENTORDERS#<eventId>#<k>}, {@code k} fixed by the order id (a different mix from the pending
   * index's, so the two spreads are independent), one of {@link #EVENT_INDEX_BUCKETS}. An order and
   * its tickets share one bucket, so every index entry of one order id is in one partition.
   */
  public static String eventBucket(String eventId, String orderId) {
    return EVENT_BUCKET_PREFIX + eventId + "#" + Math.floorMod(Integer.reverse(mix(orderId)), EVENT_INDEX_BUCKETS);
  }

  /** The event a bucket of {@link #eventBucket} belongs to. */
  public static String eventOfBucket(String bucket) {
    return bucket.substring(EVENT_BUCKET_PREFIX.length(), bucket.lastIndexOf('#'));
  }

  /** Every {@code gsi2} partition of an event, which a reader of its orders or tickets queries. */
  public static List<String> eventBuckets(String eventId) {
    List<String> keys = new ArrayList<>(EVENT_INDEX_BUCKETS);
    for (int k = 0; k < EVENT_INDEX_BUCKETS; k++) {
      keys.add(EVENT_BUCKET_PREFIX + eventId + "#" + k);
    }
    return keys;
  }

  /** Every partition a reader of the pending index queries: the shards, then the unsharded key. */
  public static List<String> pendingIndexKeys() {
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < PENDING_INDEX_SHARDS; k++) {
      keys.add(PENDING_INDEX_PK + "#" + k);
    }
    keys.add(PENDING_INDEX_PK);
    return keys;
  }

  /** The sweep's index sort key: release time (whole seconds, so strings sort as times) then id. */
  public static String releaseKey(Instant releaseAfter, String orderId) {
    return releaseAfter.toString() + "#" + orderId;
  }

  public static Map<String, AttributeValue> toItem(Order o) {
    return toItem(o, o.lines());
  }

  /** The order's item with these lines in place of its own (the same lines, held on their shards). */
  static Map<String, AttributeValue> toItem(Order o, List<OrderLine> orderLines) {
    Map<String, AttributeValue> item = new HashMap<>(key(o.orderId()));
    item.put("type", s("order"));
    item.put("orderId", s(o.orderId()));
    item.put("status", s(o.status().wire()));
    item.put("eventId", s(o.eventId()));
    item.put(EVENT_BUCKET, s(eventBucket(o.eventId(), o.orderId())));
    item.put(SECOND_INDEX_SK, s(o.orderId()));
    item.put("eventName", s(o.eventName()));
    item.put("eventStartsAt", s(o.eventStartsAt().toString()));
    item.put("eventEndsAt", s(o.eventEndsAt().toString()));
    putS(item, "buyerId", o.buyerId());
    putS(item, "accessTokenHash", o.accessTokenHash());
    item.put("email", s(o.email()));
    item.put("name", s(o.name()));
    item.put("lines", linesValue(orderLines));
    item.put("ticketCount", n(o.ticketCount()));
    item.put("amountTotal", n(o.amountTotal()));
    item.put("currency", s(o.currency()));
    item.put("createdAt", s(o.createdAt().toString()));
    item.put("holdExpiresAt", s(o.holdExpiresAt().toString()));
    item.put("releaseAfter", s(o.releaseAfter().toString()));
    putS(item, "checkoutSessionId", o.checkoutSessionId());
    putS(item, "checkoutUrl", o.checkoutUrl());
    putS(item, "paymentIntentId", o.paymentIntentId());
    if (o.paidAt() != null) {
      item.put("paidAt", s(o.paidAt().toString()));
    }
    item.put("needsRefund", AttributeValue.fromBool(o.needsRefund()));
    item.put("ticketsIssued", n(o.ticketsIssued()));
    item.put("amountRefunded", n(o.amountRefunded()));
    if (o.status() == OrderStatus.PENDING) {
      item.put("gsi1pk", s(pendingIndexKey(o.orderId())));
      item.put("gsi1sk", s(releaseKey(o.releaseAfter(), o.orderId())));
    }
    return item;
  }

  /** The order item's {@code lines} attribute. */
  static AttributeValue linesValue(List<OrderLine> orderLines) {
    List<AttributeValue> lines = new ArrayList<>();
    for (OrderLine l : orderLines) {
      Map<String, AttributeValue> line = new HashMap<>(Map.of(
          "ticketTypeId", s(l.ticketTypeId()), "name", s(l.name()),
          "quantity", n(l.quantity()), "unitPrice", n(l.unitPrice())));
      if (!l.shards().isEmpty()) {
        Map<String, AttributeValue> shards = new HashMap<>();
        l.shards().forEach((k, q) -> shards.put(Integer.toString(k), n(q)));
        line.put("shards", AttributeValue.fromM(shards));
      }
      lines.add(AttributeValue.fromM(line));
    }
    return AttributeValue.fromL(lines);
  }

  public static Order fromItem(Map<String, AttributeValue> item) {
    List<OrderLine> lines = new ArrayList<>();
    for (AttributeValue v : item.get("lines").l()) {
      Map<String, AttributeValue> m = v.m();
      Map<Integer, Integer> shards = new HashMap<>();
      if (m.containsKey("shards") && m.get("shards").hasM()) {
        m.get("shards").m().forEach((k, q) -> shards.put(Integer.parseInt(k), Integer.parseInt(q.n())));
      }
      lines.add(new OrderLine(m.get("ticketTypeId").s(), m.get("name").s(), Integer.parseInt(m.get("quantity").n()),
          Long.parseLong(m.get("unitPrice").n()), shards));
    }
    return new Order(
        str(item, "orderId"),
        OrderStatus.fromWire(str(item, "status")),
        str(item, "eventId"),
        str(item, "eventName"),
        instant(item, "eventStartsAt"),
        instant(item, "eventEndsAt"),
        str(item, "buyerId"),
        str(item, "accessTokenHash"),
        str(item, "email"),
        str(item, "name"),
        lines,
        num(item, "amountTotal"),
        str(item, "currency"),
        instant(item, "createdAt"),
        instant(item, "holdExpiresAt"),
        instant(item, "releaseAfter"),
        str(item, "checkoutSessionId"),
        str(item, "checkoutUrl"),
        str(item, "paymentIntentId"),
        instant(item, "paidAt"),
        item.containsKey("needsRefund") && Boolean.TRUE.equals(item.get("needsRefund").bool()),
        (int) num(item, "ticketsIssued"),
        num(item, "amountRefunded"));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static void putS(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
