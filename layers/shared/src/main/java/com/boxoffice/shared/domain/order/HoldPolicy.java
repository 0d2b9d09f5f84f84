package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.payment.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what happens to an order whose hold has ended, from what the payment provider said
 * about its checkout session after we tried to expire it. Seats are released only when nobody
 * can pay any more: the order never got a session, or its session is expired. A session that
 * completed keeps its seats for the payment event (or the reconciliation) to fulfil, including an
 * asynchronous payment still under way. An unknown state keeps them too. Nothing is kept for
 * ever: an order still unresolved {@code maxHold} after its hold ended is flagged for review,
 * never released silently.
 */
public final class HoldPolicy {

  /**
   * How long after its hold ends an order may keep its seats while its payment has no final
   * answer. Stripe puts a SEPA Direct Debit at about five business days and other bank debits at a
   * few; fourteen days covers those with room for weekends and bank holidays.
   */
  public static final Duration DEFAULT_MAX_HOLD = Duration.ofDays(14);
  /** How often a kept order is looked at again. */
  public static final Duration DEFAULT_RECHECK = Duration.ofHours(1);

  /**
   * One decision.
   *
   * @param recheckAt for {@link HoldVerdict#KEEP}: when to look again; null otherwise
   * @param reason for {@link HoldVerdict#FLAG_FOR_REVIEW}: why; null otherwise
   */
  public record Decision(HoldVerdict verdict, Instant recheckAt, HoldReviewReason reason) {
    static Decision of(HoldVerdict verdict) {
      return new Decision(verdict, null, null);
    }
  }

  private final Duration maxHold;
  private final Duration recheck;

  public HoldPolicy(Duration maxHold, Duration recheck) {
    if (maxHold.isNegative() || recheck.isNegative() || recheck.isZero()) {
      throw new IllegalArgumentException("maxHold must not be negative and recheck must be positive");
    }
    this.maxHold = maxHold;
    this.recheck = recheck;
  }

  public static HoldPolicy defaults() {
    return new HoldPolicy(DEFAULT_MAX_HOLD, DEFAULT_RECHECK);
  }

  public Duration maxHold() {
    return maxHold;
  }

  /** Whether the provider must be asked about this order's session before deciding. */
  public boolean needsSession(Order order) {
    return order.checkoutSessionId() != null;
  }

  /**
   * @param session what the provider said after the expire call; empty when it could not be asked
   *     or did not answer (ignored for an order without a session)
   */
  public Decision decide(Order order, Optional<SessionState> session, Instant now) {
    Objects.requireNonNull(session, "session");
    if (!needsSession(order)) {
      // The request died before the session was created or recorded: the buyer never got a payment page.
      return Decision.of(HoldVerdict.RELEASE);
    }
    if (session.isPresent() && session.get() == SessionState.EXPIRED) {
      return Decision.of(HoldVerdict.RELEASE);
    }
    Instant limit = order.holdExpiresAt().plus(maxHold);
    if (!now.isBefore(limit)) {
      HoldReviewReason reason = session.map(s -> switch (s) {
        case PAID -> HoldReviewReason.PAID_NOT_FULFILLED;
        case AWAITING_PAYMENT -> HoldReviewReason.ASYNC_PAYMENT_OVERDUE;
        case OPEN, EXPIRED -> HoldReviewReason.SESSION_UNRESOLVED;
      }).orElse(HoldReviewReason.SESSION_UNRESOLVED);
      return new Decision(HoldVerdict.FLAG_FOR_REVIEW, null, reason);
    }
    if (session.isEmpty() || session.get() == SessionState.OPEN) {
      // Unknown, or an open session the expire call did not end: never release blind.
      return Decision.of(HoldVerdict.RETRY);
    }
    Instant next = now.plus(recheck);
    return new Decision(HoldVerdict.KEEP, next.isBefore(limit) ? next : limit, null);
  }
}
