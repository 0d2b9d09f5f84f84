package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.order.HoldReviewReason;
import com.boxoffice.shared.domain.order.Order;
import java.time.Instant;
import java.util.List;

/**
 * Pending orders holding seats, as the hold sweep sees them. Each change is one conditional write
 * on the order still being pending, so a payment or an expiry event that got there first wins and
 * the sweep's write changes nothing (the method says so with {@code false}).
 */
public interface HeldOrders {

  /** Pending orders whose {@code releaseAfter} is before {@code now}, oldest first, at most {@code limit}. */
  List<Order> due(Instant now, int limit);

  /** Ends the order as expired and gives its held seats back, in one transaction. */
  boolean release(Order order, Instant at);

  /**
   * Keeps the hold and moves the order's {@code releaseAfter} to {@code recheckAt}, so the sweep
   * looks at it again then and not at every run.
   */
  boolean keep(Order order, Instant recheckAt);

  /**
   * Keeps the hold, records {@code reason}, and moves the order from the sweep's list to the list
   * of orders a person has to look at. The order stays pending, so a late payment or failure
   * event still settles it.
   */
  boolean flagForReview(Order order, HoldReviewReason reason, Instant at);
}
