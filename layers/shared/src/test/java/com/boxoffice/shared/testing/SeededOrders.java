package com.boxoffice.shared.testing;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.OrderPayments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The production order state machine ({@link DynamoOrderPayments}) with helpers that put ticket
 * types and pending orders in DynamoDB Local exactly as checkout leaves them (a hold placed, a
 * checkout session attached), so webhook and reconciliation tests drive the real transitions.
 */
public final class SeededOrders implements OrderPayments {
  /** Seeded events start here; tickets are valid around it. */
  public static final Instant EVENT_STARTS_AT = Instant.parse("2030-01-01T18:00:00Z");

  private final DynamoDbClient dynamo;
  private final String table;
  private final DynamoCatalog catalog;
  private final DynamoOrderStore store;
  private final DynamoOrderPayments payments;

  public SeededOrders(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.catalog = new DynamoCatalog(dynamo, table);
    this.store = new DynamoOrderStore(dynamo, table);
    this.payments = new DynamoOrderPayments(dynamo, table);
  }

  /** A ticket type whose seats are split over {@code shards} counter items. */
  public void seedShardedTicketType(String eventId, String ticketTypeId, String name, int capacity, int shards) {
    catalog.putTicketType(new TicketType(eventId, ticketTypeId, name, 2500, "eur", capacity, 0, 0, capacity, 10), shards);
  }

  public void seedTicketType(String eventId, String ticketTypeId, String name, int capacity) {
    catalog.putTicketType(new TicketType(eventId, ticketTypeId, name, 2500, "eur", capacity, 0, 0, capacity, 10));
  }

  /**
   * A pending order holding {@code quantity} seats of one type, with its checkout session; the
   * hold ends, and the order becomes due for the sweep and reconciliation, at {@code holdExpiresAt}.
   */
  public void seedPendingOrder(String orderId, String eventId, String ticketTypeId, int quantity,
      String checkoutSessionId, Instant holdExpiresAt, String buyerEmail, long amount) {
    Instant createdAt = holdExpiresAt.minus(Duration.ofMinutes(31));
    Order order = new Order(orderId, OrderStatus.PENDING, eventId, "Event " + eventId, EVENT_STARTS_AT,
        EVENT_STARTS_AT.plus(Duration.ofHours(4)), "buyer-" + orderId, null, buyerEmail, "Buyer " + orderId,
        List.of(new OrderLine(ticketTypeId, "Type " + ticketTypeId, quantity, amount / quantity)), amount, "eur",
        createdAt, holdExpiresAt, holdExpiresAt, null, null, null, null, false, 0, 0);
    store.placeHold(order);
    store.attachSession(orderId, checkoutSessionId, "https://checkout.stripe.test/" + checkoutSessionId, holdExpiresAt);
  }

  public Map<String, AttributeValue> order(String orderId) {
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS("ORDER")))).item();
  }

  public Map<String, AttributeValue> ticketType(String eventId, String ticketTypeId) {
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("TYPE#" + ticketTypeId))))
        .item();
  }

  @Override
  public PaidResult paid(PaymentConfirmation confirmation) {
    return payments.paid(confirmation);
  }

  @Override
  public Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at) {
    return payments.paymentFailed(orderId, checkoutSessionId, at);
  }

  @Override
  public Outcome expired(String orderId, String checkoutSessionId, Instant at) {
    return payments.expired(orderId, checkoutSessionId, at);
  }

  @Override
  public void refundIssued(String paymentIntentId, String refundId, Instant at) {
    payments.refundIssued(paymentIntentId, refundId, at);
  }

  @Override
  public Optional<PaymentLink> paymentLink(String paymentIntentId) {
    return payments.paymentLink(paymentIntentId);
  }

  @Override
  public boolean hasOrder(String orderId) {
    return payments.hasOrder(orderId);
  }

  @Override
  public Outcome refunded(RefundReport report) {
    return payments.refunded(report);
  }

  @Override
  public Outcome disputed(String orderId, String paymentIntentId, Instant at) {
    return payments.disputed(orderId, paymentIntentId, at);
  }

  /** Marks the event cancelled (its record is written if it has none). */
  public void cancelEvent(String eventId) {
    dynamo.updateItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))
        .updateExpression("SET #status = :cancelled")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":cancelled", AttributeValue.fromS("CANCELLED"))));
  }

  public Map<String, AttributeValue> payment(String paymentIntentId) {
    return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("PAYMENT#" + paymentIntentId), "sk", AttributeValue.fromS("ORDER"))))
        .item();
  }
}
