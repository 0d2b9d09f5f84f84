package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.InventoryBusyException;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where orders and their seat holds live. Every method that changes an order is one conditional
 * write (or one transaction) on the order's current status.
 */
public interface OrderStore {

  /**
   * Creates the pending order and holds its seats on every ticket type, all or nothing.
   *
   * @throws SoldOutException when any ticket type's capacity condition failed (fewer seats left than asked for)
   * @throws InventoryBusyException when concurrent writers kept the hold from being written
   * @throws InventoryUnavailableException when the hold was not written for any other reason the
   *     store reports (throttling, a refused write, a cancellation naming no failed condition)
   */
  void placeHold(Order order);

  /** Records the checkout session on a pending order; false when the order is no longer pending. */
  boolean attachSession(String orderId, String sessionId, String url, Instant releaseAfter);

  /**
   * Ends a pending order unpaid ({@code to} is expired, payment_failed or cancelled) and releases
   * its held seats in the same transaction; false when the order was no longer pending.
   */
  boolean endUnpaid(Order order, OrderStatus to, Instant at);

  Optional<Order> find(String orderId);

  /** Pending orders whose hold may be released at {@code now}, oldest first, at most {@code limit}. */
  List<Order> releasable(Instant now, int limit);

  /** The order's issued tickets, read consistently, in sequence order. */
  List<Ticket> tickets(Order order);
}
