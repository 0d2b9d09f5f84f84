package com.boxoffice.shared.domain.order;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a ticket type's seats are split across counter shards, so that an on-sale spreads its
 * writes over many items instead of one (docs/architecture.md, "Hot keys"). A type with
 * {@code count == 1} keeps its single counter on the ticket type itself; a larger type gets one
 * counter per shard, each with its own capacity, held, sold and available. A checkout starts on a
 * random shard and, when that one cannot give the seats, takes them from the shards that can
 * ({@link #take}); only when all shards together have fewer seats than asked is it sold out.
 *
 * <p>The rules here are pure: which shard to try, how a capacity is split, which shards give up
 * seats when the capacity is lowered. The store executes them with conditional writes, so a plan
 * made from a stale read fails its condition and is made again from a fresh one.
 */
public final class InventoryShards {
  /** Most shards a ticket type gets; see docs/benchmarks.md for why 48 covers 10,000 checkouts a second. */
  public static final int MAX = 48;
  /** One more shard per this many seats, up to {@link #MAX}. */
  public static final int SEATS_PER_SHARD = 250;

  private InventoryShards() {}

  /** The shard count a new ticket type of this capacity gets: one per 250 seats, 1 to 48. */
  public static int countFor(int capacity) {
    return Math.max(1, Math.min(MAX, (capacity + SEATS_PER_SHARD - 1) / SEATS_PER_SHARD));
  }

  /** The capacity split as evenly as it goes: the first {@code capacity % count} shards get one seat more. */
  public static int[] split(int capacity, int count) {
    if (count < 1 || capacity < 0) {
      throw new IllegalArgumentException("cannot split " + capacity + " seats over " + count + " shards");
    }
    int[] seats = new int[count];
    for (int k = 0; k < count; k++) {
      seats[k] = capacity / count + (k < capacity % count ? 1 : 0);
    }
    return seats;
  }

  /**
   * Where {@code quantity} seats come from, given what each shard has available: the first shard
   * from {@code start} (walking round) that has them all; else, when the shards together have
   * enough, as many from each as it has, in the same order; else empty (sold out).
   */
  public static Optional<Map<Integer, Integer>> take(int quantity, int[] available, int start) {
    int n = available.length;
    for (int i = 0; i < n; i++) {
      int k = (start + i) % n;
      if (available[k] >= quantity) {
        return Optional.of(Map.of(k, quantity));
      }
    }
    return spread(quantity, available, start);
  }

  /**
   * Which shards give up {@code seats} of their available seats when the capacity is lowered:
   * the fullest first, so the shards stay even; empty when they have fewer than that together.
   */
  public static Optional<Map<Integer, Integer>> lower(int seats, int[] available) {
    Integer[] order = new Integer[available.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> available[b] != available[a] ? available[b] - available[a] : a - b);
    Map<Integer, Integer> plan = new LinkedHashMap<>();
    int left = seats;
    for (int k : order) {
      if (left == 0) {
        break;
      }
      int from = Math.min(left, Math.max(0, available[k]));
      if (from > 0) {
        plan.put(k, from);
        left -= from;
      }
    }
    return left == 0 ? Optional.of(plan) : Optional.empty();
  }

  /** Which shards get {@code seats} more capacity: spread evenly, the remainder from shard 0 on. */
  public static Map<Integer, Integer> raise(int seats, int count) {
    Map<Integer, Integer> plan = new LinkedHashMap<>();
    int[] split = split(seats, count);
    for (int k = 0; k < count; k++) {
      if (split[k] > 0) {
        plan.put(k, split[k]);
      }
    }
    return plan;
  }

  /**
   * Takes {@code quantity} from the counts given ({@code available} seats, or sold seats when
   * putting refunded seats back), as much from each shard as it has, walking round from
   * {@code start}; empty when they have fewer together.
   */
  public static Optional<Map<Integer, Integer>> spread(int quantity, int[] counts, int start) {
    int n = counts.length;
    Map<Integer, Integer> plan = new LinkedHashMap<>();
    int left = quantity;
    for (int i = 0; i < n && left > 0; i++) {
      int k = (start + i) % n;
      int from = Math.min(left, Math.max(0, counts[k]));
      if (from > 0) {
        plan.put(k, from);
        left -= from;
      }
    }
    return left == 0 ? Optional.of(plan) : Optional.empty();
  }
}
