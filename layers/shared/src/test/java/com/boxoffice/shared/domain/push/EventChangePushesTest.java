package com.boxoffice.shared.domain.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryAnnouncementProgress;
import com.boxoffice.shared.testing.memory.InMemoryPushOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An event's time or venue changing queues one announcement job under the change's id (a rename, a
 * draft or a cancelled event none); walking the job tells each signed-in holder of a paid order
 * once (however many orders they have, across pages), a page at a time within the time budget, over
 * as many runs as it takes, and a duplicated job queues nothing more.
 */
@Tag("fast")
class EventChangePushesTest {
  static final Instant STARTS = Instant.parse("2030-06-01T18:00:00Z");
  final List<Order> orders = new ArrayList<>();
  final List<EventAnnouncement> jobs = new ArrayList<>();
  final InMemoryPushOutbox pushes = new InMemoryPushOutbox();
  final InMemoryAnnouncementProgress progress = new InMemoryAnnouncementProgress();
  final MutableClock clock = new MutableClock(STARTS.minus(Duration.ofDays(10)));
  final EventChangePushes changes = new EventChangePushes(jobs::add);

  /** A budget of zero: every run walks one page and stops. */
  EventChangeAnnouncer announcer(Duration budget) {
    return new EventChangeAnnouncer(new PagedOrders(orders), pushes, progress, budget, clock);
  }

  @Test
  void aNewStartTimeIsOneJobThatTellsEveryPaidBuyerOnceOverSeveralRuns() {
    // 244 orders over three pages: 120 buyers with two paid orders each, plus others.
    for (int i = 0; i < 120; i++) {
      orders.add(order("o" + i + "a", OrderStatus.PAID, "user-" + i));
      orders.add(order("o" + i + "b", i % 2 == 0 ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.PAID, "user-" + i));
    }
    orders.add(order("guest", OrderStatus.PAID, null));
    orders.add(order("pending", OrderStatus.PENDING, "user-pending"));
    orders.add(order("refunded", OrderStatus.REFUNDED, "user-refunded"));
    orders.add(order("expired", OrderStatus.EXPIRED, "user-expired"));
    OrganizerEvent before = event(STARTS, "Hall A", EventStatus.ON_SALE, 4);
    OrganizerEvent after = event(STARTS.plusSeconds(3600), "Hall A", EventStatus.ON_SALE, 5);

    changes.changed(before, after);

    assertThat(jobs).hasSize(1);
    assertThat(pushes.queued()).as("nothing is walked where the change is seen").isEmpty();
    EventAnnouncement job = jobs.get(0);
    assertThat(job.jobId()).isEqualTo("event-announcement:evt-1:v5");
    EventChangeAnnouncer announcer = announcer(Duration.ZERO);
    List<EventChangeAnnouncer.Status> runs = new ArrayList<>();
    for (int run = 0; run < 10; run++) {
      var result = announcer.announce(job, "msg-" + run, () -> Long.MAX_VALUE, Duration.ZERO);
      runs.add(result.status());
      if (result.status() == EventChangeAnnouncer.Status.DONE) {
        break;
      }
    }
    assertThat(runs).as("one page per run").containsExactly(EventChangeAnnouncer.Status.MORE,
        EventChangeAnnouncer.Status.MORE, EventChangeAnnouncer.Status.DONE);
    assertThat(announcer.announce(job, "msg-duplicate", () -> Long.MAX_VALUE, Duration.ZERO))
        .as("the same job again").isEqualTo(new EventChangeAnnouncer.Result(EventChangeAnnouncer.Status.DONE, 0,
            Duration.ZERO));

    List<PushNotification> queued = pushes.queued();
    assertThat(queued).hasSize(120);
    assertThat(progress.queued("evt-1", "v5")).isEqualTo(120);
    assertThat(queued).extracting(PushNotification::userId).doesNotHaveDuplicates()
        .doesNotContain("user-pending", "user-refunded", "user-expired");
    assertThat(queued).allSatisfy(n -> {
      assertThat(n.category()).isEqualTo(PushCategory.EVENT_CHANGES);
      assertThat(n.notificationId()).isEqualTo("event-changed:evt-1:v5:" + n.userId());
      assertThat(n.collapseKey()).isEqualTo("event:evt-1");
      assertThat(n.body()).contains("Now starts Sat 1 Jun 2030, 21:00").doesNotContain("Now at");
    });
  }

