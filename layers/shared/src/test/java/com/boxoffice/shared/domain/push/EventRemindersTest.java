package com.boxoffice.shared.domain.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.EventReminderStore;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryPushOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reminders' decisions on in-memory ports: the events in the window only, once per buyer
 * however often the schedule fires, a claim left by a run that died taken over after its lease
 * (same notification id), and an event not marked done while another run still holds a claim.
 */
@Tag("fast")
class EventRemindersTest {
  static final Instant NOW = Instant.parse("2030-06-01T15:00:00Z");
  static final Duration LEAD = Duration.ofHours(3);
  /** The start of the events two hours ahead, in epoch seconds, as the ids carry it. */
  static final long START = NOW.plus(Duration.ofHours(2)).getEpochSecond();
  final MutableClock clock = new MutableClock(NOW);
  final List<Order> orders = new ArrayList<>();
  final Store store = new Store();
  final InMemoryPushOutbox pushes = new InMemoryPushOutbox();
  final EventReminders reminders = new EventReminders(store, new EventChangePushesTest.PagedOrders(orders), pushes,
      LEAD, Duration.ofMinutes(5), clock);

  @Test
  void onlyTheEventsDueRemindTheirPaidBuyersOnceHoweverOftenTheScheduleFires() {
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", NOW.plus(Duration.ofHours(2)),
        EventStatus.ON_SALE));
    store.events.add(new EventReminderStore.UpcomingEvent("evt-late", "Late", NOW.plus(Duration.ofHours(4)),
        EventStatus.ON_SALE));
    store.events.add(new EventReminderStore.UpcomingEvent("evt-off", "Off", NOW.plus(Duration.ofHours(1)),
        EventStatus.CANCELLED));
    store.events.add(new EventReminderStore.UpcomingEvent("evt-gone", "Gone", NOW.minusSeconds(1),
        EventStatus.CLOSED));
    for (String e : List.of("evt-1", "evt-late", "evt-off", "evt-gone")) {
      orders.add(order(e, "a", OrderStatus.PAID, "ada"));
      orders.add(order(e, "b", OrderStatus.PAID, "ada"));
      orders.add(order(e, "c", OrderStatus.PAID, "grace"));
      orders.add(order(e, "d", OrderStatus.EXPIRED, "linus"));
      orders.add(order(e, "e", OrderStatus.PAID, null));
    }

    var first = reminders.run();
    clock.advance(Duration.ofMinutes(15));
    var second = reminders.run();

    assertThat(first).isEqualTo(new EventReminders.Report(1, 2, 0));
    assertThat(second).as("done: not read again").isEqualTo(new EventReminders.Report(0, 0, 0));
    assertThat(pushes.queued()).extracting(PushNotification::notificationId)
        .containsExactlyInAnyOrder("event-reminder:evt-1:" + START + ":ada", "event-reminder:evt-1:" + START + ":grace");
  }

  @Test
  void aClaimLeftByARunThatDiedIsTakenOverAfterItsLeaseAndTheEventIsNotDoneBefore() {
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", NOW.plus(Duration.ofHours(2)),
        EventStatus.ON_SALE));
    orders.add(order("evt-1", "a", OrderStatus.PAID, "ada"));
    orders.add(order("evt-1", "c", OrderStatus.PAID, "grace"));
    // A run claimed ada's reminder and died before queueing it.
    store.claim("evt-1", NOW.plus(Duration.ofHours(2)), "ada", NOW, NOW.minus(Duration.ofMinutes(5)));

    var meanwhile = reminders.run();
    assertThat(meanwhile).isEqualTo(new EventReminders.Report(1, 1, 1));
    assertThat(store.doneEvents()).as("ada's claim is still held").isEmpty();

    clock.advance(Duration.ofMinutes(6));
    var later = reminders.run();
    assertThat(later).isEqualTo(new EventReminders.Report(1, 1, 1));
    assertThat(store.doneEvents()).containsExactly("evt-1");
    assertThat(pushes.queued()).extracting(PushNotification::notificationId)
        .containsExactlyInAnyOrder("event-reminder:evt-1:" + START + ":grace", "event-reminder:evt-1:" + START + ":ada");
  }

  @Test
  void aRunShortOfTimeStopsBetweenBuyersAndTheNextGoesOn() {
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", NOW.plus(Duration.ofHours(2)),
        EventStatus.ON_SALE));
    for (int i = 0; i < 5; i++) {
      orders.add(order("evt-1", "o" + i, OrderStatus.PAID, "user-" + i));
    }
    // Checked before the event, before the page and before each buyer: three buyers fit.
    long[] left = {15_000};

    var cut = reminders.run(() -> left[0] -= 1_000, Duration.ofSeconds(10));
    assertThat(store.doneEvents()).as("not done while buyers are left").isEmpty();
    var rest = reminders.run();

    assertThat(cut).isEqualTo(new EventReminders.Report(1, 3, 0));
    assertThat(rest).isEqualTo(new EventReminders.Report(1, 2, 3));
    assertThat(store.doneEvents()).containsExactly("evt-1");
    assertThat(pushes.queued()).extracting(PushNotification::userId).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void aRunCutShortGoesOnFromThePageItReachedNotFromTheFirstOrder() {
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", NOW.plus(Duration.ofHours(2)),
        EventStatus.ON_SALE));
    int buyers = EventReminders.PAGE + 20;
    for (int i = 0; i < buyers; i++) {
      orders.add(order("evt-1", String.format("o%03d", i), OrderStatus.PAID, "user-" + i));
    }
    // Enough for the first page and five buyers of the second.
    long[] left = {10_000L + EventReminders.PAGE + 7};

    var cut = reminders.run(() -> left[0]--, Duration.ofSeconds(10));
    assertThat(cut.queued()).isEqualTo(EventReminders.PAGE + 5);
    store.claims.clear();
    var rest = reminders.run();

    assertThat(rest).as("the first page is not read again").isEqualTo(new EventReminders.Report(1, 15, 5));
    assertThat(store.claims).hasSize(20);
    assertThat(store.doneEvents()).containsExactly("evt-1");
    assertThat(pushes.queued()).extracting(PushNotification::notificationId).hasSize(buyers).doesNotHaveDuplicates();
  }

  @Test
  void anEventMovedToAnotherTimeIsRemindedAgainOnceForItsNewStart() {
    Instant first = NOW.plus(Duration.ofHours(1));
    Instant moved = NOW.plus(Duration.ofHours(2));
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", first, EventStatus.ON_SALE));
    orders.add(order("evt-1", "a", OrderStatus.PAID, "ada"));

    reminders.run();
    store.events.clear();
    store.events.add(new EventReminderStore.UpcomingEvent("evt-1", "Night", moved, EventStatus.ON_SALE));
    reminders.run();
    clock.advance(Duration.ofMinutes(15));
    var again = reminders.run();

    assertThat(again).as("the new start is done too").isEqualTo(new EventReminders.Report(0, 0, 0));
    assertThat(pushes.queued()).extracting(PushNotification::notificationId).containsExactly(
        "event-reminder:evt-1:" + first.getEpochSecond() + ":ada", "event-reminder:evt-1:" + moved.getEpochSecond()
            + ":ada");
  }

  static Order order(String eventId, String suffix, OrderStatus status, String buyerId) {
    Order o = EventChangePushesTest.order(eventId + "-" + suffix, status, buyerId);
    return new Order(o.orderId(), o.status(), eventId, o.eventName(), o.eventStartsAt(), o.eventEndsAt(), o.buyerId(),
        null, o.email(), o.name(), o.lines(), o.amountTotal(), o.currency(), o.createdAt(), o.holdExpiresAt(),
        o.releaseAfter(), o.checkoutSessionId(), null, o.paymentIntentId(), o.paidAt(), false, 1, 0);
  }

  /** The reminder marks in memory, with the same claim rules as the table's conditional put. */
  static final class Store implements EventReminderStore {
    final List<UpcomingEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, Instant> claimed = new ConcurrentHashMap<>();
    final Set<String> queuedMarks = ConcurrentHashMap.newKeySet();
    final Set<String> done = new HashSet<>();
    final Map<String, String> cursors = new ConcurrentHashMap<>();
    final List<String> claims = new CopyOnWriteArrayList<>();

    @Override
    public List<UpcomingEvent> startingBetween(Instant after, Instant upTo) {
      return List.copyOf(events);
    }

    @Override
    public synchronized Progress progress(String eventId, Instant startsAt) {
      String key = eventId + "@" + startsAt.getEpochSecond();
      return new Progress(done.contains(key), Optional.ofNullable(cursors.get(key)));
    }

    @Override
    public synchronized Claim claim(String eventId, Instant startsAt, String userId, Instant at, Instant staleBefore) {
      String key = eventId + "@" + startsAt.getEpochSecond() + "/" + userId;
      claims.add(key);
      if (queuedMarks.contains(key)) {
        return Claim.QUEUED;
      }
      Instant held = claimed.get(key);
      if (held != null && !held.isBefore(staleBefore)) {
        return Claim.HELD;
      }
      claimed.put(key, at);
      return Claim.CLAIMED;
    }

    @Override
    public synchronized void queued(String eventId, Instant startsAt, String userId, Instant at) {
      queuedMarks.add(eventId + "@" + startsAt.getEpochSecond() + "/" + userId);
    }

    @Override
    public synchronized void advance(String eventId, Instant startsAt, String cursor, Instant expiresAt) {
      String key = eventId + "@" + startsAt.getEpochSecond();
      if (!done.contains(key)) {
        cursors.put(key, cursor);
      }
    }

    @Override
    public synchronized void markDone(String eventId, Instant startsAt, Instant at, Instant expiresAt) {
      done.add(eventId + "@" + startsAt.getEpochSecond());
    }

    /** The events done, whatever their start. */
    synchronized Set<String> doneEvents() {
      Set<String> out = new HashSet<>();
      done.forEach(k -> out.add(k.substring(0, k.indexOf('@'))));
      return out;
    }
  }
}
