package com.boxoffice.shared.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryEmailOutbox;
import com.boxoffice.shared.testing.memory.InMemoryOrderPayments;
import com.boxoffice.shared.testing.memory.InMemoryPushOutbox;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.testing.memory.InMemoryStripeEventLedger;
import com.boxoffice.shared.testing.memory.InMemoryTicketCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The "tickets issued" push: queued with the confirmation mail when a signed-in buyer's payment
 * becomes tickets, under one id per order, so a repeated event queues the same notification and
 * each device gets it once; a guest's order (no buyer account) queues none.
 */
@Tag("fast")
class TicketsIssuedPushTest {
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  final InMemoryOrderPayments orders = new InMemoryOrderPayments();
  final InMemoryPushOutbox pushes = new InMemoryPushOutbox();
  final StripeEventProcessor processor = new StripeEventProcessor(new InMemoryStripeEventLedger(), orders,
      new InMemoryTicketCodes(), new InMemoryEmailOutbox(), new InMemoryRefunds(), flag -> { },
      new MutableClock(NOW), Duration.ofSeconds(30), pushes);

  TicketsIssuedPushTest() {
    orders.addTicketType("evt-1", "ga", 10);
  }

  private Order pending(String id, String buyerId) {
    Order o = new Order(id, OrderStatus.PENDING, "evt-1", "The Show", NOW.plus(Duration.ofDays(3)),
        NOW.plus(Duration.ofDays(3)).plus(Duration.ofHours(3)), buyerId, buyerId == null ? "hash" : null,
        id + "@example.com", "Ada", List.of(new OrderLine("ga", "General", 2, 2500)), 5000, "eur", NOW,
        NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofMinutes(35)), "cs_" + id, null, null, null, false, 0, 0);
    orders.addPendingOrder(o);
    return o;
  }

  @Test
  void aSignedInBuyersPaidOrderQueuesOneTicketsIssuedPushUnderTheOrdersId() {
    Order o = pending("ord_1", "user-1");
    processor.process(StripeEventProcessorFastTest.paid("evt_a", o), false);
    processor.process(StripeEventProcessorFastTest.paid("evt_b", o), false);

    assertThat(pushes.queued()).extracting(PushNotification::notificationId).allMatch("tickets-issued:ord_1"::equals)
        .isNotEmpty();
    PushNotification n = pushes.queued().get(0);
    assertThat(n.userId()).isEqualTo("user-1");
    assertThat(n.category()).isEqualTo(PushCategory.ORDER_UPDATES);
    assertThat(n.body()).contains("The Show");
    assertThat(n.data()).containsEntry("orderId", "ord_1");
  }

  @Test
  void aGuestsOrderQueuesNoPush() {
    Order o = pending("ord_2", null);
    processor.process(StripeEventProcessorFastTest.paid("evt_c", o), false);

    assertThat(orders.order("ord_2").status()).isEqualTo(OrderStatus.PAID);
    assertThat(pushes.queued()).isEmpty();
  }
}
