package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.port.out.CheckoutSessionLookup;
import com.boxoffice.shared.port.out.PendingOrders;
import com.boxoffice.shared.port.out.CheckoutSessionLookup.CheckoutSessionState;
import com.boxoffice.shared.port.out.PendingOrders.PendingOrder;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly safety net behind the webhook: every order still pending whose hold has ended, or ends
 * within the lookahead, is checked against Stripe. The lookahead (about one schedule interval)
 * makes sure an order is looked at while it is still pending, before the hold sweep releases it
 * shortly after its hold ends. A paid session is fulfilled exactly as its webhook would have done (same
 * code, so the confirmation email goes out once), an expired session expires the order; an open or
 * unpaid one is left for its own events. One order's failure does not stop the others. A run stops
 * taking orders once the invocation's time left falls under a margin; what it did not reach is
 * still pending and is checked by the next run.
 */
public final class OrderReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(OrderReconciler.class);

  /**
   * @param refused paid sessions that could not become tickets (flagged and refunded, see {@link StripeEventProcessor#fulfil})
   * @param truncated the run stopped before it checked every pending order due: it ran short of time, or
   *     more than {@code limit} orders were due
   */
  public record Report(int checked, int paid, int refused, int expired, int leftPending, int failed,
      boolean truncated) {}

  private final PendingOrders pending;
  private final CheckoutSessionLookup sessions;
  private final OrderPayments orders;
  private final StripeEventProcessor processor;
  private final Clock clock;
  private final Duration lookahead;

  public OrderReconciler(PendingOrders pending, CheckoutSessionLookup sessions, OrderPayments orders,
      StripeEventProcessor processor, Clock clock, Duration lookahead) {
    this.pending = pending;
    this.sessions = sessions;
    this.orders = orders;
    this.processor = processor;
    this.clock = clock;
    this.lookahead = lookahead;
  }

  /** Checks up to {@code limit} orders, however long that takes. */
  public Report reconcile(int limit) {
    return reconcile(limit, () -> Long.MAX_VALUE, Duration.ZERO);
  }

  /**
   * Checks up to {@code limit} orders, taking no further order once {@code remainingMillis} (the
   * invocation's time left) is under {@code stopBefore}.
   */
  public Report reconcile(int limit, LongSupplier remainingMillis, Duration stopBefore) {
    Instant now = clock.instant();
    int checked = 0;
    int paid = 0;
    int refused = 0;
    int expired = 0;
    int left = 0;
    int failed = 0;
    // One more than the limit tells a full page from a page that is all there is.
    List<PendingOrder> found = pending.holdEndingBefore(now.plus(lookahead), limit == Integer.MAX_VALUE ? limit : limit + 1);
    boolean truncated = found.size() > limit;
    List<PendingOrder> due = truncated ? found.subList(0, limit) : found;
    if (truncated) {
      LOG.warn("reconciliation found more pending orders than its limit; the next run checks the rest limit={}", limit);
    }
    for (PendingOrder order : due) {
      if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
        LOG.warn("reconciliation stopping before the timeout; the next run checks the rest checked={}", checked);
        truncated = true;
        break;
      }
      checked++;
      LogContext.put("orderId", order.orderId());
      try {
        if (order.checkoutSessionId() == null) {
          left++;
          continue;
        }
        CheckoutSessionState session = sessions.retrieve(order.checkoutSessionId());
        if (session.paid()) {
          Outcome outcome = processor.fulfil(new PaymentConfirmation(order.orderId(), session.id(),
              session.paymentIntentId(), session.amountTotal(), session.currency(), now));
          LOG.info("reconciled paid order outcome={}", outcome);
          if (outcome == Outcome.REFUSED) {
            refused++;
          } else {
            paid++;
          }
        } else if (session.expired()) {
          Outcome outcome = orders.expired(order.orderId(), session.id(), now);
          LOG.info("reconciled expired order outcome={}", outcome);
          expired++;
        } else {
          left++;
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("reconciling an order failed", e);
      } finally {
        LogContext.remove("orderId");
      }
    }
    return new Report(checked, paid, refused, expired, left, failed, truncated);
  }
}
