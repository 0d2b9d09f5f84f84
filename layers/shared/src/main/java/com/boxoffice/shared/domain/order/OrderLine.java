package com.boxoffice.shared.domain.order;

import java.util.Map;
import java.util.TreeMap;

/**
 * One ticket type in an order: how many, at what unit price (minor units) when ordered, and, once
 * the seats are held on a sharded inventory, how many came from each shard ({@code shards}: shard
 * number to seats, summing to {@code quantity}; empty while not held or when the ticket type keeps
 * one counter). Releases and sales move the seats on the same shards they came from; a payment
 * after its hold was released may retake them on other shards (and the line is rewritten with
 * those); a refund returns seats to whichever shards have sold them, by their current counts.
 */
public record OrderLine(String ticketTypeId, String name, int quantity, long unitPrice, Map<Integer, Integer> shards) {
  public OrderLine {
    shards = shards == null || shards.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(shards));
    if (!shards.isEmpty() && shards.values().stream().mapToInt(Integer::intValue).sum() != quantity) {
      throw new IllegalArgumentException("shard takes " + shards + " do not add up to " + quantity);
    }
  }

  public OrderLine(String ticketTypeId, String name, int quantity, long unitPrice) {
    this(ticketTypeId, name, quantity, unitPrice, Map.of());
  }

  /** This line held on the given shards. */
  public OrderLine onShards(Map<Integer, Integer> takes) {
    return new OrderLine(ticketTypeId, name, quantity, unitPrice, takes);
  }

  public long amount() {
    return unitPrice * quantity;
  }
}
