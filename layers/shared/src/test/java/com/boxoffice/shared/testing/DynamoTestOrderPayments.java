package com.boxoffice.shared.testing;

import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.OrderPayments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A test-only {@link OrderPayments} that keeps its effects in DynamoDB Local with the layout of
 * docs/data-model.md (order, tickets, ticket type inventory, payment index), every transition a
 * conditional transaction on the order's status. It stands in for the production order state
 * machine so the webhook's storm and reconciliation tests run against real conditional writes.
 */
public final class DynamoTestOrderPayments implements OrderPayments {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoTestOrderPayments(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public void seedTicketType(String eventId, String ticketTypeId, String name, int capacity) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("EVENT#" + eventId));
    item.put("sk", s("TYPE#" + ticketTypeId));
    item.put("ticketTypeId", s(ticketTypeId));
    item.put("name", s(name));
    item.put("capacity", n(capacity));
    item.put("held", n(0));
    item.put("sold", n(0));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /** A pending order holding {@code quantity} seats, as checkout leaves it. */
  public void seedPendingOrder(String orderId, String eventId, String ticketTypeId, int quantity,
      String checkoutSessionId, Instant holdExpiresAt, String buyerEmail, long amount) {
    Map<String, AttributeValue> order = new HashMap<>();
    order.put("pk", s("ORDER#" + orderId));
    order.put("sk", s("ORDER"));
    order.put("gsi1pk", s("ORDERS#PENDING"));
    order.put("gsi1sk", s(holdExpiresAt + "#" + orderId));
    order.put("orderId", s(orderId));
    order.put("status", s("PENDING"));
    order.put("eventId", s(eventId));
    order.put("ticketTypeId", s(ticketTypeId));
    order.put("quantity", n(quantity));
    order.put("checkoutSessionId", s(checkoutSessionId));
    order.put("holdExpiresAt", s(holdExpiresAt.toString()));
    order.put("buyerEmail", s(buyerEmail));
    order.put("buyerName", s("Buyer " + orderId));
    order.put("amount", n(amount));
    order.put("currency", s("eur"));
    dynamo.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().put(Put.builder().tableName(table).item(order)
            .conditionExpression("attribute_not_exists(pk)").build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(table).key(typeKey(eventId, ticketTypeId))
            .updateExpression("ADD held :q").expressionAttributeValues(Map.of(":q", n(quantity))).build()).build()));
  }

  public Map<String, AttributeValue> order(String orderId) {
    return dynamo.getItem(b -> b.tableName(table).key(orderKey(orderId)).consistentRead(true)).item();
  }

  public Map<String, AttributeValue> ticketType(String eventId, String ticketTypeId) {
    return dynamo.getItem(b -> b.tableName(table).key(typeKey(eventId, ticketTypeId)).consistentRead(true)).item();
  }

  @Override
  public PaidResult paid(PaymentConfirmation c) {
    for (int attempt = 0; attempt < 2; attempt++) {
      Map<String, AttributeValue> order = order(c.orderId());
      if (order == null || order.isEmpty()) {
        return new PaidResult(Outcome.NOT_FOUND, null);
      }
      String status = order.get("status").s();
      if (status.equals("PAID")) {
        return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order));
      }
      if (!status.equals("PENDING")) {
        return new PaidResult(Outcome.IGNORED, null);
      }
      List<TransactWriteItem> writes = new ArrayList<>();
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":pending", s("PENDING"), ":paid", s("PAID"),
          ":at", s(c.at().toString())));
      String set = "SET #status = :paid, paidAt = :at";
      if (c.paymentIntentId() != null) {
        values.put(":pi", s(c.paymentIntentId()));
        set += ", paymentIntentId = :pi";
      }
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(orderKey(c.orderId()))
          .updateExpression(set + " REMOVE gsi1pk, gsi1sk").conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values).build()).build());
      int quantity = Integer.parseInt(order.get("quantity").n());
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
          .key(typeKey(order.get("eventId").s(), order.get("ticketTypeId").s()))
          .updateExpression("ADD held :minus, sold :plus")
          .expressionAttributeValues(Map.of(":minus", n(-quantity), ":plus", n(quantity))).build()).build());
      for (Ticket t : tickets(order)) {
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(TicketItems.toItem(t))
            .conditionExpression("attribute_not_exists(pk)").build()).build());
      }
      if (c.paymentIntentId() != null) {
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
            "pk", s("PAYMENT#" + c.paymentIntentId()), "sk", s("ORDER"), "orderId", s(c.orderId()))).build()).build());
      }
      try {
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return new PaidResult(Outcome.APPLIED, fulfilled(order(c.orderId())));
      } catch (TransactionCanceledException e) {
        if (!"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
          throw e;
        }
        // The order changed under us; look again.
      }
    }
    throw new IllegalStateException("order kept changing");
  }

  @Override
  public Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at) {
    return release(orderId, "PAYMENT_FAILED", at);
  }

  @Override
  public Outcome expired(String orderId, String checkoutSessionId, Instant at) {
    return release(orderId, "EXPIRED", at);
  }

  private Outcome release(String orderId, String target, Instant at) {
    for (int attempt = 0; attempt < 2; attempt++) {
      Map<String, AttributeValue> order = order(orderId);
      if (order == null || order.isEmpty()) {
        return Outcome.NOT_FOUND;
      }
      String status = order.get("status").s();
      if (status.equals(target)) {
        return Outcome.ALREADY_APPLIED;
      }
      if (!status.equals("PENDING")) {
        return Outcome.IGNORED;
      }
      int quantity = Integer.parseInt(order.get("quantity").n());
      try {
        dynamo.transactWriteItems(b -> b.transactItems(
            TransactWriteItem.builder().update(Update.builder().tableName(table).key(orderKey(orderId))
                .updateExpression("SET #status = :target, closedAt = :at REMOVE gsi1pk, gsi1sk")
                .conditionExpression("#status = :pending").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":target", s(target), ":pending", s("PENDING"), ":at", s(at.toString())))
                .build()).build(),
            TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(typeKey(order.get("eventId").s(), order.get("ticketTypeId").s()))
                .updateExpression("ADD held :minus").expressionAttributeValues(Map.of(":minus", n(-quantity)))
                .build()).build()));
        return Outcome.APPLIED;
      } catch (TransactionCanceledException e) {
        if (!"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
          throw e;
        }
      }
    }
    throw new IllegalStateException("order kept changing");
  }

  @Override
  public Outcome refunded(String paymentIntentId, long amountRefundedTotal, Instant at) {
    return flag(paymentIntentId, "refundedAmount", n(amountRefundedTotal));
  }

  @Override
  public Outcome disputed(String paymentIntentId, Instant at) {
    return flag(paymentIntentId, "disputedAt", s(at.toString()));
  }

  private Outcome flag(String paymentIntentId, String attribute, AttributeValue value) {
    Map<String, AttributeValue> index = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", s("PAYMENT#" + paymentIntentId), "sk", s("ORDER")))).item();
    if (index == null || index.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    Map<String, AttributeValue> order = order(index.get("orderId").s());
    if (value.equals(order.get(attribute))) {
      return Outcome.ALREADY_APPLIED;
    }
    dynamo.updateItem(b -> b.tableName(table).key(orderKey(index.get("orderId").s()))
        .updateExpression("SET " + attribute + " = :v").expressionAttributeValues(Map.of(":v", value)));
    return Outcome.APPLIED;
  }

  private FulfilledOrder fulfilled(Map<String, AttributeValue> order) {
    return new FulfilledOrder(order.get("orderId").s(), order.get("eventId").s(), "Event " + order.get("eventId").s(),
        order.get("buyerEmail").s(), order.get("buyerName").s(), Long.parseLong(order.get("amount").n()),
        order.get("currency").s(), tickets(order));
  }

  private static List<Ticket> tickets(Map<String, AttributeValue> order) {
    String orderId = order.get("orderId").s();
    int quantity = Integer.parseInt(order.get("quantity").n());
    Instant validFrom = Instant.parse("2030-01-01T18:00:00Z");
    List<Ticket> tickets = new ArrayList<>();
    for (int seq = 1; seq <= quantity; seq++) {
      tickets.add(new Ticket(Ticket.idFor(orderId, seq), order.get("eventId").s(), orderId, seq,
          order.get("ticketTypeId").s(), "General admission", null, TicketStatus.VALID, validFrom,
          validFrom, validFrom.plus(Duration.ofHours(8))));
    }
    return tickets;
  }

  private static Map<String, AttributeValue> orderKey(String orderId) {
    return Map.of("pk", s("ORDER#" + orderId), "sk", s("ORDER"));
  }

  private static Map<String, AttributeValue> typeKey(String eventId, String ticketTypeId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("TYPE#" + ticketTypeId));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
