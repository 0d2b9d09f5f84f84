package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.domain.webhook.OrderTransitions;
import com.boxoffice.shared.domain.webhook.OrderTransitions.Plan;
import com.boxoffice.shared.domain.webhook.OrderTransitions.SeatMove;
import com.boxoffice.shared.port.out.OrderPayments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OrderPayments} in memory: orders, tickets, ticket-type counters and the payment index,
 * changed by the same {@link OrderTransitions} plans the DynamoDB adapter writes, each plan applied
 * atomically (one lock). For fast tests of the webhook's domain; what only a real table proves
 * (conditions, transactions, races) stays in the DynamoDB Local tests.
 */
public final class InMemoryOrderPayments implements OrderPayments {

  /** A ticket type's counters. */
  public record Seats(int held, int sold, int available) {}

  /** A payment index entry. */
  public record Payment(String orderId, boolean refused, OrderFlag flag, String refundId) {}

  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, Set<OrderFlag>> flags = new HashMap<>();
  private final Map<String, Ticket> tickets = new LinkedHashMap<>();
  private final Map<String, Seats> seats = new HashMap<>();
  private final Map<String, Payment> payments = new HashMap<>();
  private final Set<String> cancelledEvents = new HashSet<>();

  /** A ticket type with nothing held or sold. */
  public synchronized void addTicketType(String eventId, String ticketTypeId, int capacity) {
    seats.put(eventId + "/" + ticketTypeId, new Seats(0, 0, capacity));
  }

  /** A pending order as checkout leaves it: its seats held. */
  public synchronized void addPendingOrder(Order order) {
    if (order.status() != OrderStatus.PENDING) {
      throw new IllegalArgumentException("not pending");
    }
    for (OrderLine line : order.lines()) {
      Seats s = seats(order.eventId(), line.ticketTypeId());
      if (s.available() < line.quantity()) {
        throw new IllegalStateException("sold out");
      }
      put(order.eventId(), line.ticketTypeId(), new Seats(s.held() + line.quantity(), s.sold(),
          s.available() - line.quantity()));
    }
    orders.put(order.orderId(), order);
  }

  public synchronized void cancelEvent(String eventId) {
    cancelledEvents.add(eventId);
  }

  /** Someone else buys seats (e.g. after a hold was released). */
  public synchronized void sellElsewhere(String eventId, String ticketTypeId, int quantity) {
    Seats s = seats(eventId, ticketTypeId);
    put(eventId, ticketTypeId, new Seats(s.held(), s.sold() + quantity, s.available() - quantity));
  }

  public synchronized Order order(String orderId) {
    return orders.get(orderId);
  }

  public synchronized Set<OrderFlag> flags(String orderId) {
    return Set.copyOf(flags.getOrDefault(orderId, Set.of()));
  }

  public synchronized List<Ticket> tickets(String orderId) {
    return tickets.values().stream().filter(t -> t.orderId().equals(orderId)).toList();
  }

  public synchronized Seats seats(String eventId, String ticketTypeId) {
    Seats s = seats.get(eventId + "/" + ticketTypeId);
    if (s == null) {
      throw new IllegalStateException("no ticket type " + eventId + "/" + ticketTypeId);
    }
    return s;
  }

  public synchronized Optional<Payment> payment(String paymentIntentId) {
    return Optional.ofNullable(payments.get(paymentIntentId));
  }

  /** Payments flagged for support, as the {@code ATTENTION#<flag>} index lists them. */
  public synchronized List<String> flaggedPayments(OrderFlag flag) {
    List<String> ids = new ArrayList<>();
    payments.forEach((pi, p) -> {
      if (p.flag() == flag) {
        ids.add(pi);
      }
    });
    return ids;
  }

