package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.OrderStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link OrderStore} in memory, holding seats on an {@link InMemoryCatalog}: a hold is all or
 * nothing, never beyond what is available; every change is conditional on the order being pending.
 */
public final class InMemoryOrderStore implements OrderStore {
  private final InMemoryCatalog catalog;
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, List<Ticket>> tickets = new HashMap<>();
  private final AtomicInteger holdsTried = new AtomicInteger();

  public InMemoryOrderStore(InMemoryCatalog catalog) {
    this.catalog = catalog;
  }

  /** Stores an order as it is (e.g. one already paid), without touching inventory. */
  public synchronized void put(Order order) {
    orders.put(order.orderId(), order);
  }

  /** Stores the tickets issued for an order. */
  public synchronized void putTickets(String orderId, List<Ticket> issued) {
    tickets.put(orderId, List.copyOf(issued));
  }

  /** Every stored order, in the order they were placed. */
  public synchronized List<Order> all() {
    return List.copyOf(orders.values());
  }

  /**
   * How many holds were tried here, placed or refused: each is a conditional write in DynamoDB
   * and, when it fails, a read of the counters.
   */
  public int holdsTried() {
    return holdsTried.get();
  }

  @Override
  public void placeHold(Order order) {
    holdsTried.incrementAndGet();
    synchronized (catalog) {
      synchronized (this) {
        if (orders.containsKey(order.orderId())) {
          throw new IllegalStateException("order id collision " + order.orderId());
        }
        Map<String, Integer> left = new HashMap<>();
        boolean enough = true;
        for (OrderLine line : order.lines()) {
          int available = catalog.available(order.eventId(), line.ticketTypeId());
          left.put(line.ticketTypeId(), available);
          enough &= catalog.type(order.eventId(), line.ticketTypeId()).isPresent() && available >= line.quantity();
        }
        if (!enough) {
          throw new SoldOutException(left);
        }
        for (OrderLine line : order.lines()) {
          catalog.hold(order.eventId(), line.ticketTypeId(), line.quantity());
        }
        orders.put(order.orderId(), order);
      }
    }
  }

  @Override
  public synchronized boolean attachSession(String orderId, String sessionId, String url, Instant releaseAfter) {
    Order o = orders.get(orderId);
    if (o == null || o.status() != OrderStatus.PENDING) {
      return false;
    }
    orders.put(orderId, new Order(o.orderId(), o.status(), o.eventId(), o.eventName(), o.eventStartsAt(),
        o.eventEndsAt(), o.buyerId(), o.accessTokenHash(), o.email(), o.name(), o.lines(), o.amountTotal(),
        o.currency(), o.createdAt(), o.holdExpiresAt(), releaseAfter.truncatedTo(ChronoUnit.SECONDS), sessionId, url,
        o.paymentIntentId(), o.paidAt(), o.needsRefund(), o.ticketsIssued(), o.amountRefunded()));
    return true;
  }

  @Override
  public boolean endUnpaid(Order order, OrderStatus to, Instant at) {
    if (!to.endedUnpaid()) {
      throw new IllegalArgumentException(to + " is not an unpaid end");
    }
    synchronized (catalog) {
      synchronized (this) {
        Order o = orders.get(order.orderId());
        if (o == null || o.status() != OrderStatus.PENDING) {
          return false;
        }
        for (OrderLine line : o.lines()) {
          catalog.hold(o.eventId(), line.ticketTypeId(), -line.quantity());
        }
        orders.put(o.orderId(), new Order(o.orderId(), to, o.eventId(), o.eventName(), o.eventStartsAt(),
            o.eventEndsAt(), o.buyerId(), o.accessTokenHash(), o.email(), o.name(), o.lines(), o.amountTotal(),
            o.currency(), o.createdAt(), o.holdExpiresAt(), o.releaseAfter(), o.checkoutSessionId(), o.checkoutUrl(),
            o.paymentIntentId(), o.paidAt(), o.needsRefund(), o.ticketsIssued(), o.amountRefunded()));
        return true;
      }
    }
  }

  @Override
  public synchronized Optional<Order> find(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public synchronized List<Order> releasable(Instant now, int limit) {
    Instant bound = now.truncatedTo(ChronoUnit.SECONDS);
    List<Order> due = new ArrayList<>();
    for (Order o : orders.values()) {
      if (o.status() == OrderStatus.PENDING && o.releaseAfter() != null && o.releaseAfter().isBefore(bound.plusSeconds(1))) {
        due.add(o);
      }
    }
    due.sort(Comparator.comparing(Order::releaseAfter).thenComparing(Order::orderId));
    return List.copyOf(due.subList(0, Math.min(limit, due.size())));
  }

  @Override
  public synchronized List<Ticket> tickets(Order order) {
    List<Ticket> issued = new ArrayList<>(tickets.getOrDefault(order.orderId(), List.of()));
    issued.sort(Comparator.comparingInt(Ticket::seq));
    return issued;
  }
}
