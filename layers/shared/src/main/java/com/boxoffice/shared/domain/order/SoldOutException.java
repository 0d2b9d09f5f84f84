package com.boxoffice.shared.domain.order;

import java.util.Map;

/** The seats asked for are not all available; {@code available} says what is left per ticket type. */
public final class SoldOutException extends RuntimeException {
  private final Map<String, Integer> available;

  public SoldOutException(Map<String, Integer> available) {
    super("not enough seats left");
    this.available = Map.copyOf(available);
  }

  public Map<String, Integer> available() {
    return available;
  }
}
