package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.port.out.Refunds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Refunds} in memory, idempotent like Stripe: a request with a key already used returns
 * the refund that key made. Counts the refunds actually made per payment, and can be told to
 * fail, or to hold refunds made elsewhere (in the dashboard) for {@link #forPayment}.
 */
public final class InMemoryRefunds implements Refunds {
  private final Map<String, String> byKey = new LinkedHashMap<>();
  private final Map<String, List<RefundRecord>> byPayment = new LinkedHashMap<>();
  private final List<RefundRequest> made = new ArrayList<>();
  private RuntimeException failure;

  @Override
  public synchronized String refund(RefundRequest request) {
    if (failure != null) {
      throw failure;
    }
    String existing = byKey.get(request.idempotencyKey());
    if (existing != null) {
      return existing;
    }
    String id = "re_" + (made.size() + 1) + "_" + request.paymentIntentId();
    byKey.put(request.idempotencyKey(), id);
    made.add(request);
    byPayment.computeIfAbsent(request.paymentIntentId(), k -> new ArrayList<>()).add(0,
        new RefundRecord(id, request.amount() == null ? 0 : request.amount(), true, request.ticketIds()));
    return id;
  }

  @Override
  public synchronized List<RefundRecord> forPayment(String paymentIntentId) {
    return List.copyOf(byPayment.getOrDefault(paymentIntentId, List.of()));
  }

  /** A refund someone made outside this system (it may or may not name tickets). */
  public synchronized void madeElsewhere(String paymentIntentId, RefundRecord refund) {
    byPayment.computeIfAbsent(paymentIntentId, k -> new ArrayList<>()).add(0, refund);
  }

  /** Every refund made through this port (not repeats of a key). */
  public synchronized List<RefundRequest> made() {
    return List.copyOf(made);
  }

  public synchronized long madeFor(String paymentIntentId) {
    return made.stream().filter(r -> r.paymentIntentId().equals(paymentIntentId)).count();
  }

  public synchronized void failWith(RuntimeException failure) {
    this.failure = failure;
  }
}
