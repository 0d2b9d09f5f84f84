package com.boxoffice.shared.domain.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.testing.memory.InMemoryPushOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An event's time or venue changing tells each signed-in holder of a paid order once (however many
 * orders they have, across pages), under the change's own id; other changes, drafts, cancelled
 * events, guests and unpaid orders tell nobody.
 */
@Tag("fast")
class EventChangePushesTest {
  static final Instant STARTS = Instant.parse("2030-06-01T18:00:00Z");
  final List<Order> orders = new ArrayList<>();
  final InMemoryPushOutbox pushes = new InMemoryPushOutbox();
  final EventChangePushes changes = new EventChangePushes(new PagedOrders(orders), pushes);

  @Test
  void aNewStartTimeTellsEveryPaidBuyerOnceUnderTheChangesId() {
    // 250 orders over three pages: 120 buyers with two paid orders each, plus others.
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

    List<PushNotification> queued = pushes.queued();
    assertThat(queued).hasSize(120);
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
  void theSameChangeToldAgainIsTheSameNotificationAndALaterChangeIsANewOne() {
    orders.add(order("o1", OrderStatus.PAID, "user-1"));
    OrganizerEvent v1 = event(STARTS, "Hall A", EventStatus.ON_SALE, 1);
    OrganizerEvent v2 = event(STARTS, "Hall B", EventStatus.ON_SALE, 2);
    OrganizerEvent v3 = event(STARTS, "Hall C", EventStatus.PAUSED, 3);

    changes.changed(v1, v2);
    changes.changed(v1, v2);
    changes.changed(v2, v3);

    assertThat(pushes.queued()).extracting(PushNotification::notificationId).containsExactly(
        "event-changed:evt-1:v2:user-1", "event-changed:evt-1:v2:user-1", "event-changed:evt-1:v3:user-1");
    assertThat(pushes.queued().get(2).body()).isEqualTo("Now at Hall C. The details are in the app.");
  }

  @Test
  void aChangeNoHolderActsOnADraftOrACancelledEventTellsNobody() {
    orders.add(order("o1", OrderStatus.PAID, "user-1"));
    OrganizerEvent v1 = event(STARTS, "Hall A", EventStatus.ON_SALE, 1);
    OrganizerEvent renamed = new OrganizerEvent("evt-1", "org-1", "Another name", "Hall A", "Europe/Berlin", STARTS,
        STARTS.plusSeconds(7200), null, STARTS, "eur", EventStatus.ON_SALE, true, false, true, STARTS, STARTS, 2);

    changes.changed(v1, renamed);
    changes.changed(event(STARTS, "Hall A", EventStatus.DRAFT, 1), event(STARTS.plusSeconds(60), "Hall B",
        EventStatus.DRAFT, 2));
    changes.changed(event(STARTS, "Hall A", EventStatus.CANCELLED, 3), event(STARTS.plusSeconds(60), "Hall B",
        EventStatus.CANCELLED, 4));

    assertThat(pushes.queued()).isEmpty();
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
