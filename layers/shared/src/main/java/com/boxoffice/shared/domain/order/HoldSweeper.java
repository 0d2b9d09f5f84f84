package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.order.HoldPolicy.Decision;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.port.out.CheckoutSessionExpiry;
import com.boxoffice.shared.port.out.HeldOrders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases seat holds nobody else released, but only once nobody can pay for them any more.
 * For each pending order past its {@code releaseAfter} it first expires the order's checkout
 * session at the provider (so the buyer cannot complete it after the seats are gone), then lets
 * {@link HoldPolicy} decide from the answer: release, keep (a payment completed or is under way),
 * retry at the next sweep (the provider did not answer) or flag for review (kept as long as
 * allowed). Orders that never got a session are released without asking. Every write is
 * conditional on the order still being pending, so a sweep racing a payment or an expiry event
 * is harmless: whichever writes first wins and the other changes nothing. One order's failure
 * does not stop the others, and a sweep takes no further order once its time budget is spent;
 * the rest are still due at the next run.
 */
public final class HoldSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);

  /** How many orders one sweep looks at; the schedule runs again a few minutes later. */
  public static final int DEFAULT_BATCH = 500;
  /** How long one sweep may spend on provider calls before leaving the rest for the next run. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);

  /** What a sweep did; {@code failed} counts orders whose write failed (they are due again next run). */
  public record Result(int examined, int released, int kept, int retried, int flagged, int failed) {}

  private final HeldOrders holds;
  private final CheckoutSessionExpiry sessions;
  private final HoldPolicy policy;
  private final Clock clock;
  private final int batch;
  private final Duration budget;

  public HoldSweeper(HeldOrders holds, CheckoutSessionExpiry sessions, HoldPolicy policy, Clock clock) {
    this(holds, sessions, policy, clock, DEFAULT_BATCH, DEFAULT_BUDGET);
  }

  /**
   * @param clock measures the time budget only; decisions use the {@code now} given to {@link #sweep}
   */
  public HoldSweeper(HeldOrders holds, CheckoutSessionExpiry sessions, HoldPolicy policy, Clock clock, int batch,
      Duration budget) {
    this.holds = holds;
    this.sessions = sessions;
    this.policy = policy;
    this.clock = clock;
    this.batch = batch;
    this.budget = budget;
  }

  public Result sweep(Instant now) {
    Instant stopAt = clock.instant().plus(budget);
    var due = holds.due(now, batch);
    int examined = 0;
    int released = 0;
    int kept = 0;
    int retried = 0;
    int flagged = 0;
    int failed = 0;
    for (Order order : due) {
      if (clock.instant().isAfter(stopAt)) {
        LOG.warn("hold sweep out of time; the next run takes the rest examined={} due={}", examined, due.size());
        break;
      }
      examined++;
      try {
        Decision decision = policy.decide(order, policy.needsSession(order) ? ask(order) : Optional.empty(), now);
        switch (decision.verdict()) {
          case RELEASE -> {
            if (holds.release(order, now)) {
              released++;
              LOG.info("hold released by sweep orderId={} sessionCreated={}", order.orderId(),
                  order.checkoutSessionId() != null);
            }
          }
          case KEEP -> {
            if (holds.keep(order, decision.recheckAt())) {
              kept++;
              LOG.info("hold kept: the session completed orderId={} recheckAt={}", order.orderId(),
                  decision.recheckAt());
            }
          }
          case RETRY -> retried++;
          case FLAG_FOR_REVIEW -> {
            if (holds.flagForReview(order, decision.reason(), now)) {
              flagged++;
              LOG.error("hold kept past its bound; order flagged for review orderId={} reason={}", order.orderId(),
                  decision.reason().wire());
            }
          }
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("sweeping an order failed; it is due again at the next run orderId={}", order.orderId(), e);
      }
    }
    var result = new Result(examined, released, kept, retried, flagged, failed);
    LOG.info("hold sweep done result={}", result);
    return result;
  }

  /** The session's state after the expire call, or empty when the provider could not say. */
  private Optional<SessionState> ask(Order order) {
    try {
      return Optional.of(sessions.expire(order.checkoutSessionId()));
    } catch (PaymentProviderException e) {
      LOG.warn("could not expire the checkout session; hold kept for the next sweep orderId={} kind={} httpStatus={}"
          + " providerCode={} providerRequestId={}", order.orderId(), e.kind(), e.httpStatus(), e.providerCode(),
          e.providerRequestId());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      LOG.error("the provider reported a session state this code does not know; hold kept orderId={}",
          order.orderId(), e);
      return Optional.empty();
    }
  }
}
