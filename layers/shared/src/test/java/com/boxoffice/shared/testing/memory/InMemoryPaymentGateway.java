package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.port.out.PaymentGateway;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PaymentGateway} in memory, as the provider behaves: a session per idempotency key (a
 * repeated request returns the same session), and failures a test queues up with
 * {@link #failNext}, each thrown by one call.
 */
public final class InMemoryPaymentGateway implements PaymentGateway {
  private final Map<String, CheckoutSession> byKey = new HashMap<>();
  private final Map<String, CheckoutSession> byId = new HashMap<>();
  private final List<CheckoutSessionRequest> requests = new ArrayList<>();
  private final Deque<RuntimeException> failures = new ArrayDeque<>();

  /** The next call throws {@code failure} instead of answering. */
  public synchronized InMemoryPaymentGateway failNext(RuntimeException failure) {
    failures.add(failure);
    return this;
  }

  /** The provider is down for the next call. */
  public InMemoryPaymentGateway unavailableNext() {
    return failNext(new PaymentProviderException(PaymentProviderException.Kind.UNAVAILABLE, "provider unavailable", 503,
        "api_error", "req_test", null));
  }

  /** The provider refuses the next request for good. */
  public InMemoryPaymentGateway rejectNext() {
    return failNext(new PaymentProviderException(PaymentProviderException.Kind.REJECTED, "request refused", 400,
        "invalid_request_error", "req_test", null));
  }

  /** Every creation request received, failed ones included. */
  public synchronized List<CheckoutSessionRequest> requests() {
    return List.copyOf(requests);
  }

  /** The distinct sessions created. */
  public synchronized List<CheckoutSession> sessions() {
    return List.copyOf(byId.values());
  }

  /** Replaces a session as the provider would report it later (completed, expired, ...). */
  public synchronized void update(CheckoutSession session) {
    byId.put(session.id(), session);
  }

  @Override
  public synchronized CheckoutSession createCheckoutSession(CheckoutSessionRequest request) {
    requests.add(request);
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    return byKey.computeIfAbsent(request.idempotencyKey(), k -> {
      String id = "cs_test_" + (byId.size() + 1);
      long total = request.lines().stream().mapToLong(l -> l.unitAmount() * l.quantity()).sum();
      CheckoutSession s = new CheckoutSession(id, "https://checkout.example/pay/" + id, request.orderId(), "open",
          "unpaid", null, total, request.currency(), request.expiresAt());
      byId.put(id, s);
      return s;
    });
  }

  @Override
  public synchronized CheckoutSession retrieveCheckoutSession(String sessionId) {
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    CheckoutSession s = byId.get(sessionId);
    if (s == null) {
      throw new PaymentProviderException(PaymentProviderException.Kind.REJECTED, "no such checkout session", 404,
          "resource_missing", "req_test", null);
    }
    return s;
  }
}
