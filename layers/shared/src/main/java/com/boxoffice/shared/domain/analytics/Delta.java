package com.boxoffice.shared.domain.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed amounts per slot and counter, plus labels (a ticket type's name, an event's currency)
 * that a change sets. Zero amounts are dropped, so an empty delta means nothing to write.
 */
public final class Delta {
  private final Map<Slot, Map<Counter, Long>> amounts = new LinkedHashMap<>();
  private final Map<Slot, Map<Label, String>> labels = new LinkedHashMap<>();

  /** Text kept beside the counters. */
  public enum Label {
    NAME("name"),
    CURRENCY("currency");

    private final String attribute;

    Label(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }
  }

  public Delta add(Slot slot, Counter counter, long amount) {
    if (amount != 0) {
      Map<Counter, Long> m = amounts.computeIfAbsent(slot, s -> new EnumMap<>(Counter.class));
      long sum = m.getOrDefault(counter, 0L) + amount;
      if (sum == 0) {
        m.remove(counter);
        if (m.isEmpty()) {
          amounts.remove(slot);
        }
      } else {
        m.put(counter, sum);
      }
    }
    return this;
  }

  public Delta label(Slot slot, Label label, String value) {
    if (value != null) {
      labels.computeIfAbsent(slot, s -> new EnumMap<>(Label.class)).put(label, value);
    }
    return this;
  }

  /** Adds every amount of {@code other} times {@code sign} (labels only when the sign is positive). */
  public Delta plus(Delta other, int sign) {
    other.amounts.forEach((slot, m) -> m.forEach((c, v) -> add(slot, c, sign * v)));
    if (sign > 0) {
      other.labels.forEach((slot, m) -> m.forEach((l, v) -> label(slot, l, v)));
    }
    return this;
  }

  public Map<Slot, Map<Counter, Long>> amounts() {
    return Collections.unmodifiableMap(amounts);
  }

  public Map<Slot, Map<Label, String>> labels() {
    return Collections.unmodifiableMap(labels);
  }

  /** Whether applying this delta changes no counter. Labels alone are not worth a write. */
  public boolean isEmpty() {
    return amounts.isEmpty();
  }

  @Override
  public String toString() {
    return amounts.toString();
  }
}
