package com.boxoffice.shared.port.out;

import java.time.Instant;
import java.util.List;

/**
 * Orders still pending, found by when their seat hold ends (the {@code gsi1} sort key of a pending
 * order), for reconciliation.
 */
public interface PendingOrders {

  /** A pending order and the checkout session it is waiting on (null if none was created). */
  record PendingOrder(String orderId, String checkoutSessionId, Instant holdExpiresAt) {}

  /** Pending orders whose hold ends before {@code cutoff}, oldest first, at most {@code limit}. */
  List<PendingOrder> holdEndingBefore(Instant cutoff, int limit);
}
