package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.Catalog;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Events and ticket types in the main table (docs/data-model.md): {@code EVENT#<eventId>} with
 * sort key {@code EVENT} or {@code TYPE#<ticketTypeId>}. A ticket type written without the
 * {@code available} counter (by hand or by an older tool) gets it on first read, with a write
 * conditional on {@code held} and {@code sold} not having moved meanwhile. A sharded type
 * ({@link InventoryItems}) is read without its shards: checkout decides its seats with the shards'
 * conditional writes, so its {@link TicketType} says capacity for {@code available} and 0 held and
 * sold; the storefront and the organizer read the sums.
 */
public final class DynamoCatalog implements Catalog {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoCatalog(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<CatalogEvent> event(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT")))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CatalogEvent(str(item, "eventId"), str(item, "name"), str(item, "venue"),
        instant(item, "startsAt"), instant(item, "endsAt"), instant(item, "salesCloseAt"), str(item, "currency"),
        EventStatus.valueOf(str(item, "status")), instant(item, "salesOpenAt")));
  }

  @Override
  public List<TicketType> ticketTypes(String eventId) {
    List<TicketType> types = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :type)")
          .expressionAttributeValues(Map.of(":pk", s("EVENT#" + eventId), ":type", s("TYPE#")))
          .exclusiveStartKey(from));
      for (var item : page.items()) {
        // A sharded type's counters are on its shards, which checkout does not read here: it
        // decides seats with the shards' conditional writes, and reading up to 48 shards on every
        // checkout would make them as hot to read as they were to write.
        types.add(toType(eventId, item.containsKey("available") || InventoryItems.shardCount(item) > 1 ? item
            : withAvailable(eventId, item)));
      }
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    types.sort(Comparator.comparing(TicketType::ticketTypeId));
    return types;
  }

  private Map<String, AttributeValue> withAvailable(String eventId, Map<String, AttributeValue> item) {
    int available = n(item, "capacity") - n(item, "held") - n(item, "sold");
    try {
      dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
          .updateExpression("SET available = :a")
          .conditionExpression("attribute_not_exists(available) AND held = :h AND sold = :s AND #capacity = :c")
          .expressionAttributeNames(Map.of("#capacity", "capacity"))
          .expressionAttributeValues(Map.of(":a", num(available), ":h", item.get("held"), ":s", item.get("sold"),
              ":c", item.get("capacity"))));
    } catch (ConditionalCheckFailedException raced) {
      // Someone else initialised it or moved the counters: read what is there now.
    }
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))).item();
  }

  /** Writes (or replaces) an event; door settings default to re-entry allowed, printed codes allowed. */
  public void putEvent(CatalogEvent e) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("EVENT#" + e.eventId()));
    item.put("sk", s("EVENT"));
    item.put("type", s("event"));
    item.put("eventId", s(e.eventId()));
    item.put("name", s(e.name()));
    if (e.venue() != null) {
      item.put("venue", s(e.venue()));
    }
    item.put("startsAt", s(e.startsAt().toString()));
    item.putAll(DynamoEventReminderStore.startIndexKeys(e.startsAt()));
    item.put("endsAt", s(e.endsAt().toString()));
    item.put("salesCloseAt", s(e.salesCloseAt().toString()));
    if (e.salesOpenAt() != null) {
      item.put("salesOpenAt", s(e.salesOpenAt().toString()));
    }
    item.put("currency", s(e.currency()));
    item.put("status", s(e.status().name()));
    item.put("allowReentry", AttributeValue.fromBool(true));
    item.put("rotatingCodes", AttributeValue.fromBool(false));
    item.put("printedCodesAllowed", AttributeValue.fromBool(true));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /**
   * Writes a new ticket type whose seats are split over {@code shards} counter items (1: the
   * type's own counter, as {@link #putTicketType(TicketType)}); refuses to overwrite an existing one.
   */
  public void putTicketType(TicketType t, int shards) {
    if (shards <= 1) {
      putTicketType(t);
      return;
    }
    Map<String, AttributeValue> item = new HashMap<>(InventoryItems.typeKey(t.eventId(), t.ticketTypeId()));
    item.put("type", s("ticketType"));
    item.put("ticketTypeId", s(t.ticketTypeId()));
    item.put("name", s(t.name()));
    item.put("price", num(t.price()));
    item.put("currency", s(t.currency()));
    item.put("capacity", num(t.capacity()));
    item.put("shards", num(shards));
    item.put("maxPerOrder", num(t.maxPerOrder()));
    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    for (var shard : InventoryItems.newShards(t.eventId(), t.ticketTypeId(), t.capacity(), shards)) {
      dynamo.putItem(b -> b.tableName(table).item(shard));
    }
  }

  /** Writes a new ticket type with nothing held or sold; refuses to overwrite an existing one. */
  public void putTicketType(TicketType t) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("EVENT#" + t.eventId()));
    item.put("sk", s("TYPE#" + t.ticketTypeId()));
    item.put("type", s("ticketType"));
    item.put("ticketTypeId", s(t.ticketTypeId()));
    item.put("name", s(t.name()));
    item.put("price", num(t.price()));
    item.put("currency", s(t.currency()));
    item.put("capacity", num(t.capacity()));
    item.put("held", num(0));
    item.put("sold", num(0));
    item.put("available", num(t.capacity()));
    item.put("maxPerOrder", num(t.maxPerOrder()));
    if (t.salesOpenAt() != null) {
      item.put("salesOpenAt", s(t.salesOpenAt().toString()));
    }
    if (t.salesCloseAt() != null) {
      item.put("salesCloseAt", s(t.salesCloseAt().toString()));
    }
    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
  }

  /**
   * Seeds the demo event the local runner and the sample events use: {@code evt-demo}, on sale
   * until it starts two hours from {@code now}, with "general" (100 seats at 25.00 EUR) and "vip"
   * (10 seats at 90.00 EUR), at most 10 of each per order. Safe to call again: existing ticket
   * types are kept with their inventory.
   */
  public CatalogEvent seedDemoEvent(Instant now) {
    CatalogEvent event = new CatalogEvent("evt-demo", "Boxoffice Demo Night", "The Local Hall",
        now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(6)), now.plus(Duration.ofHours(2)), "eur",
        EventStatus.ON_SALE);
    putEvent(event);
    for (TicketType t : List.of(
        new TicketType(event.eventId(), "general", "General admission", 2500, "eur", 100, 0, 0, 100, 10),
        new TicketType(event.eventId(), "vip", "VIP", 9000, "eur", 10, 0, 0, 10, 10))) {
      try {
        putTicketType(t);
      } catch (ConditionalCheckFailedException exists) {
        // Keep the inventory already there.
      }
    }
    return event;
  }

  private static TicketType toType(String eventId, Map<String, AttributeValue> item) {
    return new TicketType(eventId, str(item, "ticketTypeId"), str(item, "name"), Long.parseLong(item.get("price").n()),
        str(item, "currency"), n(item, "capacity"), n(item, "held"), n(item, "sold"),
        InventoryItems.shardCount(item) > 1 && !item.containsKey("available") ? n(item, "capacity") : n(item, "available"),
        item.containsKey("maxPerOrder") ? n(item, "maxPerOrder") : 10, instant(item, "salesOpenAt"),
        instant(item, "salesCloseAt"));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue num(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static int n(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
