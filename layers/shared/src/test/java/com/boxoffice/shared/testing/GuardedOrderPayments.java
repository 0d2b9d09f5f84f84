package com.boxoffice.shared.testing;

import com.boxoffice.shared.port.out.OrderPayments;
import java.time.Instant;
import java.util.Optional;

/**
 * An {@link OrderPayments} that runs a guard before every call, e.g. one that throws while a test
 * has the order store "down", and otherwise delegates.
 */
public final class GuardedOrderPayments implements OrderPayments {
  private final OrderPayments delegate;
  private final Runnable guard;

  public GuardedOrderPayments(OrderPayments delegate, Runnable guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override public PaidResult paid(PaymentConfirmation c) { guard.run(); return delegate.paid(c); }
  @Override public void refundIssued(String p, String r, Instant at) { guard.run(); delegate.refundIssued(p, r, at); }
  @Override public Outcome paymentFailed(String o, String s, Instant at) { guard.run(); return delegate.paymentFailed(o, s, at); }
  @Override public Outcome expired(String o, String s, Instant at) { guard.run(); return delegate.expired(o, s, at); }
  @Override public Optional<PaymentLink> paymentLink(String p) { guard.run(); return delegate.paymentLink(p); }
  @Override public boolean hasOrder(String o) { guard.run(); return delegate.hasOrder(o); }
  @Override public Outcome refunded(RefundReport r) { guard.run(); return delegate.refunded(r); }
  @Override public Outcome disputed(String o, String p, Instant at) { guard.run(); return delegate.disputed(o, p, at); }
}
