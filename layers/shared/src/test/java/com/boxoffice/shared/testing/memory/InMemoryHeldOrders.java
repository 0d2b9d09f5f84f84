package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.order.HoldReviewReason;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.HeldOrders;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HeldOrders} in memory, with the seats each ticket type holds and has sold, for fast tests
 * of the hold sweep. Like the table, every change applies only to a pending order, and a flagged
 * order leaves the sweep's list. {@link #pay} plays the payment event arriving: it sells the held
 * seats of a pending order, or, when the hold was released, retakes them only if still free.
 */
public final class InMemoryHeldOrders implements HeldOrders {
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, HoldReviewReason> flagged = new HashMap<>();
  private final Map<String, Integer> capacity = new HashMap<>();
  private final Map<String, Integer> held = new HashMap<>();
  private final Map<String, Integer> sold = new HashMap<>();

  public synchronized void ticketType(String ticketTypeId, int seats) {
    capacity.put(ticketTypeId, seats);
    held.putIfAbsent(ticketTypeId, 0);
    sold.putIfAbsent(ticketTypeId, 0);
  }

  /** Places a pending order's hold; false (nothing held) when its seats are not available. */
  public synchronized boolean hold(Order order) {
    if (!order.lines().stream().allMatch(l -> available(l.ticketTypeId()) >= l.quantity())) {
      return false;
    }
    for (OrderLine l : order.lines()) {
      held.merge(l.ticketTypeId(), l.quantity(), Integer::sum);
    }
    orders.put(order.orderId(), order);
    return true;
  }

  /** The payment event: true when the order became paid with its seats. */
  public synchronized boolean pay(String orderId) {
    Order o = orders.get(orderId);
    if (o.status() == OrderStatus.PENDING) {
      for (OrderLine l : o.lines()) {
        held.merge(l.ticketTypeId(), -l.quantity(), Integer::sum);
        sold.merge(l.ticketTypeId(), l.quantity(), Integer::sum);
      }
    } else if (o.status().endedUnpaid()
        && o.lines().stream().allMatch(l -> available(l.ticketTypeId()) >= l.quantity())) {
      for (OrderLine l : o.lines()) {
        sold.merge(l.ticketTypeId(), l.quantity(), Integer::sum);
      }
    } else {
      return false;
    }
    orders.put(orderId, with(o, OrderStatus.PAID, o.releaseAfter()));
    flagged.remove(orderId);
    return true;
  }

  public synchronized int available(String ticketTypeId) {
    return capacity.get(ticketTypeId) - held.get(ticketTypeId) - sold.get(ticketTypeId);
  }

  public synchronized int held(String ticketTypeId) {
    return held.get(ticketTypeId);
  }

  public synchronized Order order(String orderId) {
    return orders.get(orderId);
  }

  public synchronized Optional<HoldReviewReason> reviewReason(String orderId) {
    return Optional.ofNullable(flagged.get(orderId));
  }

  @Override
  public synchronized List<Order> due(Instant now, int limit) {
    return orders.values().stream()
        .filter(o -> o.status() == OrderStatus.PENDING && !flagged.containsKey(o.orderId()))
        .filter(o -> o.releaseAfter().isBefore(now))
        .sorted(Comparator.comparing(Order::releaseAfter))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean release(Order order, Instant at) {
    Order current = orders.get(order.orderId());
    if (current == null || current.status() != OrderStatus.PENDING) {
      return false;
    }
    for (OrderLine l : current.lines()) {
      held.merge(l.ticketTypeId(), -l.quantity(), Integer::sum);
    }
    orders.put(order.orderId(), with(current, OrderStatus.EXPIRED, current.releaseAfter()));
    flagged.remove(order.orderId());
    return true;
  }

  @Override
  public synchronized boolean keep(Order order, Instant recheckAt) {
    Order current = orders.get(order.orderId());
    if (current == null || current.status() != OrderStatus.PENDING) {
      return false;
    }
    orders.put(order.orderId(), with(current, OrderStatus.PENDING, recheckAt));
    return true;
  }

  @Override
  public synchronized boolean flagForReview(Order order, HoldReviewReason reason, Instant at) {
    Order current = orders.get(order.orderId());
    if (current == null || current.status() != OrderStatus.PENDING) {
      return false;
    }
    flagged.put(order.orderId(), reason);
    return true;
  }

  private static Order with(Order o, OrderStatus status, Instant releaseAfter) {
    return new Order(o.orderId(), status, o.eventId(), o.eventName(), o.eventStartsAt(), o.eventEndsAt(), o.buyerId(),
        o.accessTokenHash(), o.email(), o.name(), o.lines(), o.amountTotal(), o.currency(), o.createdAt(),
        o.holdExpiresAt(), releaseAfter, o.checkoutSessionId(), o.checkoutUrl(), o.paymentIntentId(), o.paidAt(),
        o.needsRefund(), o.ticketsIssued(), o.amountRefunded());
  }
}
