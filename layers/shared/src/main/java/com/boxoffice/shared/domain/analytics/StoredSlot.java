package com.boxoffice.shared.domain.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * A slot as stored: its counters, its labels, the number of changes written to it
 * ({@code version}, which a repair checks) and when the last change was applied.
 */
public record StoredSlot(Slot slot, Map<Counter, Long> counters, Map<Delta.Label, String> labels,
    long version, Instant appliedAt) {
  public StoredSlot {
    counters = Map.copyOf(counters);
    labels = Map.copyOf(labels);
  }

  public long get(Counter c) {
    return counters.getOrDefault(c, 0L);
  }

  public String label(Delta.Label l) {
    return labels.get(l);
  }
}
