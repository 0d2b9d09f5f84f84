package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link OrderStore} that remembers, in the container and for {@link #hint}, how many seats the
 * store said were left of each ticket type when it last answered sold out, and answers sold out
 * again from that memory while it holds, without a write or a read: after a type sells out, each
 * refused buyer would otherwise cost a failed conditional write and a read of every counter shard
 * (docs/architecture.md, "Hot keys"). It answers only when it remembers every type of the order
 * and one of them has fewer seats left than asked for; anything else goes to the store, which
 * alone decides holds. A hint is taken from the time the store was asked, so a buyer is refused
 * at most {@code hint} after seats came back (a release, a capacity raise, a refund that
 * restocks). A hold or a release through this store forgets its types at once. Remembers at most
 * {@link #MAX_ENTRIES} types, then forgets them all.
 *
 * <p>While a type stays sold out the hint grows: each time the store confirms sold out for a type
 * whose hint had just run out (within that hint's length again), the next hint is twice the last, up to {@link #GROWTH} times
 * {@code hint}. A fleet of containers then reaches the table with one refused write per container
 * every {@code GROWTH × hint} rather than every {@code hint} (with 5,000 containers and the default,
 * about 300 a second instead of 2,500, under what one partition takes), while the type sits sold
 * out; one container may refuse a returned seat for that long, but the fleet keeps probing, so
 * some container sells it within a fraction of a second at that scale.
 */
public final class SoldOutHints implements OrderStore {
  /** How long a sold-out answer is repeated by default (docs/architecture.md, "Hot keys"). */
  public static final Duration DEFAULT_HINT = Duration.ofSeconds(2);
  static final int MAX_ENTRIES = 10_000;
  /** How many times the configured hint a hint grows to while a type stays sold out. */
  public static final int GROWTH = 8;

  /**
   * @param length how long this hint was given for; the next, after the store confirms sold out
   *     again, is twice that, up to {@link #GROWTH} times the configured hint
   */
  private record Left(int seats, long until, long length) {}

  private final OrderStore store;
  private final Clock clock;
  private final Duration hint;
  private final Map<String, Left> left = new ConcurrentHashMap<>();

  /** @param hint how long a sold-out answer is repeated; zero asks the store every time */
  public SoldOutHints(OrderStore store, Clock clock, Duration hint) {
    if (hint.isNegative()) {
      throw new IllegalArgumentException("hint must not be negative");
    }
    this.store = store;
    this.clock = clock;
    this.hint = hint;
  }

  public Duration hint() {
    return hint;
  }

  @Override
  public void placeHold(Order order) {
    if (hint.isZero()) {
      store.placeHold(order);
      return;
    }
    long asked = clock.millis();
    Optional<Map<String, Integer>> remembered = soldOut(order, asked);
    if (remembered.isPresent()) {
      throw new SoldOutException(remembered.get());
    }
    try {
      store.placeHold(order);
    } catch (SoldOutException e) {
      if (left.size() >= MAX_ENTRIES) {
        left.clear();
      }
      e.available().forEach((type, seats) -> left.compute(key(order.eventId(), type),
          (k, before) -> next(before, asked, seats, quantityOf(order, type))));
      throw e;
    }
    forget(order);
  }

  /**
   * The hint after the store answered sold out with {@code seats} left of a type the order wanted
   * {@code wanted} of. It is twice the last one (up to {@link #GROWTH} times the setting) only when
   * this confirms the last one: the same seats left, still short, and asked after that hint ran
   * out but within its length again (the type stayed sold out while buyers kept asking). A hint
   * still running (the store was asked because of another type of the order) is kept as it is;
   * anything else (a new count, a type that was not short, a sell-out long after the last hint)
   * gets the setting.
   */
  private Left next(Left before, long asked, int seats, int wanted) {
    long base = hint.toMillis();
    if (before == null || before.seats() != seats || seats >= wanted || asked - before.until() > before.length()) {
      return new Left(seats, asked + base, base);
    }
    if (asked < before.until()) {
      return before;
    }
    long length = Math.min(base * GROWTH, before.length() * 2);
    return new Left(seats, asked + length, length);
  }

  private static int quantityOf(Order order, String type) {
    int q = 0;
    for (OrderLine line : order.lines()) {
      if (line.ticketTypeId().equals(type)) {
        q += line.quantity();
      }
    }
    return q;
  }

  /** The seats left per type of the order, when every type is remembered and one of them is short. */
  private Optional<Map<String, Integer>> soldOut(Order order, long now) {
    Map<String, Integer> seats = new LinkedHashMap<>();
    boolean shortOfSeats = false;
    for (OrderLine line : order.lines()) {
      Left l = left.get(key(order.eventId(), line.ticketTypeId()));
      if (l == null || now >= l.until()) {
        return Optional.empty();
      }
      seats.put(line.ticketTypeId(), l.seats());
      shortOfSeats |= line.quantity() > l.seats();
    }
    return shortOfSeats ? Optional.of(seats) : Optional.empty();
  }

  private void forget(Order order) {
    for (OrderLine line : order.lines()) {
      left.remove(key(order.eventId(), line.ticketTypeId()));
    }
  }

  private static String key(String eventId, String ticketTypeId) {
    return eventId + '\n' + ticketTypeId;
  }

  @Override
  public boolean attachSession(String orderId, String sessionId, String url, Instant releaseAfter) {
    return store.attachSession(orderId, sessionId, url, releaseAfter);
  }

  @Override
  public boolean endUnpaid(Order order, OrderStatus to, Instant at) {
    boolean ended = store.endUnpaid(order, to, at);
    if (ended) {
      forget(order);
    }
    return ended;
  }

  @Override
  public Optional<Order> find(String orderId) {
    return store.find(orderId);
  }

  @Override
  public List<Order> releasable(Instant now, int limit) {
    return store.releasable(now, limit);
  }

  @Override
  public List<Ticket> tickets(Order order) {
    return store.tickets(order);
  }
}
