package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.PaymentProviderException.Kind;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.port.out.CheckoutSessionExpiry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link CheckoutSessionExpiry} in memory, behaving as Stripe does: an open session becomes
 * expired, a completed or expired one stays as it is and says so. A session can be made
 * unreachable (the provider is down) and an unknown session is refused, as Stripe's 404 is.
 */
public final class InMemoryCheckoutSessionExpiry implements CheckoutSessionExpiry {
  private final Map<String, SessionState> sessions = new HashMap<>();
  private final Set<String> unreachable = new HashSet<>();
  private final List<String> calls = new ArrayList<>();

  public synchronized void put(String sessionId, SessionState state) {
    sessions.put(sessionId, state);
  }

  /** While set, asking about this session fails as a provider outage does. */
  public synchronized void unreachable(String sessionId, boolean down) {
    if (down) {
      unreachable.add(sessionId);
    } else {
      unreachable.remove(sessionId);
    }
  }

  public synchronized SessionState state(String sessionId) {
    return sessions.get(sessionId);
  }

  /** Every session id expire was called with, in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public synchronized SessionState expire(String sessionId) {
    calls.add(sessionId);
    if (unreachable.contains(sessionId)) {
      throw new PaymentProviderException(Kind.UNAVAILABLE, "provider unavailable", 503, null, "req_memory", null);
    }
    SessionState state = sessions.get(sessionId);
    if (state == null) {
      throw new PaymentProviderException(Kind.REJECTED, "no such session", 404, "resource_missing", "req_memory", null);
    }
    if (state == SessionState.OPEN) {
      sessions.put(sessionId, SessionState.EXPIRED);
      return SessionState.EXPIRED;
    }
    return state;
  }
}
