package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.port.out.OrderStore;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases seat holds nobody else released: pending orders whose checkout session was never
 * created (the request died between the hold and the provider call) and pending orders whose hold
 * ended without the provider's expiry event arriving. Each release is the same conditional
 * transaction the expiry event uses, so a sweep racing a payment or an expiry event is harmless:
 * whichever writes first wins and the other changes nothing.
 */
public final class HoldSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);

  /** How many orders one sweep looks at; the schedule runs again a few minutes later. */
  public static final int DEFAULT_BATCH = 500;

  /** What a sweep did. */
  public record Result(int examined, int released) {}

  private final OrderStore store;
  private final int batch;

  public HoldSweeper(OrderStore store) {
    this(store, DEFAULT_BATCH);
  }

  public HoldSweeper(OrderStore store, int batch) {
    this.store = store;
    this.batch = batch;
  }

  public Result sweep(Instant now) {
    var due = store.releasable(now, batch);
    int released = 0;
    for (Order order : due) {
      if (store.endUnpaid(order, OrderStatus.EXPIRED, now)) {
        released++;
        LOG.info("hold released by sweep orderId={} sessionCreated={}", order.orderId(), order.checkoutSessionId() != null);
      }
    }
    return new Result(due.size(), released);
  }
}
