package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.email.EmailAddresses;
import com.boxoffice.shared.port.out.SuppressionList;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SuppressionList} in memory; addresses are keyed as the DynamoDB list keys them, and the first reason stays. */
public final class InMemorySuppressionList implements SuppressionList {
  private final Map<String, String> reasons = new HashMap<>();

  @Override
  public synchronized boolean isSuppressed(String address) {
    return reasons.containsKey(key(address));
  }

  @Override
  public synchronized void suppress(String address, String reason, Instant at) {
    reasons.putIfAbsent(key(address), reason);
  }

  public synchronized Optional<String> reason(String address) {
    return Optional.ofNullable(reasons.get(key(address)));
  }

  private static String key(String address) {
    return EmailAddresses.key(address);
  }
}
