package com.boxoffice.shared.testing;

import com.boxoffice.shared.adapter.dynamo.OrderItems;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the records the analytics summarise (and events) in the shapes and with the conditional updates the
 * checkout, webhook and scanner functions use (docs/data-model.md): ticket types whose holds move,
 * orders that go from pending to paid, expired or refunded, tickets, and door scans.
 */
public final class TableActivity {
  private final DynamoDbClient dynamo;
  private final String table;

  public TableActivity(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** An event owned by {@code organizationId}, in {@code timeZone} (null: the attribute is absent). */
  public void event(String eventId, String organizationId, String timeZone) {
    Map<String, AttributeValue> item = new HashMap<>(key("EVENT#" + eventId, "EVENT"));
    item.put("eventId", s(eventId));
    item.put("name", s("Event " + eventId));
    item.put("organizationId", s(organizationId));
    item.put("currency", s("eur"));
    item.put("status", s("ON_SALE"));
    item.put("startsAt", s("2026-12-20T19:00:00Z"));
    item.put("endsAt", s("2026-12-20T23:00:00Z"));
    if (timeZone != null) {
      item.put("timeZone", s(timeZone));
    }
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  public void ticketType(String eventId, String typeId, String name, int capacity, long price) {
    Map<String, AttributeValue> item = new HashMap<>(key("EVENT#" + eventId, "TYPE#" + typeId));
    item.putAll(Map.of("ticketTypeId", s(typeId), "name", s(name),
        "price", n(price), "currency", s("eur"), "capacity", n(capacity), "held", n(0), "sold", n(0),
        "available", n(capacity)));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /** Checkout: holds the seats and writes the pending order. */
  public void pendingOrder(String orderId, String eventId, String typeId, int quantity, long unitPrice, Instant at) {
    dynamo.updateItem(b -> b.tableName(table).key(key("EVENT#" + eventId, "TYPE#" + typeId))
        .updateExpression("ADD held :q, available :minus").conditionExpression("available >= :q")
        .expressionAttributeValues(Map.of(":q", n(quantity), ":minus", n(-quantity))));
    Map<String, AttributeValue> item = new HashMap<>(key("ORDER#" + orderId, "ORDER"));
    item.put("orderId", s(orderId));
    item.put("status", s("pending"));
    item.put("eventId", s(eventId));
    item.put(OrderItems.EVENT_BUCKET, s(OrderItems.eventBucket(eventId, orderId)));
    item.put(OrderItems.SECOND_INDEX_SK, s(orderId));
    item.put("lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("ticketTypeId", s(typeId),
        "name", s(typeId), "quantity", n(quantity), "unitPrice", n(unitPrice))))));
    item.put("ticketCount", n(quantity));
    item.put("amountTotal", n(quantity * unitPrice));
    item.put("currency", s("eur"));
    item.put("createdAt", s(at.toString()));
    item.put("amountRefunded", n(0));
    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
  }

  /** The webhook's fulfilment: the order paid, held seats sold, its tickets issued. */
  public void pay(String orderId, String eventId, String typeId, int quantity, long amount, Instant at) {
    dynamo.updateItem(b -> b.tableName(table).key(key("ORDER#" + orderId, "ORDER"))
        .updateExpression("SET #s = :paid, paidAt = :at, amountPaid = :amt, ticketsIssued = :q")
        .conditionExpression("#s = :pending").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":paid", s("paid"), ":pending", s("pending"), ":at", s(at.toString()),
            ":amt", n(amount), ":q", n(quantity))));
    dynamo.updateItem(b -> b.tableName(table).key(key("EVENT#" + eventId, "TYPE#" + typeId))
        .updateExpression("ADD held :minus, sold :q")
        .expressionAttributeValues(Map.of(":q", n(quantity), ":minus", n(-quantity))));
    for (int i = 0; i < quantity; i++) {
      String ticketId = orderId + "-t" + i;
      Map<String, AttributeValue> ticket = new HashMap<>(key("TICKET#" + ticketId, "TICKET"));
      ticket.putAll(Map.of("gsi1pk", s("ORDER#" + orderId), "gsi1sk", s("TICKET#" + ticketId), "ticketId", s(ticketId),
          "eventId", s(eventId), "orderId", s(orderId), "ticketTypeId", s(typeId), "status", s("VALID"),
          "issuedAt", s(at.toString())));
      dynamo.putItem(b -> b.tableName(table).item(ticket));
    }
  }

  /** The hold sweep: an unpaid order ends and its seats go back. */
  public void expire(String orderId, String eventId, String typeId, int quantity) {
    dynamo.updateItem(b -> b.tableName(table).key(key("ORDER#" + orderId, "ORDER"))
        .updateExpression("SET #s = :expired").conditionExpression("#s = :pending")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":expired", s("expired"), ":pending", s("pending"))));
    dynamo.updateItem(b -> b.tableName(table).key(key("EVENT#" + eventId, "TYPE#" + typeId))
        .updateExpression("ADD held :minus, available :q")
        .expressionAttributeValues(Map.of(":q", n(quantity), ":minus", n(-quantity))));
  }

  /** A refund of {@code total} so far (the order's running total, as the webhook keeps it). */
  public void refund(String orderId, long total, boolean full, Instant at) {
    dynamo.updateItem(b -> b.tableName(table).key(key("ORDER#" + orderId, "ORDER"))
        .updateExpression("SET #s = :next, amountRefunded = :total, refundedAt = :at")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":next", s(full ? "refunded" : "partially_refunded"),
            ":total", n(total), ":at", s(at.toString()))));
  }

  /** The door: an accepted scan changes the ticket and writes a kept scan log entry. */
  public void scan(String ticketId, String eventId, boolean entry, String nonce, Instant at) {
    if (entry) {
      dynamo.updateItem(b -> b.tableName(table).key(key("TICKET#" + ticketId, "TICKET"))
          .updateExpression("SET inside = :t, firstAdmittedAt = if_not_exists(firstAdmittedAt, :at), lastScanAt = :at "
              + "ADD admissions :one")
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":at", s(at.toString()), ":one", n(1))));
    } else {
      dynamo.updateItem(b -> b.tableName(table).key(key("TICKET#" + ticketId, "TICKET"))
          .updateExpression("SET inside = :f, lastScanAt = :at ADD exits :one")
          .expressionAttributeValues(Map.of(":f", AttributeValue.fromBool(false), ":at", s(at.toString()), ":one", n(1))));
    }
    scanLog(ticketId, eventId, entry, nonce, at, "ok");
  }

  /** A refused scan: only a scan log entry, which expires. */
  public void refusedScan(String ticketId, String eventId, String nonce, Instant at) {
    scanLog(ticketId, eventId, true, nonce, at, "already_redeemed");
  }

  private void scanLog(String ticketId, String eventId, boolean entry, String nonce, Instant at, String result) {
    Map<String, AttributeValue> item = new HashMap<>(key("TICKET#" + ticketId, "SCAN#" + at + "#" + nonce + "#scanner-1"));
    item.put("gsi1pk", s("SCANS#" + eventId));
    item.put("gsi1sk", s(at.toString()));
    item.put("eventId", s(eventId));
    item.put("ticketId", s(ticketId));
    item.put("scannerId", s("scanner-1"));
    item.put("gate", s("A"));
    item.put("direction", s(entry ? "entry" : "exit"));
    item.put("nonce", s(nonce));
    item.put("scannedAt", s(at.toString()));
    item.put("result", s(result));
    if (!"ok".equals(result)) {
      item.put("expiresAt", n(at.plusSeconds(30L * 86400).getEpochSecond()));
    }
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  public void put(Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