  @Override
  public synchronized PaidResult paid(PaymentConfirmation c) {
    Order order = orders.get(c.orderId());
    if (order == null) {
      return new PaidResult(Outcome.NOT_FOUND, null);
    }
    Plan plan = OrderTransitions.paid(order, c, cancelledEvents.contains(order.eventId()));
    switch (plan.outcome()) {
      case ALREADY_APPLIED -> {
        if (!order.needsRefund()) {
          return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order, tickets(order.orderId())));
        }
        Payment p = payments.get(c.paymentIntentId());
        return new PaidResult(Outcome.ALREADY_APPLIED, fulfilled(order, List.of()),
            OrderTransitions.refundDue(order, c, p == null ? OrderFlag.SEATS_GONE : p.flag(),
                p == null ? null : p.refundId()));
      }
      case APPLIED -> {
        if (plan.seats() == SeatMove.RETAKE_RELEASED && !order.lines().stream()
            .allMatch(l -> seats(order.eventId(), l.ticketTypeId()).available() >= l.quantity())) {
          return refuse(order, c, OrderTransitions.seatsGone(order));
        }
        move(order, plan.seats());
        plan.issue().forEach(t -> tickets.put(t.ticketId(), t));
        orders.put(order.orderId(), paid(order, c, plan.issue().size(), false));
        index(c, new Payment(order.orderId(), false, null, null));
        return new PaidResult(Outcome.APPLIED, fulfilled(order, plan.issue()));
      }
      case REFUSED -> {
        return refuse(order, c, plan);
      }
      default -> {
        return new PaidResult(plan.outcome(), null);
      }
    }
  }

  private PaidResult refuse(Order order, PaymentConfirmation c, Plan plan) {
    if (c.paymentIntentId() != null && payments.containsKey(c.paymentIntentId())) {
      Payment p = payments.get(c.paymentIntentId());
      if (!p.refused() || !p.orderId().equals(order.orderId())) {
        throw new IllegalStateException("payment " + c.paymentIntentId() + " is already indexed to another order");
      }
      return new PaidResult(Outcome.ALREADY_APPLIED, null, OrderTransitions.refundDue(order, c, p.flag(), p.refundId()));
    }
    flag(order.orderId(), plan.flag());
    if (!plan.keepsStatus()) {
      move(order, plan.seats());
      orders.put(order.orderId(), paid(order, c, 0, true));
    }
    index(c, new Payment(order.orderId(), plan.keepsStatus(), plan.flag(), null));
    return new PaidResult(Outcome.REFUSED, plan.keepsStatus() ? null : fulfilled(order, List.of()),
        OrderTransitions.refundDue(order, c, plan.flag(), null));
  }

  @Override
  public synchronized void refundIssued(String paymentIntentId, String refundId, Instant at) {
    Payment p = payments.get(paymentIntentId);
    if (p != null && p.refundId() == null) {
      payments.put(paymentIntentId, new Payment(p.orderId(), p.refused(), p.flag(), refundId));
    }
  }

  @Override
  public synchronized Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at) {
    return endUnpaid(orderId, checkoutSessionId, OrderStatus.PAYMENT_FAILED);
  }

  @Override
  public synchronized Outcome expired(String orderId, String checkoutSessionId, Instant at) {
    return endUnpaid(orderId, checkoutSessionId, OrderStatus.EXPIRED);
  }

  private Outcome endUnpaid(String orderId, String sessionId, OrderStatus to) {
    Order order = orders.get(orderId);
    if (order == null) {
      return Outcome.NOT_FOUND;
    }
    Plan plan = OrderTransitions.endUnpaid(order, sessionId, to);
    if (plan.writes()) {
      move(order, plan.seats());
      orders.put(orderId, copy(order, to, order.paymentIntentId(), order.checkoutSessionId(), order.paidAt(),
          order.needsRefund(), order.ticketsIssued(), order.amountRefunded()));
    }
    return plan.outcome();
  }

  @Override
  public synchronized Optional<PaymentLink> paymentLink(String paymentIntentId) {
    Payment p = payments.get(paymentIntentId);
    return p == null ? Optional.empty() : Optional.of(new PaymentLink(p.orderId(), p.refused()));
  }

  @Override
  public synchronized boolean hasOrder(String orderId) {
    return orders.containsKey(orderId);
  }

  @Override
  public synchronized Outcome refunded(RefundReport report) {
    Order order = orders.get(report.orderId());
    if (order == null) {
      return Outcome.NOT_FOUND;
    }
    Plan plan = OrderTransitions.refunded(order, tickets(order.orderId()), report);
    if (plan.writes()) {
      apply(order, plan);
      orders.put(order.orderId(), copy(orders.get(order.orderId()), plan.next(), order.paymentIntentId(),
          order.checkoutSessionId(), order.paidAt(), order.needsRefund(), order.ticketsIssued(),
          plan.amountRefundedTotal()));
    }
    return plan.outcome();
  }

  @Override
  public synchronized Outcome disputed(String orderId, String paymentIntentId, Instant at) {
    Order order = orders.get(orderId);
    if (order == null) {
      return Outcome.NOT_FOUND;
    }
    Plan plan = OrderTransitions.disputed(order, tickets(orderId));
    if (plan.writes()) {
      apply(order, plan);
      orders.put(orderId, copy(order, plan.next(), order.paymentIntentId(), order.checkoutSessionId(), order.paidAt(),
          order.needsRefund(), order.ticketsIssued(), order.amountRefunded()));
    }
    return plan.outcome();
  }

  private void apply(Order order, Plan plan) {
    for (String id : plan.revoke()) {
      Ticket t = tickets.get(id);
      tickets.put(id, new Ticket(t.ticketId(), t.eventId(), t.orderId(), t.seq(), t.ticketTypeId(), t.ticketTypeName(),
          t.holderName(), plan.revokeAs(), t.issuedAt(), t.validFrom(), t.validUntil()));
    }
    if (plan.flag() != null) {
      flag(order.orderId(), plan.flag());
    }
  }

  private void flag(String orderId, OrderFlag flag) {
    flags.computeIfAbsent(orderId, k -> EnumSet.noneOf(OrderFlag.class)).add(flag);
  }

  private void index(PaymentConfirmation c, Payment payment) {
    if (c.paymentIntentId() != null) {
      payments.put(c.paymentIntentId(), payment);
    }
  }

  private void move(Order order, SeatMove move) {
    for (OrderLine line : order.lines()) {
      Seats s = seats(order.eventId(), line.ticketTypeId());
      int q = line.quantity();
      Seats next = switch (move) {
        case NONE -> s;
        case SELL_HELD -> new Seats(s.held() - q, s.sold() + q, s.available());
        case RETAKE_RELEASED -> new Seats(s.held(), s.sold() + q, s.available() - q);
        case RELEASE_HELD -> new Seats(s.held() - q, s.sold(), s.available() + q);
      };
      put(order.eventId(), line.ticketTypeId(), next);
    }
  }

  private void put(String eventId, String ticketTypeId, Seats s) {
    seats.put(eventId + "/" + ticketTypeId, s);
  }

  private static Order paid(Order o, PaymentConfirmation c, int issued, boolean needsRefund) {
    return copy(o, OrderStatus.PAID, c.paymentIntentId(),
        o.checkoutSessionId() == null ? c.checkoutSessionId() : o.checkoutSessionId(), c.at(), needsRefund, issued,
        o.amountRefunded());
  }

  private static Order copy(Order o, OrderStatus status, String paymentIntentId, String sessionId, Instant paidAt,
      boolean needsRefund, int ticketsIssued, long amountRefunded) {
    return new Order(o.orderId(), status, o.eventId(), o.eventName(), o.eventStartsAt(), o.eventEndsAt(), o.buyerId(),
        o.accessTokenHash(), o.email(), o.name(), o.lines(), o.amountTotal(), o.currency(), o.createdAt(),
        o.holdExpiresAt(), o.releaseAfter(), sessionId, o.checkoutUrl(), paymentIntentId, paidAt, needsRefund,
        ticketsIssued, amountRefunded);
  }

  private static FulfilledOrder fulfilled(Order order, List<Ticket> issued) {
    return new FulfilledOrder(order.orderId(), order.eventId(), order.eventName(), order.email(), order.name(),
        order.amountTotal(), order.currency(), issued, order.buyerId());
  }
}