  @Test
  void aDuplicatedJobGoesOnFromTheCursorOfARunCutShortAndThenFindsItDone() {
    for (int i = 0; i < 150; i++) {
      orders.add(order("o" + i, OrderStatus.PAID, "user-" + i));
    }
    changes.changed(event(STARTS, "Hall A", EventStatus.ON_SALE, 1), event(STARTS, "Hall B", EventStatus.ON_SALE, 2));
    changes.changed(event(STARTS, "Hall A", EventStatus.ON_SALE, 1), event(STARTS, "Hall B", EventStatus.ON_SALE, 2));
    assertThat(jobs).hasSize(2).allMatch(j -> j.equals(jobs.get(0)));
    EventChangeAnnouncer announcer = announcer(Duration.ofSeconds(20));
    // The first run is cut by the invocation's time left after its first page and gives the walk up.
    long[] left = {35_000};
    var first = announcer.announce(jobs.get(0), "msg-1", () -> left[0] -= 30_000, Duration.ofSeconds(10));
    assertThat(first.status()).isEqualTo(EventChangeAnnouncer.Status.MORE);
    assertThat(pushes.queued()).hasSize(100);

    var second = announcer.announce(jobs.get(1), "msg-2", () -> Long.MAX_VALUE, Duration.ZERO);
    assertThat(second.status()).as("released: the next run goes on").isEqualTo(EventChangeAnnouncer.Status.DONE);
    var third = announcer.announce(jobs.get(0), "msg-3", () -> Long.MAX_VALUE, Duration.ZERO);
    assertThat(third.status()).isEqualTo(EventChangeAnnouncer.Status.DONE);
    assertThat(pushes.queued()).extracting(PushNotification::notificationId).hasSize(150).doesNotHaveDuplicates();
  }

  @Test
  void aRunHoldingTheWalkKeepsOthersOutUntilItsLeaseEnds() {
    orders.add(order("o1", OrderStatus.PAID, "user-1"));
    changes.changed(event(STARTS, "Hall A", EventStatus.ON_SALE, 1), event(STARTS, "Hall B", EventStatus.ON_SALE, 2));
    progress.take("evt-1", "v2", "msg-dead", clock.instant(), clock.instant().plusSeconds(50), clock.instant());

    var busy = announcer(Duration.ofSeconds(20)).announce(jobs.get(0), "msg-2", () -> Long.MAX_VALUE, Duration.ZERO);
    assertThat(busy).isEqualTo(new EventChangeAnnouncer.Result(EventChangeAnnouncer.Status.BUSY, 0,
        Duration.ofSeconds(50)));
    assertThat(pushes.queued()).isEmpty();

    clock.advance(Duration.ofSeconds(51));
    var later = announcer(Duration.ofSeconds(20)).announce(jobs.get(0), "msg-2", () -> Long.MAX_VALUE, Duration.ZERO);
    assertThat(later.status()).as("the dead run's lease ran out").isEqualTo(EventChangeAnnouncer.Status.DONE);
    assertThat(pushes.queued()).extracting(PushNotification::notificationId)
        .containsExactly("event-changed:evt-1:v2:user-1");
  }

