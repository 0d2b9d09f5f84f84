package com.boxoffice.orgorders;

import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.port.out.Refunds;
import java.util.ArrayList;
import java.util.List;

/**
 * The real refunds adapter with every request it was asked to make recorded, and an optional
 * failure after a number of successful refunds (a crash in the middle of a run).
 */
final class RecordingRefunds implements Refunds {
  private final Refunds delegate;
  private final List<RefundRequest> made = new ArrayList<>();
  private int failAfter = Integer.MAX_VALUE;

  RecordingRefunds(Refunds delegate) {
    this.delegate = delegate;
  }

  /** Every refund after the first {@code count} successful ones fails as a crash would. */
  synchronized void failAfter(int count) {
    failAfter = made.size() + count;
  }

  synchronized void heal() {
    failAfter = Integer.MAX_VALUE;
  }

  @Override
  public synchronized String refund(RefundRequest request) {
    if (made.size() >= failAfter) {
      throw new IllegalStateException("the run stops here");
    }
    String id = delegate.refund(request);
    made.add(request);
    return id;
  }

  @Override
  public List<RefundRecord> forPayment(String paymentIntentId) {
    return delegate.forPayment(paymentIntentId);
  }

  synchronized List<RefundRequest> made() {
    return List.copyOf(made);
  }
}
