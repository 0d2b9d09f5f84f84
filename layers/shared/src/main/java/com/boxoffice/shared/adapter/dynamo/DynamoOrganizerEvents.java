package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import com.boxoffice.shared.port.out.OrganizerEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Events and ticket types as organizers write them, in the layout checkout, the webhook and the
 * door already read (docs/data-model.md). Each change is one {@code TransactWriteItems} with the
 * organizer audit entry ({@link DynamoAuditLog#item}). Besides the event record:
 *
 * <ul>
 *   <li>{@code ORG#<organizationId>} / {@code EVENT#<createdAt ISO>#<eventId>}: the organization's
 *       list of events, oldest first;
 *   <li>while an event is ON_SALE its record carries {@code gsi1pk = CATALOG#ON_SALE},
 *       {@code gsi1sk = <startsAt ISO>#<eventId>}: the storefront's listing, soonest first.
 * </ul>
 */
public final class DynamoOrganizerEvents implements OrganizerEvents {
  public static final String ON_SALE_INDEX_KEY = "CATALOG#ON_SALE";
  private static final Pattern LIST_KEY = Pattern.compile("EVENT#[0-9TZ:.\\-]+#[A-Za-z0-9_\\-]{1,64}");

  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions tx;

  public DynamoOrganizerEvents(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.tx = new Transactions(dynamo);
  }

  @Override
  public boolean create(OrganizerEvent e, AuditEntry audit) {
    Map<String, AttributeValue> listed = Map.of("pk", s("ORG#" + e.organizationId()),
        "sk", s("EVENT#" + e.createdAt() + "#" + e.eventId()), "eventId", s(e.eventId()));
    return write(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table).item(eventItem(e))
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(listed)).build(),
        auditPut(audit)));
  }

  @Override
  public Optional<OrganizerEvent> find(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(eventKey(eventId))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toEvent(item));
  }

  @Override
  public boolean update(OrganizerEvent e, long expectedVersion, AuditEntry audit) {
    Map<String, AttributeValue> item = eventItem(e);
    Map<String, AttributeValue> values = new HashMap<>();
    // An event written before versions existed (the local demo) has none: version 0 in the domain.
    String versionCondition = expectedVersion == 0 ? "attribute_not_exists(version)" : "version = :v";
    if (expectedVersion != 0) {
      values.put(":v", num(expectedVersion));
    }
    values.put(":org", s(e.organizationId()));
    values.put(":status", s(e.status().name()));
    // SET only what the event record holds, so attributes other writers keep on the item (the
    // catalog index keys, settings written by hand) survive an edit.
    Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
    StringBuilder set = new StringBuilder();
    int n = 0;
    for (var attribute : item.entrySet()) {
      if (attribute.getKey().equals("pk") || attribute.getKey().equals("sk")) {
        continue;
      }
      String name = attribute.getKey().equals("status") ? "#status" : "#a" + n;
      names.put(name, attribute.getKey());
      values.put(":a" + n, attribute.getValue());
      set.append(set.isEmpty() ? "SET " : ", ").append(name).append(" = :a").append(n);
      n++;
    }
    String update = set.toString();
    return write(List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(eventKey(e.eventId()))
            .updateExpression(update)
            .conditionExpression(versionCondition + " AND organizationId = :org AND #status = :status")
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)).build(),
        auditPut(audit)));
  }

  @Override
  public boolean transition(OrganizerEvent e, EventStatus from, EventStatus to, AuditEntry audit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":from", s(from.name()));
    values.put(":to", s(to.name()));
    values.put(":org", s(e.organizationId()));
    values.put(":now", s(e.updatedAt().toString()));
    values.put(":one", num(1));
    String expression;
    if (to == EventStatus.ON_SALE) {
      expression = "SET #status = :to, updatedAt = :now, gsi1pk = :idx, gsi1sk = :order ADD version :one";
      values.put(":idx", s(ON_SALE_INDEX_KEY));
      values.put(":order", s(e.startsAt() + "#" + e.eventId()));
    } else {
      expression = "SET #status = :to, updatedAt = :now REMOVE gsi1pk, gsi1sk ADD version :one";
    }
    String update = expression;
    return write(List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(eventKey(e.eventId()))
            .updateExpression(update)
            .conditionExpression("#status = :from AND organizationId = :org")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(values)).build(),
        auditPut(audit)));
  }

  @Override
  public Page<OrganizerEvent> list(String organizationId, Optional<String> cursor, int limit) {
    Map<String, AttributeValue> start = cursor.map(c -> Map.of("pk", s("ORG#" + organizationId),
        "sk", s(decode(c)))).orElse(null);
    var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :events)")
        .expressionAttributeValues(Map.of(":pk", s("ORG#" + organizationId), ":events", s("EVENT#")))
        .limit(limit).exclusiveStartKey(start));
    List<String> ids = page.items().stream().map(i -> i.get("eventId").s()).toList();
    Map<String, OrganizerEvent> found = new HashMap<>();
    if (!ids.isEmpty()) {
      List<Map<String, AttributeValue>> keys = ids.stream().map(DynamoOrganizerEvents::eventKey).toList();
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
          .consistentRead(true).build());
      while (request != null && !request.isEmpty()) {
        Map<String, KeysAndAttributes> asked = request;
        var answer = dynamo.batchGetItem(b -> b.requestItems(asked));
        for (var item : answer.responses().getOrDefault(table, List.of())) {
          OrganizerEvent e = toEvent(item);
          found.put(e.eventId(), e);
        }
        request = answer.hasUnprocessedKeys() && !answer.unprocessedKeys().isEmpty() ? answer.unprocessedKeys() : null;
      }
    }
    List<OrganizerEvent> events = ids.stream().map(found::get).filter(e -> e != null
        && organizationId.equals(e.organizationId())).toList();
    Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? Optional.of(encode(page.lastEvaluatedKey().get("sk").s())) : Optional.empty();
    return new Page<>(events, next);
  }

  @Override
  public List<OrganizerTicketType> ticketTypes(String eventId) {
    List<OrganizerTicketType> types = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :type)")
          .expressionAttributeValues(Map.of(":pk", s("EVENT#" + eventId), ":type", s("TYPE#")))
          .exclusiveStartKey(from));
      page.items().forEach(item -> types.add(toType(dynamo, table, eventId, item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    types.sort(Comparator.comparing(OrganizerTicketType::ticketTypeId));
    return types;
  }

  @Override
  public Optional<OrganizerTicketType> ticketType(String eventId, String ticketTypeId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(typeKey(eventId, ticketTypeId))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toType(dynamo, table, eventId, item));
  }

  @Override
  public boolean addTicketType(OrganizerTicketType t, EventStatus eventStatus, AuditEntry audit) {
    Map<String, AttributeValue> item = new HashMap<>(typeKey(t.eventId(), t.ticketTypeId()));
    item.put("type", s("ticketType"));
    item.put("ticketTypeId", s(t.ticketTypeId()));
    item.put("name", s(t.name()));
    item.put("price", num(t.price()));
    item.put("currency", s(t.currency()));
    item.put("capacity", num(t.capacity()));
    int shards = InventoryShards.countFor(t.capacity());
    if (shards > 1) {
      item.put("shards", num(shards));
    } else {
      item.put("held", num(0));
      item.put("sold", num(0));
      item.put("available", num(t.capacity()));
    }
    item.put("maxPerOrder", num(t.maxPerOrder()));
    putTime(item, "salesOpenAt", t.salesOpenAt());
    putTime(item, "salesCloseAt", t.salesCloseAt());
    List<TransactWriteItem> items = new ArrayList<>(List.of(
        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(eventKey(t.eventId()))
            .conditionExpression("#status = :status")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(Map.of(":status", s(eventStatus.name())))).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        auditPut(audit)));
    if (shards > 1) {
      for (var shard : InventoryItems.newShards(t.eventId(), t.ticketTypeId(), t.capacity(), shards)) {
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(shard)
            .conditionExpression("attribute_not_exists(pk)")).build());
      }
    }
    return write(items);
  }

  @Override
  public CapacityWrite updateTicketType(OrganizerTicketType before, OrganizerTicketType after, AuditEntry audit) {
    var typeItem = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(typeKey(after.eventId(), after.ticketTypeId()))).item();
    int shards = InventoryItems.shardCount(typeItem);
    if (shards > 1) {
      return updateShardedType(before, after, audit, shards);
    }
    int delta = after.capacity() - before.capacity();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":name", s(after.name()));
    values.put(":price", num(after.price()));
    values.put(":max", num(after.maxPerOrder()));
    values.put(":old", num(before.capacity()));
    values.put(":new", num(after.capacity()));
    values.put(":delta", num(delta));
    values.put(":need", num(Math.max(0, -delta)));
    StringBuilder set = new StringBuilder(
        "SET #name = :name, price = :price, maxPerOrder = :max, #capacity = :new, available = available + :delta");
    List<String> remove = new ArrayList<>();
    window(set, remove, values, "salesOpenAt", after.salesOpenAt());
    window(set, remove, values, "salesCloseAt", after.salesCloseAt());
    String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    boolean written = write(List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(typeKey(after.eventId(), after.ticketTypeId()))
            .updateExpression(update)
            .conditionExpression("#capacity = :old AND available >= :need")
            .expressionAttributeNames(Map.of("#capacity", "capacity", "#name", "name"))
            .expressionAttributeValues(values)).build(),
        auditPut(audit)));
    return written ? CapacityWrite.APPLIED : CapacityWrite.STALE;
  }

  /**
   * A sharded type's change: one transaction over the type item (its total capacity, conditional
   * on the capacity read) and the shards whose capacity moves. Lowering takes seats only from
   * shards' available seats, each under the condition {@code available >= taken}, so no shard's
   * capacity goes below its own sold + held and the total never below the total sold + held, even
   * with checkouts racing. When a racing checkout makes a condition fail, nothing is written and
   * the caller reads again (STALE); when the shards together lack the seats, the caller's fresh
   * read shows sold + held above the new capacity and refuses.
   */
  private CapacityWrite updateShardedType(OrganizerTicketType before, OrganizerTicketType after, AuditEntry audit,
      int shards) {
    int delta = after.capacity() - before.capacity();
    Map<Integer, Integer> moves = new LinkedHashMap<>();
    if (delta > 0) {
      moves.putAll(InventoryShards.raise(delta, shards));
    } else if (delta < 0) {
      var now = InventoryItems.read(dynamo, table, after.eventId(), after.ticketTypeId(), shards);
      var plan = InventoryShards.lower(-delta, now.available());
      if (plan.isEmpty()) {
        return CapacityWrite.STALE;
      }
      plan.get().forEach((k, q) -> moves.put(k, -q));
    }
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":name", s(after.name()));
    values.put(":price", num(after.price()));
    values.put(":max", num(after.maxPerOrder()));
    values.put(":old", num(before.capacity()));
    values.put(":new", num(after.capacity()));
    StringBuilder set = new StringBuilder("SET #name = :name, price = :price, maxPerOrder = :max, #capacity = :new");
    List<String> remove = new ArrayList<>();
    window(set, remove, values, "salesOpenAt", after.salesOpenAt());
    window(set, remove, values, "salesCloseAt", after.salesCloseAt());
    String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(typeKey(after.eventId(), after.ticketTypeId()))
        .updateExpression(update)
        .conditionExpression("#capacity = :old")
        .expressionAttributeNames(Map.of("#capacity", "capacity", "#name", "name"))
        .expressionAttributeValues(values)).build());
    moves.forEach((k, d) -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
        .key(InventoryItems.shardKey(after.eventId(), after.ticketTypeId(), k))
        .updateExpression("SET #capacity = #capacity + :d, available = available + :d")
        .conditionExpression("attribute_exists(pk) AND available >= :need")
        .expressionAttributeNames(Map.of("#capacity", "capacity"))
        .expressionAttributeValues(Map.of(":d", num(d), ":need", num(Math.max(0, -d))))).build()));
    items.add(auditPut(audit));
    return write(items) ? CapacityWrite.APPLIED : CapacityWrite.STALE;
  }

  private static void window(StringBuilder set, List<String> remove, Map<String, AttributeValue> values, String name,
      Instant value) {
    if (value == null) {
      remove.add(name);
    } else {
      set.append(", ").append(name).append(" = :").append(name);
      values.put(":" + name, s(value.toString()));
    }
  }

  /**
   * True when written; false when a condition failed, or when other writers kept the items busy
   * through every retry: either way nothing was written and the caller reads again.
   */
  private boolean write(List<TransactWriteItem> items) {
    try {
      return tx.write(items).isEmpty();
    } catch (TransactionCanceledException busy) {
      return false;
    }
  }

  private TransactWriteItem auditPut(AuditEntry audit) {
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoAuditLog.item(audit))
        .conditionExpression("attribute_not_exists(pk)")).build();
  }

  private static Map<String, AttributeValue> eventItem(OrganizerEvent e) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(eventKey(e.eventId()));
    item.put("type", s("event"));
    item.put("eventId", s(e.eventId()));
    item.put("organizationId", s(e.organizationId()));
    item.put("name", s(e.name()));
    if (e.venue() != null && !e.venue().isEmpty()) {
      item.put("venue", s(e.venue()));
    }
    item.put("timeZone", s(e.timeZone()));
    item.put("startsAt", s(e.startsAt().toString()));
    // The reminders find the events starting soon by their start's day (gsi2).
    item.putAll(DynamoEventReminderStore.startIndexKeys(e.startsAt()));
    item.put("endsAt", s(e.endsAt().toString()));
    putTime(item, "salesOpenAt", e.salesOpenAt());
    putTime(item, "salesCloseAt", e.salesCloseAt());
    item.put("currency", s(e.currency()));
    item.put("status", s(e.status().name()));
    item.put("allowReentry", AttributeValue.fromBool(e.allowReentry()));
    item.put("rotatingCodes", AttributeValue.fromBool(e.rotatingCodes()));
    item.put("printedCodesAllowed", AttributeValue.fromBool(e.printedCodesAllowed()));
    item.put("createdAt", s(e.createdAt().toString()));
    item.put("updatedAt", s(e.updatedAt().toString()));
    item.put("version", num(e.version()));
    if (e.status() == EventStatus.ON_SALE) {
      item.put("gsi1pk", s(ON_SALE_INDEX_KEY));
      item.put("gsi1sk", s(e.startsAt() + "#" + e.eventId()));
    }
    return item;
  }

  /** An event record; those written before organizers existed (the local demo) get neutral defaults. */
  static OrganizerEvent toEvent(Map<String, AttributeValue> item) {
    Instant startsAt = instant(item, "startsAt");
    return new OrganizerEvent(str(item, "eventId"), str(item, "organizationId"), str(item, "name"),
        str(item, "venue"), item.containsKey("timeZone") ? str(item, "timeZone") : "UTC", startsAt,
        instant(item, "endsAt"), instant(item, "salesOpenAt"), instant(item, "salesCloseAt"), str(item, "currency"),
        EventStatus.valueOf(str(item, "status")), bool(item, "allowReentry", true), bool(item, "rotatingCodes", false),
        bool(item, "printedCodesAllowed", true),
        item.containsKey("createdAt") ? instant(item, "createdAt") : startsAt,
        item.containsKey("updatedAt") ? instant(item, "updatedAt") : startsAt,
        item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0);
  }

  /** The type with its counters summed over its shards when it has shards (each shard read consistently). */
  static OrganizerTicketType toType(DynamoDbClient dynamo, String table, String eventId,
      Map<String, AttributeValue> item) {
    return toType(eventId, InventoryItems.withTotals(dynamo, table, eventId, item));
  }

  static OrganizerTicketType toType(String eventId, Map<String, AttributeValue> item) {
    int capacity = n(item, "capacity");
    int held = n(item, "held");
    int sold = n(item, "sold");
    return new OrganizerTicketType(eventId, str(item, "ticketTypeId"), str(item, "name"),
        Long.parseLong(item.get("price").n()), str(item, "currency"), capacity, held, sold,
        item.containsKey("available") ? n(item, "available") : capacity - held - sold,
        item.containsKey("maxPerOrder") ? n(item, "maxPerOrder") : 10, instant(item, "salesOpenAt"),
        instant(item, "salesCloseAt"));
  }

  static Map<String, AttributeValue> eventKey(String eventId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"));
  }

  private static Map<String, AttributeValue> typeKey(String eventId, String typeId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("TYPE#" + typeId));
  }

  static String encode(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    String sortKey;
    try {
      sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    if (!LIST_KEY.matcher(sortKey).matches()) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    return sortKey;
  }

  private static void putTime(Map<String, AttributeValue> item, String name, Instant value) {
    if (value != null) {
      item.put(name, s(value.toString()));
    }
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

  private static boolean bool(Map<String, AttributeValue> item, String name, boolean fallback) {
    AttributeValue v = item.get(name);
    return v == null || v.bool() == null ? fallback : v.bool();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