  @Test
  void theSameChangeIsTheSameJobAndALaterChangeIsANewOne() {
    OrganizerEvent v1 = event(STARTS, "Hall A", EventStatus.ON_SALE, 1);
    OrganizerEvent v2 = event(STARTS, "Hall B", EventStatus.ON_SALE, 2);
    OrganizerEvent v3 = event(STARTS, "Hall C", EventStatus.PAUSED, 3);

    changes.changed(v1, v2);
    changes.changed(v1, v2);
    changes.changed(v2, v3);

    assertThat(jobs).extracting(EventAnnouncement::jobId).containsExactly(
        "event-announcement:evt-1:v2", "event-announcement:evt-1:v2", "event-announcement:evt-1:v3");
    assertThat(jobs.get(2).body()).isEqualTo("Now at Hall C. The details are in the app.");
    assertThat(jobs.get(2).to("user-1").notificationId()).isEqualTo("event-changed:evt-1:v3:user-1");
  }

  @Test
  void aChangeNoHolderActsOnADraftOrACancelledEventTellsNobody() {
    OrganizerEvent v1 = event(STARTS, "Hall A", EventStatus.ON_SALE, 1);
    OrganizerEvent renamed = new OrganizerEvent("evt-1", "org-1", "Another name", "Hall A", "Europe/Berlin", STARTS,
        STARTS.plusSeconds(7200), null, STARTS, "eur", EventStatus.ON_SALE, true, false, true, STARTS, STARTS, 2);

    changes.changed(v1, renamed);
    changes.changed(event(STARTS, "Hall A", EventStatus.DRAFT, 1), event(STARTS.plusSeconds(60), "Hall B",
        EventStatus.DRAFT, 2));
    changes.changed(event(STARTS, "Hall A", EventStatus.CANCELLED, 3), event(STARTS.plusSeconds(60), "Hall B",
        EventStatus.CANCELLED, 4));

    assertThat(jobs).isEmpty();
    assertThat(EventChangePushes.announcement(v1, renamed)).isEmpty();
  }

  static OrganizerEvent event(Instant startsAt, String venue, EventStatus status, long version) {
    return new OrganizerEvent("evt-1", "org-1", "Night", venue, "Europe/Berlin", startsAt, startsAt.plusSeconds(7200),
        null, startsAt, "eur", status, true, false, true, STARTS, STARTS, version);
  }

  static Order order(String orderId, OrderStatus status, String buyerId) {
    return new Order(orderId, status, "evt-1", "Night", STARTS, STARTS.plusSeconds(7200), buyerId, null,
        "b@example.com", "B", List.of(new OrderLine("ga", "GA", 1, 2500)), 2500, "eur", STARTS, STARTS, STARTS,
        "cs_" + orderId, null, "pi_" + orderId, STARTS, false, 1, 0);
  }

  /** The orders of an event, {@code limit} at a time, the cursor being the index of the next. */
  record PagedOrders(List<Order> all) implements OrganizerOrders {
    @Override
    public OrderPage ordersOfEvent(String eventId, Optional<String> email, Optional<String> cursor, int limit) {
      List<Order> ofEvent = all.stream().filter(o -> o.eventId().equals(eventId)).toList();
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(ofEvent.size(), from + limit);
      return new OrderPage(ofEvent.subList(from, to),
          to < ofEvent.size() ? Optional.of(String.valueOf(to)) : Optional.empty());
    }

    @Override
    public TicketPage ticketsOfEvent(String eventId, Optional<String> cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Ticket> ticket(String ticketId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean revoke(String ticketId, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean changeHolder(String ticketId, String holderName, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean restock(String eventId, String restockKey, Map<String, Integer> seatsByType, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Cancellation> cancellation(String eventId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CancellationStart startCancellation(String eventId, String actor, String reason, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean orderCancelled(String eventId, String orderId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean recordOrderCancelled(String eventId, String orderId, String refundId, int ticketsRevoked,
        Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancelTicket(String ticketId, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void advanceCancellation(String eventId, Optional<String> nextCursor, boolean done, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean reissueCode(Ticket current, String nextFallbackCode, Instant at) {
      throw new UnsupportedOperationException();
    }
  }
}
