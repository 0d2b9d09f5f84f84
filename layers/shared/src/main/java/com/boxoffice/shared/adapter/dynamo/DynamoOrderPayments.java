package com.boxoffice.shared.adapter.dynamo;

import static com.boxoffice.shared.adapter.dynamo.OrderItems.n;
import static com.boxoffice.shared.adapter.dynamo.OrderItems.s;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.domain.webhook.OrderTransitions;
import com.boxoffice.shared.domain.webhook.OrderTransitions.Plan;
import com.boxoffice.shared.domain.webhook.OrderTransitions.SeatMove;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.TicketCodes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link OrderPayments} on the main table. Each call reads the order, asks
 * {@link OrderTransitions} what the event means, and writes that plan as one transaction
 * conditional on the status it was decided from; if the status moved in between, it reads again
 * and asks again. So any number of repeats, in any order, leave the order, its tickets and the
 * inventory as one delivery would.
 *
 * <p>What it writes besides the order and its tickets:
 * <ul>
 *   <li>{@code PAYMENT#<paymentIntentId>} / {@code ORDER}: the payment index, with
 *   {@code disposition} {@code order} (the payment paid for the order: its refunds and disputes
 *   apply to it) or {@code refused} (a payment the order did not accept: its refunds and disputes
 *   change nothing). A payment to be refunded carries {@code flag}, later {@code refundId}, and
 *   {@code gsi1pk = ATTENTION#<flag>}, {@code gsi1sk = <flaggedAt>#<orderId>}, so support can
 *   list them by flag.</li>
 *   <li>the order's {@code flags} (a string set), and for {@code refund_review} the order itself
 *   on {@code gsi1} under {@code ATTENTION#refund_review} (a paid order is off the pending index).</li>
 *   <li>the fulfilment checks that the event is not cancelled, in the same transaction.</li>
 * </ul>
 */
public final class DynamoOrderPayments implements OrderPayments {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoOrderPayments.class);
  private static final int ROUNDS = 5;
  /** Times a late payment on a sharded type plans its seats again before reading the order afresh. */
  private static final int REPLANS = 5;
  static final String ATTENTION = "ATTENTION#";
  static final String DISPOSITION_ORDER = "order";
  static final String DISPOSITION_REFUSED = "refused";

  private final DynamoDbClient dynamo;
  private final String table;
  private final DynamoOrderStore store;
  private final Transactions tx;
  private final TicketCodes fallbackCodes;
  /** Where a late payment starts looking for seats on a sharded type. */
  private final SecureRandom random = new SecureRandom();

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

  /** Reads the order, lets {@code attempt} decide and write; again while it reports a lost race. */
  private <T> T untilSettled(String orderId, T notFound, Function<Order, Optional<T>> attempt) {
    for (int round = 0; round < ROUNDS; round++) {
      Optional<Order> found = store.find(orderId);
      if (found.isEmpty()) {
        return notFound;
      }
      Optional<T> settled = attempt.apply(found.get());
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    throw new IllegalStateException("order " + orderId + " kept changing while being updated");
  }

  @Override
  public PaidResult paid(PaymentConfirmation c) {
    // The event's status is not read up front: the fulfilment transaction checks it, and only
    // when that check fails is it read and the payment decided again.
    boolean[] eventChecked = {false};
    return untilSettled(c.orderId(), new PaidResult(Outcome.NOT_FOUND, null), order -> {
      boolean cancelled = eventChecked[0] && eventCancelled(order.eventId());
      Plan plan = OrderTransitions.paid(order, c, cancelled);
      return switch (plan.outcome()) {
        case ALREADY_APPLIED -> Optional.of(alreadyPaid(order, c));
        case APPLIED -> fulfil(order, c, plan, eventChecked);
        case REFUSED -> refuse(order, c, plan);
        default -> Optional.of(new PaidResult(plan.outcome(), null));
      };
    });
  }

  private PaidResult alreadyPaid(Order order, PaymentConfirmation c) {
    if (!order.needsRefund()) {
      return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order, store.tickets(order)));
    }
    // Paid without tickets: the refund may not have been made yet (a crash before it).
    Map<String, AttributeValue> payment = paymentItem(c.paymentIntentId());
    OrderFlag flag = payment.containsKey("flag") ? OrderFlag.fromWire(payment.get("flag").s()) : OrderFlag.SEATS_GONE;
    return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order, List.of()),
        OrderTransitions.refundDue(order, c, flag, str(payment, "refundId")));
  }

  private Optional<PaidResult> fulfil(Order order, PaymentConfirmation c, Plan plan, boolean[] eventChecked) {
    List<Ticket> tickets = plan.issue();
    // A late payment retakes the seats its released hold had; on a sharded type those shards may
    // be sold out while others have seats, so a failed retake plans the line again on the shards
    // as they are now and records the new shards in the order's lines, in the same transaction.
    List<OrderLine> lines = order.lines();
    boolean replanned = false;
    for (int attempt = 0; ; attempt++) {
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(markPaid(order, c, tickets.size(), null, replanned ? lines : null));
      for (Ticket t : tickets) {
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(TicketItems.toItem(t))
            .conditionExpression("attribute_not_exists(pk)")).build());
      }
      int firstType = items.size();
      int[] lineEnds = new int[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        items.addAll(seats(order, lines.get(i), plan.seats()));
        lineEnds[i] = items.size();
      }
      int paymentIndex = items.size();
      paymentItem(order, c, DISPOSITION_ORDER, null).ifPresent(items::add);
      int eventCheck = items.size();
      items.add(eventNotCancelled(order.eventId()));
      if (fallbackCodes != null) {
        // unconditional: the entry is a pure function of the ticket, so a rewrite changes nothing
        for (Ticket t : tickets) {
          items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoDoorStore.fallbackItem(
              t.eventId(), fallbackCodes.fallbackCodeFor(t), t.ticketId(), t.validFrom(), t.validUntil()))).build());
        }
      }
      Optional<List<CancellationReason>> refused = tx.write(items);
      if (refused.isEmpty()) {
        LOG.info("order paid orderId={} tickets={} seats={} replanned={}", order.orderId(), tickets.size(),
            plan.seats(), replanned);
        return Optional.of(new PaidResult(Outcome.APPLIED, fulfilled(order, tickets)));
      }
      List<CancellationReason> reasons = refused.get();
      if (paymentIndex < eventCheck && Transactions.failed(reasons, paymentIndex)) {
        throw new IllegalStateException("payment " + c.paymentIntentId() + " is already indexed to another order");
      }
      boolean[] lineFailed = new boolean[lines.size()];
      boolean seatsGone = false;
      for (int i = 0, from = firstType; i < lines.size(); from = lineEnds[i], i++) {
        for (int j = from; j < lineEnds[i]; j++) {
          lineFailed[i] |= Transactions.failed(reasons, j);
        }
        seatsGone |= lineFailed[i];
      }
      if (plan.seats() == SeatMove.RETAKE_RELEASED && seatsGone && !Transactions.failed(reasons, 0)
          && !Transactions.failed(reasons, eventCheck)) {
        Optional<List<OrderLine>> again = replan(order.eventId(), lines, lineFailed);
        if (again.isEmpty()) {
          return refuse(order, c, OrderTransitions.seatsGone(order));
        }
        if (attempt + 1 >= REPLANS) {
          // Seats are there but others keep taking them first: read the order and decide again.
          return Optional.empty();
        }
        lines = again.get();
        replanned = true;
        continue;
      }
      if (Transactions.failed(reasons, eventCheck)) {
        eventChecked[0] = true;
      }
      // The order or its event changed under us (another delivery, the sweep): decide again.
      return Optional.empty();
    }
  }

  /**
   * The lines with each failed one planned again on its type's shards as they are now; empty when
   * a failed line cannot be retaken: its type keeps one counter (nowhere else to look), or its
   * shards together have fewer seats available than it asks for.
   */
  private Optional<List<OrderLine>> replan(String eventId, List<OrderLine> lines, boolean[] failed) {
    List<OrderLine> next = new ArrayList<>(lines);
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      if (!failed[i]) {
        continue;
      }
      if (line.shards().isEmpty()) {
        return Optional.empty();
      }
      var typeItem = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
          .key(InventoryItems.typeKey(eventId, line.ticketTypeId()))).item();
      int count = InventoryItems.shardCount(typeItem);
      if (count <= 1) {
        return Optional.empty();
      }
      var shards = InventoryItems.read(dynamo, table, eventId, line.ticketTypeId(), count);
      var takes = InventoryShards.take(line.quantity(), shards.available(), random.nextInt(count));
      if (takes.isEmpty()) {
        return Optional.empty();
      }
      next.set(i, line.onShards(takes.get()));
    }
    return Optional.of(next);
  }

  /** A payment that buys nothing: flag it, keep or end the order as planned, and report the refund due. */
  private Optional<PaidResult> refuse(Order order, PaymentConfirmation c, Plan plan) {
    OrderFlag flag = plan.flag();
    List<TransactWriteItem> items = new ArrayList<>();
    if (plan.keepsStatus()) {
      items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression("ADD flags :flag")
          .conditionExpression("#status = :current")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":flag", AttributeValue.fromSs(List.of(flag.wire())),
              ":current", s(order.status().wire())))).build());
    } else {
      items.add(markPaid(order, c, 0, flag));
      for (OrderLine line : order.lines()) {
        if (plan.seats() != SeatMove.NONE) {
          items.addAll(seats(order, line, plan.seats()));
        }
      }
    }
    int paymentIndex = items.size();
    paymentItem(order, c, plan.keepsStatus() ? DISPOSITION_REFUSED : DISPOSITION_ORDER, flag).ifPresent(items::add);
    Optional<List<CancellationReason>> refused = tx.write(items);
    if (refused.isEmpty()) {
      LOG.error("payment cannot become tickets, refund due orderId={} paymentIntentId={} flag={}", order.orderId(),
          c.paymentIntentId(), flag.wire());
      return Optional.of(new PaidResult(Outcome.REFUSED, plan.keepsStatus() ? null : fulfilled(order, List.of()),
          OrderTransitions.refundDue(order, c, flag, null)));
    }
    if (paymentIndex < items.size() && Transactions.failed(refused.get(), paymentIndex)
        && !Transactions.failed(refused.get(), 0)) {
      Map<String, AttributeValue> existing = paymentItem(c.paymentIntentId());
      if (order.orderId().equals(str(existing, "orderId")) && DISPOSITION_REFUSED.equals(str(existing, "disposition"))) {
        return Optional.of(new PaidResult(Outcome.ALREADY_APPLIED, null,
            OrderTransitions.refundDue(order, c, OrderFlag.fromWire(str(existing, "flag")), str(existing, "refundId"))));
      }
      throw new IllegalStateException("payment " + c.paymentIntentId() + " is already indexed to another order");
    }
    return Optional.empty();
  }

  @Override
  public void refundIssued(String paymentIntentId, String refundId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(paymentKey(paymentIntentId))
          .updateExpression("SET refundId = :rid, refundedAt = :at")
          .conditionExpression("attribute_exists(pk) AND attribute_not_exists(refundId)")
          .expressionAttributeValues(Map.of(":rid", s(refundId), ":at", s(at.toString()))));
    } catch (ConditionalCheckFailedException alreadyRecorded) {
      LOG.info("refund already recorded paymentIntentId={}", paymentIntentId);
    }
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
    return untilSettled(orderId, Outcome.NOT_FOUND, order -> {
      Plan plan = OrderTransitions.endUnpaid(order, sessionId, to);
      if (!plan.writes()) {
        return Optional.of(plan.outcome());
      }
      if (store.endUnpaid(order, to, at)) {
        LOG.info("order ended unpaid orderId={} status={}", orderId, to.wire());
        return Optional.of(Outcome.APPLIED);
      }
      return Optional.empty();
    });
  }

  @Override
  public Optional<PaymentLink> paymentLink(String paymentIntentId) {
    if (paymentIntentId == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = paymentItem(paymentIntentId);
    return item.isEmpty() ? Optional.empty()
        : Optional.of(new PaymentLink(item.get("orderId").s(), DISPOSITION_REFUSED.equals(str(item, "disposition"))));
  }

  @Override
  public boolean hasOrder(String orderId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(OrderItems.key(orderId))
        .projectionExpression("pk")).item();
    return item != null && !item.isEmpty();
  }

  @Override
  public Outcome refunded(RefundReport report) {
    return untilSettled(report.orderId(), Outcome.NOT_FOUND, order -> {
      Plan plan = OrderTransitions.refunded(order, store.tickets(order), report);
      if (!plan.writes()) {
        return Optional.of(plan.outcome());
      }
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":next", s(plan.next().wire()));
      values.put(":total", n(plan.amountRefundedTotal()));
      values.put(":at", s(report.at().toString()));
      values.put(":current", s(plan.from().wire()));
      values.put(":before", n(order.amountRefunded()));
      StringBuilder update = new StringBuilder("SET #status = :next, amountRefunded = :total, refundedAt = :at");
      if (plan.flag() != null) {
        update.append(", gsi1pk = :gpk, gsi1sk = :gsk ADD flags :flag");
        values.put(":gpk", s(ATTENTION + plan.flag().wire()));
        values.put(":gsk", s(report.at() + "#" + order.orderId()));
        values.put(":flag", AttributeValue.fromSs(List.of(plan.flag().wire())));
      }
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression(update.toString())
          .conditionExpression("#status = :current AND amountRefunded = :before")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(values)).build());
      plan.revoke().forEach(id -> items.add(ticketStatus(id, plan.revokeAs(), report.at())));
      if (tx.write(items).isEmpty()) {
        LOG.info("order refunded orderId={} status={} ticketsRefunded={} review={}", order.orderId(),
            plan.next().wire(), plan.revoke().size(), plan.flag() != null);
        return Optional.of(Outcome.APPLIED);
      }
      return Optional.empty();
    });
  }

  @Override
  public Outcome disputed(String orderId, String paymentIntentId, Instant at) {
    return untilSettled(orderId, Outcome.NOT_FOUND, order -> {
      Plan plan = OrderTransitions.disputed(order, store.tickets(order));
      if (!plan.writes()) {
        return Optional.of(plan.outcome());
      }
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression("SET #status = :next, disputedAt = :at")
          .conditionExpression("#status = :current")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":next", s(plan.next().wire()), ":at", s(at.toString()),
              ":current", s(plan.from().wire())))).build());
      plan.revoke().forEach(id -> items.add(ticketStatus(id, plan.revokeAs(), at)));
      if (tx.write(items).isEmpty()) {
        LOG.info("order disputed orderId={} ticketsRevoked={}", order.orderId(), plan.revoke().size());
        return Optional.of(Outcome.APPLIED);
      }
      return Optional.empty();
    });
  }

  /** Marks the order paid; with a {@code refundFlag}, paid without tickets ({@code needsRefund}) and flagged. */
  private TransactWriteItem markPaid(Order order, PaymentConfirmation c, int ticketsIssued, OrderFlag refundFlag) {
    return markPaid(order, c, ticketsIssued, refundFlag, null);
  }

  /** As above; with {@code lines}, the order's lines are replaced (the same lines, on other shards). */
  private TransactWriteItem markPaid(Order order, PaymentConfirmation c, int ticketsIssued, OrderFlag refundFlag,
      List<OrderLine> lines) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":paid", s(OrderStatus.PAID.wire()));
    values.put(":at", s(c.at().toString()));
    values.put(":issued", n(ticketsIssued));
    values.put(":needsRefund", AttributeValue.fromBool(refundFlag != null));
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
    if (lines != null) {
      update.append(", #lines = :lines");
      values.put(":lines", OrderItems.linesValue(lines));
    }
    update.append(" REMOVE gsi1pk, gsi1sk");
    if (refundFlag != null) {
      update.append(" ADD flags :flag");
      values.put(":flag", AttributeValue.fromSs(List.of(refundFlag.wire())));
    }
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(OrderItems.key(order.orderId()))
        .updateExpression(update.toString())
        .conditionExpression("#status = :current")
        .expressionAttributeNames(lines != null ? Map.of("#status", "status", "#lines", "lines")
            : Map.of("#status", "status"))
        .expressionAttributeValues(values)).build();
  }

  /** The seat move on every counter the line's seats sit on (its shards, or its ticket type). */
  private List<TransactWriteItem> seats(Order order, OrderLine line, SeatMove move) {
    return switch (move) {
      // Held seats become sold seats; the hold is still there because the order is still pending.
      case SELL_HELD -> typeUpdate(order, line, "SET held = held - :q, sold = sold + :q", "held >= :q");
      // The hold was released: take the seats straight to sold, only if they are still available.
      case RETAKE_RELEASED -> typeUpdate(order, line, "SET sold = sold + :q, available = available - :q",
          "available >= :q");
      case RELEASE_HELD -> typeUpdate(order, line, "SET held = held - :q, available = available + :q", "held >= :q");
      case NONE -> throw new IllegalArgumentException("no seat move");
    };
  }

  private List<TransactWriteItem> typeUpdate(Order order, OrderLine line, String update, String condition) {
    return InventoryItems.counters(order.eventId(), line).stream().map(c -> TransactWriteItem.builder()
        .update(u -> u.tableName(table).key(c.key())
            .updateExpression(update)
            .conditionExpression(condition)
            .expressionAttributeValues(Map.of(":q", n(c.quantity())))).build()).toList();
  }

  /** Fulfilment only while the event is not cancelled (an event without a record is not). */
  private TransactWriteItem eventNotCancelled(String eventId) {
    return TransactWriteItem.builder().conditionCheck(cc -> cc.tableName(table).key(eventKey(eventId))
        .conditionExpression("attribute_not_exists(#status) OR #status <> :cancelled")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":cancelled", s(EventStatus.CANCELLED.name())))).build();
  }

  private boolean eventCancelled(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(eventKey(eventId))).item();
    return item != null && item.containsKey("status") && EventStatus.CANCELLED.name().equals(item.get("status").s());
  }

  private static Map<String, AttributeValue> eventKey(String eventId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"));
  }

  private Optional<TransactWriteItem> paymentItem(Order order, PaymentConfirmation c, String disposition, OrderFlag flag) {
    if (c.paymentIntentId() == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = new HashMap<>(paymentKey(c.paymentIntentId()));
    item.put("type", s("payment"));
    item.put("orderId", s(order.orderId()));
    item.put("paymentIntentId", s(c.paymentIntentId()));
    item.put("disposition", s(disposition));
    item.put("amount", n(c.amountTotal()));
    if (c.currency() != null) {
      item.put("currency", s(c.currency()));
    }
    if (c.checkoutSessionId() != null) {
      item.put("checkoutSessionId", s(c.checkoutSessionId()));
    }
    if (flag != null) {
      item.put("flag", s(flag.wire()));
      item.put("flaggedAt", s(c.at().toString()));
      item.put("gsi1pk", s(ATTENTION + flag.wire()));
      item.put("gsi1sk", s(c.at() + "#" + order.orderId()));
    }
    boolean refused = DISPOSITION_REFUSED.equals(disposition);
    return Optional.of(TransactWriteItem.builder().put(p -> {
      p.tableName(table).item(item);
      if (refused) {
        p.conditionExpression("attribute_not_exists(pk)");
      } else {
        p.conditionExpression("attribute_not_exists(pk) OR (orderId = :orderId AND "
                + "(attribute_not_exists(disposition) OR disposition = :order))")
            .expressionAttributeValues(Map.of(":orderId", s(order.orderId()), ":order", s(DISPOSITION_ORDER)));
      }
    }).build());
  }

  private Map<String, AttributeValue> paymentItem(String paymentIntentId) {
    if (paymentIntentId == null) {
      return Map.of();
    }
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(paymentKey(paymentIntentId))).item();
    return item == null ? Map.of() : item;
  }

  private static Map<String, AttributeValue> paymentKey(String paymentIntentId) {
    return Map.of("pk", s("PAYMENT#" + paymentIntentId), "sk", s("ORDER"));
  }

  private TransactWriteItem ticketStatus(String ticketId, TicketStatus status, Instant at) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(TicketItems.key(ticketId))
        .updateExpression("SET #status = :status, statusChangedAt = :at")
        .conditionExpression("#status = :valid")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":status", s(status.name()), ":at", s(at.toString()),
            ":valid", s(TicketStatus.VALID.name())))).build();
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static FulfilledOrder fulfilled(Order order, List<Ticket> tickets) {
    return new FulfilledOrder(order.orderId(), order.eventId(), order.eventName(), order.email(), order.name(),
        order.amountTotal(), order.currency(), tickets, order.buyerId());
  }
}
