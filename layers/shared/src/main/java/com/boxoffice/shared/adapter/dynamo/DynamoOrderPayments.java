package com.boxoffice.shared.adapter.dynamo;

import static com.boxoffice.shared.adapter.dynamo.OrderItems.n;
import static com.boxoffice.shared.adapter.dynamo.OrderItems.s;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link OrderPayments} on the main table. Each call reads the order, decides from its status
 * what the event means, and writes the whole change as one transaction conditional on that
 * status; if the status moved in between, it reads again and decides again. So any number of
 * repeats, in any order, leave the order, its tickets and the inventory as one delivery would.
 *
 * <p>Rules worth knowing:
 * <ul>
 *   <li>{@code paid} on a pending order: order paid, tickets issued ({@code <orderId>-<seq>},
 *   written only if absent), each ticket type's {@code held} moved to {@code sold}, and the
 *   {@code PAYMENT#<paymentIntentId>} index written, in one transaction.</li>
 *   <li>{@code paid} on an order that already ended unpaid (expired, payment failed, cancelled: its
 *   hold was released): the seats are taken again in the same transaction if they are still
 *   available ({@code available >= q}). If they are gone the order still becomes paid (the money
 *   was taken) but with {@code needsRefund = true}, no tickets and no seats; the result's
 *   fulfilled order then has an empty ticket list, and the payment must be refunded.</li>
 *   <li>{@code expired} / {@code paymentFailed} only end a pending order; on any other state they
 *   are {@code IGNORED} (or {@code ALREADY_APPLIED} if it already ended that way).</li>
 *   <li>{@code refunded}: the refund total is cumulative, so a total not above the one recorded
 *   changes nothing. A total of at least the order amount refunds every ticket; a smaller one
 *   refunds whole tickets from the highest sequence number down, as far as it covers their full
 *   price. Refunds do not return seats to sale.</li>
 *   <li>{@code disputed}: every still-valid ticket is revoked; a dispute is final.</li>
 * </ul>
 */
public final class DynamoOrderPayments implements OrderPayments {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoOrderPayments.class);
  private static final int ROUNDS = 5;

  private final DynamoDbClient dynamo;
  private final String table;
  private final DynamoOrderStore store;
  private final Transactions tx;
  private final TicketCodes fallbackCodes;

  public DynamoOrderPayments(DynamoDbClient dynamo, String table) {
    this(dynamo, table, null);
  }

  /**
   * @param fallbackCodes when given, the transaction that issues tickets also writes each ticket's
   *     fallback-code index entry (docs/ticket-codes.md), so door staff can type the short code
   */
  public DynamoOrderPayments(DynamoDbClient dynamo, String table, TicketCodes fallbackCodes) {
    this.dynamo = dynamo;
    this.table = table;
    this.store = new DynamoOrderStore(dynamo, table);
    this.tx = new Transactions(dynamo);
    this.fallbackCodes = fallbackCodes;
  }

  @Override
  public PaidResult paid(PaymentConfirmation c) {
    for (int round = 0; round < ROUNDS; round++) {
      Optional<Order> found = store.find(c.orderId());
      if (found.isEmpty()) {
        return new PaidResult(Outcome.NOT_FOUND, null);
      }
      Order order = found.get();
      if (order.status().wasPaid()) {
        return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order, store.tickets(order)));
      }
      if (c.amountTotal() != order.amountTotal() || !order.currency().equalsIgnoreCase(String.valueOf(c.currency()))) {
        LOG.warn("paid amount differs from order orderId={} paid={} {} expected={} {}", order.orderId(),
            c.amountTotal(), c.currency(), order.amountTotal(), order.currency());
      }
      List<Ticket> tickets = order.ticketsToIssue(c.at());
      boolean seatsReleased = order.status().endedUnpaid();
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(markPaid(order, c, tickets.size(), false));
      for (Ticket t : tickets) {
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(TicketItems.toItem(t))
            .conditionExpression("attribute_not_exists(pk)")).build());
      }
      int firstType = items.size();
      for (OrderLine line : order.lines()) {
        items.add(seatsReleased ? retake(order, line) : sell(order, line));
      }
      int paymentIndex = items.size();
      paymentIndexItem(order, c).ifPresent(items::add);
      if (fallbackCodes != null) {
        // unconditional: the entry is a pure function of the ticket, so a rewrite changes nothing
        for (Ticket t : tickets) {
          items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoDoorStore.fallbackItem(
              t.eventId(), fallbackCodes.fallbackCodeFor(t), t.ticketId(), t.validFrom(), t.validUntil()))).build());
        }
      }
      Optional<List<CancellationReason>> refused = tx.write(items);
      if (refused.isEmpty()) {
        LOG.info("order paid orderId={} tickets={} seatsRetaken={}", order.orderId(), tickets.size(), seatsReleased);
        return new PaidResult(Outcome.APPLIED, fulfilled(order, tickets));
      }
      List<CancellationReason> reasons = refused.get();
      if (Transactions.failed(reasons, paymentIndex)) {
        throw new IllegalStateException("payment " + c.paymentIntentId() + " is already indexed to another order");
      }
      boolean seatsGone = false;
      for (int i = firstType; i < paymentIndex; i++) {
        seatsGone |= Transactions.failed(reasons, i);
      }
      if (seatsReleased && seatsGone && !Transactions.failed(reasons, 0)) {
        List<TransactWriteItem> flagged = new ArrayList<>();
        flagged.add(markPaid(order, c, 0, true));
        paymentIndexItem(order, c).ifPresent(flagged::add);
        if (tx.write(flagged).isEmpty()) {
          LOG.error("order paid after its seats were resold; refund needed orderId={}", order.orderId());
          return new PaidResult(Outcome.APPLIED, fulfilled(order, List.of()));
        }
      }
      // The order changed under us (another delivery, the sweep): decide again from what is there now.
    }
    throw new IllegalStateException("order " + c.orderId() + " kept changing while being marked paid");
  }

  @Override
  public Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at) {
    return endUnpaid(orderId, checkoutSessionId, OrderStatus.PAYMENT_FAILED, at);
  }

  @Override
  public Outcome expired(String orderId, String checkoutSessionId, Instant at) {
    return endUnpaid(orderId, checkoutSessionId, OrderStatus.EXPIRED, at);
  }

  private Outcome endUnpaid(String orderId, String sessionId, OrderStatus to, Instant at) {
    for (int round = 0; round < ROUNDS; round++) {
      Optional<Order> found = store.find(orderId);
      if (found.isEmpty()) {
        return Outcome.NOT_FOUND;
      }
      Order order = found.get();
      if (sessionId != null && order.checkoutSessionId() != null && !sessionId.equals(order.checkoutSessionId())) {
        return Outcome.IGNORED;
      }
      if (order.status() == to) {
        return Outcome.ALREADY_APPLIED;
      }
      if (order.status() != OrderStatus.PENDING) {
        return Outcome.IGNORED;
      }
      if (store.endUnpaid(order, to, at)) {
        LOG.info("order ended unpaid orderId={} status={}", orderId, to.wire());
        return Outcome.APPLIED;
      }
    }
    throw new IllegalStateException("order " + orderId + " kept changing while being ended");
  }

  @Override
  public Outcome refunded(String paymentIntentId, long amountRefundedTotal, Instant at) {
    Optional<String> orderId = orderIdForPayment(paymentIntentId);
    if (orderId.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    for (int round = 0; round < ROUNDS; round++) {
      Optional<Order> found = store.find(orderId.get());
      if (found.isEmpty()) {
        return Outcome.NOT_FOUND;
      }
      Order order = found.get();
      OrderStatus current = order.status();
      if (current == OrderStatus.DISPUTED || !current.wasPaid()) {
        return Outcome.IGNORED;
      }
      if (current == OrderStatus.REFUNDED || amountRefundedTotal <= order.amountRefunded()) {
        return Outcome.ALREADY_APPLIED;
      }
      OrderStatus next = amountRefundedTotal >= order.amountTotal() ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
      int coveredBefore = order.ticketsCoveredByRefund(order.amountRefunded());
      int coveredNow = order.ticketsCoveredByRefund(amountRefundedTotal);
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression("SET #status = :next, amountRefunded = :total, refundedAt = :at")
          .conditionExpression("#status = :current AND amountRefunded = :before")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":next", s(next.wire()), ":total", n(amountRefundedTotal),
              ":at", s(at.toString()), ":current", s(current.wire()), ":before", n(order.amountRefunded())))).build());
      for (int seq = order.ticketsIssued() - coveredBefore; seq > order.ticketsIssued() - coveredNow; seq--) {
        items.add(ticketStatus(Ticket.idFor(order.orderId(), seq), TicketStatus.REFUNDED, at));
      }
      if (tx.write(items).isEmpty()) {
        LOG.info("order refunded orderId={} status={} ticketsRefunded={}", order.orderId(), next.wire(),
            coveredNow - coveredBefore);
        return Outcome.APPLIED;
      }
    }
    throw new IllegalStateException("order kept changing while being refunded");
  }

  @Override
  public Outcome disputed(String paymentIntentId, Instant at) {
    Optional<String> orderId = orderIdForPayment(paymentIntentId);
    if (orderId.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    for (int round = 0; round < ROUNDS; round++) {
      Optional<Order> found = store.find(orderId.get());
      if (found.isEmpty()) {
        return Outcome.NOT_FOUND;
      }
      Order order = found.get();
      if (order.status() == OrderStatus.DISPUTED) {
        return Outcome.ALREADY_APPLIED;
      }
      if (!order.status().canBecome(OrderStatus.DISPUTED)) {
        return Outcome.IGNORED;
      }
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression("SET #status = :disputed, disputedAt = :at")
          .conditionExpression("#status = :current")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":disputed", s(OrderStatus.DISPUTED.wire()), ":at", s(at.toString()),
              ":current", s(order.status().wire())))).build());
      for (Ticket t : store.tickets(order)) {
        if (t.status() == TicketStatus.VALID) {
          items.add(ticketStatus(t.ticketId(), TicketStatus.REVOKED, at));
        }
      }
      if (tx.write(items).isEmpty()) {
        LOG.info("order disputed orderId={}", order.orderId());
        return Outcome.APPLIED;
      }
    }
    throw new IllegalStateException("order kept changing while being disputed");
  }

  private TransactWriteItem markPaid(Order order, PaymentConfirmation c, int ticketsIssued, boolean needsRefund) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":paid", s(OrderStatus.PAID.wire()));
    values.put(":at", s(c.at().toString()));
    values.put(":issued", n(ticketsIssued));
    values.put(":needsRefund", AttributeValue.fromBool(needsRefund));
    values.put(":amountPaid", n(c.amountTotal()));
    values.put(":current", s(order.status().wire()));
    StringBuilder update = new StringBuilder(
        "SET #status = :paid, paidAt = :at, ticketsIssued = :issued, needsRefund = :needsRefund, amountPaid = :amountPaid");
    if (c.paymentIntentId() != null) {
      update.append(", paymentIntentId = :pi");
      values.put(":pi", s(c.paymentIntentId()));
    }
    if (c.checkoutSessionId() != null && order.checkoutSessionId() == null) {
      update.append(", checkoutSessionId = :sid");
      values.put(":sid", s(c.checkoutSessionId()));
    }
    update.append(" REMOVE gsi1pk, gsi1sk");
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
        .updateExpression(update.toString())
        .conditionExpression("#status = :current")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(values)).build();
  }

  /** Held seats become sold seats; the hold is still there because the order is still pending. */
  private TransactWriteItem sell(Order order, OrderLine line) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoOrderStore.typeKey(order.eventId(), line))
        .updateExpression("SET held = held - :q, sold = sold + :q")
        .conditionExpression("held >= :q")
        .expressionAttributeValues(Map.of(":q", n(line.quantity())))).build();
  }

  /** The hold was released: take the seats straight to sold, only if they are still available. */
  private TransactWriteItem retake(Order order, OrderLine line) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoOrderStore.typeKey(order.eventId(), line))
        .updateExpression("SET sold = sold + :q, available = available - :q")
        .conditionExpression("available >= :q")
        .expressionAttributeValues(Map.of(":q", n(line.quantity())))).build();
  }

  private Optional<TransactWriteItem> paymentIndexItem(Order order, PaymentConfirmation c) {
    if (c.paymentIntentId() == null) {
      return Optional.empty();
    }
    return Optional.of(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of("pk", s("PAYMENT#" + c.paymentIntentId()), "sk", s("ORDER"), "type", s("payment"),
            "orderId", s(order.orderId()), "paymentIntentId", s(c.paymentIntentId())))
        .conditionExpression("attribute_not_exists(pk) OR orderId = :orderId")
        .expressionAttributeValues(Map.of(":orderId", s(order.orderId())))).build());
  }

  private TransactWriteItem ticketStatus(String ticketId, TicketStatus status, Instant at) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(TicketItems.key(ticketId))
        .updateExpression("SET #status = :status, statusChangedAt = :at")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":status", s(status.name()), ":at", s(at.toString())))).build();
  }

  private Optional<String> orderIdForPayment(String paymentIntentId) {
    if (paymentIntentId == null) {
      return Optional.empty();
    }
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", s("PAYMENT#" + paymentIntentId), "sk", s("ORDER")))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("orderId").s());
  }

  private static FulfilledOrder fulfilled(Order order, List<Ticket> tickets) {
    return new FulfilledOrder(order.orderId(), order.eventId(), order.eventName(), order.email(), order.name(),
        order.amountTotal(), order.currency(), tickets);
  }
}
