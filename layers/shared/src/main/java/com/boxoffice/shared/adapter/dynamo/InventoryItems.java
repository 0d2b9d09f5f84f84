package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.OrderLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seat counters of a ticket type (docs/data-model.md). A type with one shard keeps
 * {@code capacity}, {@code held}, {@code sold} and {@code available} on its own item
 * ({@code EVENT#<eventId>} / {@code TYPE#<typeId>}). A type whose item says {@code shards = N > 1}
 * keeps them on N shard items instead, each under its own partition key
 * ({@code STOCK#<eventId>#<typeId>#<k>} / {@code STOCK}) so that no partition takes more than its
 * share of an on-sale's writes; the type item keeps the total {@code capacity}.
 */
public final class InventoryItems {
  private InventoryItems() {}

  /** One counter write: which item, by how many seats. */
  record Counter(Map<String, AttributeValue> key, int quantity) {}

  /** What the shards hold now, each array indexed by shard. */
  record Shards(int[] capacity, int[] held, int[] sold, int[] available) {
    int total(int[] counts) {
      int sum = 0;
      for (int c : counts) {
        sum += c;
      }
      return sum;
    }
  }

  static Map<String, AttributeValue> typeKey(String eventId, String typeId) {
    return Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("TYPE#" + typeId));
  }

  static Map<String, AttributeValue> shardKey(String eventId, String typeId, int shard) {
    return Map.of("pk", AttributeValue.fromS("STOCK#" + eventId + "#" + typeId + "#" + shard),
        "sk", AttributeValue.fromS("STOCK"));
  }

  /** The counters a line's seats sit on: its shards, or the type item when it has none. */
  static List<Counter> counters(String eventId, OrderLine line) {
    if (line.shards().isEmpty()) {
      return List.of(new Counter(typeKey(eventId, line.ticketTypeId()), line.quantity()));
    }
    List<Counter> counters = new ArrayList<>();
    line.shards().forEach((k, q) -> counters.add(new Counter(shardKey(eventId, line.ticketTypeId(), k), q)));
    return counters;
  }

  /** The shard count a type item records; 1 (counters on the item itself) when it records none. */
  static int shardCount(Map<String, AttributeValue> typeItem) {
    AttributeValue v = typeItem == null ? null : typeItem.get("shards");
    return v == null || v.n() == null ? 1 : Integer.parseInt(v.n());
  }

  /** The shard items of a new type of this capacity, split as {@link InventoryShards#split} says. */
  static List<Map<String, AttributeValue>> newShards(String eventId, String typeId, int capacity, int count) {
    int[] seats = InventoryShards.split(capacity, count);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Map<String, AttributeValue> item = new HashMap<>(shardKey(eventId, typeId, k));
      item.put("type", AttributeValue.fromS("stock"));
      item.put("eventId", AttributeValue.fromS(eventId));
      item.put("ticketTypeId", AttributeValue.fromS(typeId));
      item.put("shard", num(k));
      item.put("capacity", num(seats[k]));
      item.put("held", num(0));
      item.put("sold", num(0));
      item.put("available", num(seats[k]));
      items.add(item);
    }
    return items;
  }

  /**
   * Reads every shard with a strongly consistent read, one after the other. The figures are each
   * exact when read, not one snapshot: a seat released into a shard already read is missed until
   * the next read, as it would be a moment after reading a single counter.
   */
  static Shards read(DynamoDbClient dynamo, String table, String eventId, String typeId, int count) {
    int[] capacity = new int[count];
    int[] held = new int[count];
    int[] sold = new int[count];
    int[] available = new int[count];
    for (int k = 0; k < count; k++) {
      var key = shardKey(eventId, typeId, k);
      var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)).item();
      capacity[k] = n(item, "capacity");
      held[k] = n(item, "held");
      sold[k] = n(item, "sold");
      available[k] = n(item, "available");
    }
    return new Shards(capacity, held, sold, available);
  }

  /** The type item with {@code held}, {@code sold} and {@code available} summed over its shards, if it has any. */
  static Map<String, AttributeValue> withTotals(DynamoDbClient dynamo, String table, String eventId,
      Map<String, AttributeValue> typeItem) {
    int count = shardCount(typeItem);
    if (count <= 1) {
      return typeItem;
    }
    Shards s = read(dynamo, table, eventId, typeItem.get("sk").s().substring("TYPE#".length()), count);
    Map<String, AttributeValue> item = new HashMap<>(typeItem);
    item.put("held", num(s.total(s.held())));
    item.put("sold", num(s.total(s.sold())));
    item.put("available", num(s.total(s.available())));
    return item;
  }

  static AttributeValue num(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static int n(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item == null ? null : item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }
}
