package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.HoldPolicy;
import com.boxoffice.shared.domain.order.HoldSweeper;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class DynamoOrderPaymentsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T18:00:00Z");
  private static final String EVENT = "evt-1";

  private static final class World {
    final LocalAws aws;
    final String table;
    final DynamoCatalog catalog;
    final DynamoOrderStore store;
    final DynamoOrderPayments payments;
    int next;

    World(LocalAws aws, LocalResources res) {
      this.aws = aws;
      this.table = res.table("BoxofficeTable");
      this.catalog = new DynamoCatalog(aws.dynamo(), table);
      this.store = new DynamoOrderStore(aws.dynamo(), table);
      this.payments = new DynamoOrderPayments(aws.dynamo(), table);
      catalog.putTicketType(new TicketType(EVENT, "ga", "General", 2500, "eur", 10, 0, 0, 10, 10));
      catalog.putTicketType(new TicketType(EVENT, "vip", "VIP", 9000, "eur", 4, 0, 0, 4, 4));
    }

    /** A pending order with held seats, as checkout leaves it. */
    Order hold(OrderLine... lines) {
      String id = "ord_t" + (++next);
      long total = List.of(lines).stream().mapToLong(OrderLine::amount).sum();
      Order o = new Order(id, OrderStatus.PENDING, EVENT, "Night", NOW.plus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(3)), "user-1", null, "ada@example.com", "Ada", List.of(lines),
          total, "eur", NOW, NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null,
          false, 0, 0);
      store.placeHold(o);
      store.attachSession(id, "cs_" + id, "https://pay.example/" + id, NOW.plus(Duration.ofMinutes(36)));
      return store.find(id).orElseThrow();
    }

    /** The hold sweep, with every checkout session it asks about already expired at the provider. */
    HoldSweeper sweeperWhoseSessionsAreExpired() {
      return new HoldSweeper(new DynamoHeldOrders(aws.dynamo(), table), sessionId -> SessionState.EXPIRED,
          HoldPolicy.defaults(), Clock.systemUTC());
    }

    PaymentConfirmation confirmation(Order o) {
      return new PaymentConfirmation(o.orderId(), "cs_" + o.orderId(), "pi_" + o.orderId(), o.amountTotal(), "eur",
          NOW.plus(Duration.ofMinutes(5)));
    }

    int[] inventory(String type) {
      var item = aws.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS("EVENT#" + EVENT), "sk", AttributeValue.fromS("TYPE#" + type)))).item();
      return new int[] {Integer.parseInt(item.get("held").n()), Integer.parseInt(item.get("sold").n()),
          Integer.parseInt(item.get("available").n())};
    }

    long tickets() {
      return aws.dynamo().scan(b -> b.tableName(table)).items().stream()
          .filter(i -> i.get("pk").s().startsWith("TICKET#")).count();
    }

    List<TicketStatus> statuses(Order o) {
      return store.tickets(store.find(o.orderId()).orElseThrow()).stream().map(Ticket::status).toList();
    }

    OrderStatus status(Order o) {
      return store.find(o.orderId()).orElseThrow().status();
    }
  }

  private static OrderLine ga(int q) {
    return new OrderLine("ga", "General", q, 2500);
  }

  private static OrderLine vip(int q) {
    return new OrderLine("vip", "VIP", q, 9000);
  }

  @Test
  void paidTwiceIssuesOneSetOfTicketsAndSellsTheSeatsOnce(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(2), vip(1));
    assertThat(w.inventory("ga")).containsExactly(2, 0, 8);

    var first = w.payments.paid(w.confirmation(o));
    var second = w.payments.paid(w.confirmation(o));

    assertThat(first.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(first.order().tickets()).extracting(Ticket::ticketId)
        .containsExactly(o.orderId() + "-1", o.orderId() + "-2", o.orderId() + "-3");
    assertThat(second.order().tickets()).isEqualTo(first.order().tickets());
    assertThat(first.order().tickets().get(2).ticketTypeId()).isEqualTo("vip");
    assertThat(first.order().tickets().get(0).validFrom()).isEqualTo(o.eventStartsAt().minus(Duration.ofHours(6)));
    assertThat(first.order().tickets().get(0).validUntil()).isEqualTo(o.eventEndsAt().plus(Duration.ofHours(6)));
    assertThat(w.tickets()).isEqualTo(3);
    assertThat(w.inventory("ga")).containsExactly(0, 2, 8);
    assertThat(w.inventory("vip")).containsExactly(0, 1, 3);
    var index = aws.dynamo().getItem(b -> b.tableName(w.table)
        .key(Map.of("pk", AttributeValue.fromS("PAYMENT#pi_" + o.orderId()), "sk", AttributeValue.fromS("ORDER")))).item();
    assertThat(index.get("orderId").s()).isEqualTo(o.orderId());
    var item = aws.dynamo().getItem(b -> b.tableName(w.table).key(OrderItems.key(o.orderId()))).item();
    assertThat(item).doesNotContainKeys("gsi1pk", "gsi1sk");

    assertThat(w.payments.expired(o.orderId(), "cs_" + o.orderId(), NOW)).as("expired after paid").isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.paymentFailed(o.orderId(), null, NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.PAID);
    assertThat(w.inventory("ga")).containsExactly(0, 2, 8);
  }

  @Test
  void expiryReleasesTheHoldOnceAndUnknownOrdersAreNotFound(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(3));

    assertThat(w.payments.expired(o.orderId(), "cs_" + o.orderId(), NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.payments.expired(o.orderId(), "cs_" + o.orderId(), NOW)).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.paymentFailed(o.orderId(), null, NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.inventory("ga")).containsExactly(0, 0, 10);
    assertThat(w.status(o)).isEqualTo(OrderStatus.EXPIRED);
    assertThat(w.payments.expired("ord_missing", null, NOW)).isEqualTo(Outcome.NOT_FOUND);

    Order other = w.hold(ga(1));
    assertThat(w.payments.expired(other.orderId(), "cs_some_other_session", NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.paymentFailed(other.orderId(), null, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.inventory("ga")).containsExactly(0, 0, 10);
  }

  @Test
  void paidAfterExpiredRetakesTheSeatsWhileTheyLastElseFlagsARefund(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order late = w.hold(vip(2));
    w.payments.expired(late.orderId(), null, NOW);
    assertThat(w.inventory("vip")).containsExactly(0, 0, 4);

    var paid = w.payments.paid(w.confirmation(late));
    assertThat(paid.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(paid.order().tickets()).hasSize(2);
    assertThat(w.inventory("vip")).containsExactly(0, 2, 2);
    assertThat(w.payments.paid(w.confirmation(late)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.inventory("vip")).containsExactly(0, 2, 2);

    Order tooLate = w.hold(vip(2));
    w.payments.expired(tooLate.orderId(), null, NOW);
    Order taker = w.hold(vip(2));
    w.payments.paid(w.confirmation(taker));
    assertThat(w.inventory("vip")).containsExactly(0, 4, 0);

    var flagged = w.payments.paid(w.confirmation(tooLate));
    assertThat(flagged.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(flagged.order().tickets()).as("no seats, no tickets").isEmpty();
    Order after = w.store.find(tooLate.orderId()).orElseThrow();
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.needsRefund()).isTrue();
    assertThat(w.inventory("vip")).as("never oversold").containsExactly(0, 4, 0);
    assertThat(w.payments.paid(w.confirmation(tooLate)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.refunded("pi_" + tooLate.orderId(), tooLate.amountTotal(), NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.status(tooLate)).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void partialRefundsRevokeWholeTicketsFromTheHighestSeqThenAFullRefundRevokesAll(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(3));
    w.payments.paid(w.confirmation(o));
    String pi = "pi_" + o.orderId();

    assertThat(w.payments.refunded(pi, 3000, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.VALID, TicketStatus.VALID, TicketStatus.REFUNDED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(w.payments.refunded(pi, 3000, NOW)).as("same total again").isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.refunded(pi, 2500, NOW)).as("an older, smaller total").isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.VALID, TicketStatus.VALID, TicketStatus.REFUNDED);

    assertThat(w.payments.refunded(pi, 5000, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.VALID, TicketStatus.REFUNDED, TicketStatus.REFUNDED);

    assertThat(w.payments.refunded(pi, 7500, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsOnly(TicketStatus.REFUNDED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.REFUNDED);
    assertThat(w.payments.refunded(pi, 7500, NOW)).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.refunded("pi_unknown", 100, NOW)).isEqualTo(Outcome.NOT_FOUND);
    assertThat(w.inventory("ga")).as("refunds do not put seats back on sale").containsExactly(0, 3, 7);
  }

  @Test
  void aDisputeRevokesTheValidTicketsOnceAndIsFinal(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(2));
    w.payments.paid(w.confirmation(o));
    String pi = "pi_" + o.orderId();
    w.payments.refunded(pi, 2500, NOW);

    assertThat(w.payments.disputed(pi, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.payments.disputed(pi, NOW)).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.REVOKED, TicketStatus.REFUNDED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.DISPUTED);
    assertThat(w.payments.refunded(pi, 5000, NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.paid(w.confirmation(o)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.expired(o.orderId(), null, NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.tickets()).isEqualTo(2);
  }

  @Test
  void refundsAndDisputesBeforePaymentChangeNothing(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(1));
    assertThat(w.payments.refunded("pi_" + o.orderId(), 2500, NOW)).isEqualTo(Outcome.NOT_FOUND);
    assertThat(w.payments.disputed("pi_" + o.orderId(), NOW)).isEqualTo(Outcome.NOT_FOUND);
    assertThat(w.status(o)).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void theSweepReleasesHoldsWithoutASessionEarlyAndExpiredOnesAfterTheirGrace(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order withSession = w.hold(ga(2));
    Order abandoned = new Order("ord_nosession", OrderStatus.PENDING, EVENT, "Night", NOW.plus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(2)), "user-2", null, "b@example.com", "B", List.of(ga(3)), 7500, "eur", NOW,
        NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0);
    w.store.placeHold(abandoned);
    Order paid = w.hold(ga(1));
    w.payments.paid(w.confirmation(paid));
    assertThat(w.inventory("ga")).containsExactly(5, 1, 4);
    var sweeper = w.sweeperWhoseSessionsAreExpired();

    assertThat(sweeper.sweep(NOW.plus(Duration.ofMinutes(1))).released()).isZero();
    assertThat(sweeper.sweep(NOW.plus(Duration.ofMinutes(3))).released()).isEqualTo(1);
    assertThat(w.status(abandoned)).isEqualTo(OrderStatus.EXPIRED);
    assertThat(w.inventory("ga")).containsExactly(2, 1, 7);

    assertThat(sweeper.sweep(NOW.plus(Duration.ofMinutes(33))).released()).as("hold ended, grace not over").isZero();
    assertThat(sweeper.sweep(NOW.plus(Duration.ofMinutes(37))).released()).isEqualTo(1);
    assertThat(w.status(withSession)).isEqualTo(OrderStatus.EXPIRED);
    assertThat(w.inventory("ga")).containsExactly(0, 1, 9);
    assertThat(sweeper.sweep(NOW.plus(Duration.ofHours(2))).examined()).isZero();
    assertThat(w.payments.expired(withSession.orderId(), null, NOW)).as("Stripe's own event, late")
        .isEqualTo(Outcome.ALREADY_APPLIED);
  }

  @Test
  void paidExpiredAndTheSweepRacingEachOtherStillSellEachSeatOnce(LocalAws aws, LocalResources res) throws Exception {
    var w = new World(aws, res);
    var sweeper = w.sweeperWhoseSessionsAreExpired();
    List<Order> orders = List.of(w.hold(ga(2)), w.hold(ga(2)), w.hold(vip(2)));
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
      List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
      for (Order o : orders) {
        for (int i = 0; i < 4; i++) {
          calls.add(pool.submit(() -> w.payments.paid(w.confirmation(o))));
          calls.add(pool.submit(() -> w.payments.expired(o.orderId(), null, NOW)));
        }
      }
      calls.add(pool.submit(() -> sweeper.sweep(NOW.plus(Duration.ofHours(1)))));
      for (var c : calls) {
        c.get();
      }
    }
    for (Order o : orders) {
      assertThat(w.status(o)).as("a payment always wins in the end").isEqualTo(OrderStatus.PAID);
      assertThat(w.statuses(o)).hasSize(2);
    }
    assertThat(w.tickets()).isEqualTo(6);
    assertThat(w.inventory("ga")).containsExactly(0, 4, 6);
    assertThat(w.inventory("vip")).containsExactly(0, 2, 2);
  }
}
