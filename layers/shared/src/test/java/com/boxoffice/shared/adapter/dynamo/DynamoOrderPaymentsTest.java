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
import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentLink;
import com.boxoffice.shared.port.out.OrderPayments.RefundReport;
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

    Outcome refund(Order o, long total, RefundRecord... refunds) {
      return payments.refunded(new RefundReport(o.orderId(), "pi_" + o.orderId(), total, List.of(refunds), NOW));
    }

    Map<String, AttributeValue> orderItem(Order o) {
      return aws.dynamo().getItem(b -> b.tableName(table).consistentRead(true).key(OrderItems.key(o.orderId()))).item();
    }

    Map<String, AttributeValue> paymentItem(String pi) {
      return aws.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS("PAYMENT#" + pi), "sk", AttributeValue.fromS("ORDER")))).item();
    }

    /** What support sees: the records listed under a flag on gsi1. */
    List<String> attention(OrderFlag flag) {
      return aws.dynamo().query(b -> b.tableName(table).indexName("gsi1")
          .keyConditionExpression("gsi1pk = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ATTENTION#" + flag.wire())))).items().stream()
          .map(i -> i.get("pk").s()).toList();
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
    assertThat(flagged.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(flagged.order().tickets()).as("no seats, no tickets").isEmpty();
    assertThat(flagged.refund().flag()).isEqualTo(OrderFlag.SEATS_GONE);
    assertThat(flagged.refund().recipient()).as("the buyer paid: the buyer is told").isEqualTo("ada@example.com");
    Order after = w.store.find(tooLate.orderId()).orElseThrow();
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.needsRefund()).isTrue();
    assertThat(w.orderItem(tooLate).get("flags").ss()).containsExactly("seats_gone");
    assertThat(w.attention(OrderFlag.SEATS_GONE)).containsExactly("PAYMENT#pi_" + tooLate.orderId());
    assertThat(w.inventory("vip")).as("never oversold").containsExactly(0, 4, 0);
    var again = w.payments.paid(w.confirmation(tooLate));
    assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(again.refund().refundId()).as("not refunded yet: the repeat owes it still").isNull();
    w.payments.refundIssued("pi_" + tooLate.orderId(), "re_1", NOW);
    w.payments.refundIssued("pi_" + tooLate.orderId(), "re_2", NOW);
    assertThat(w.payments.paid(w.confirmation(tooLate)).refund().refundId()).isEqualTo("re_1");
    assertThat(w.refund(tooLate, tooLate.amountTotal())).isEqualTo(Outcome.APPLIED);
    assertThat(w.status(tooLate)).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void partialRefundsRevokeOnlyTheTicketsTheyNameAndUnnamedOnesAreFlaggedForReview(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(1), vip(1));
    w.payments.paid(w.confirmation(o));
    String ga1 = o.orderId() + "-1";
    String vip2 = o.orderId() + "-2";

    // A 90.00 refund naming the VIP ticket revokes that ticket, not the cheaper one.
    var ours = new RefundRecord("re_vip", 9000, true, List.of(vip2));
    assertThat(w.refund(o, 9000, ours)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.VALID, TicketStatus.REFUNDED);
    assertThat(w.store.tickets(w.store.find(o.orderId()).orElseThrow()).get(0).ticketId()).isEqualTo(ga1);
    assertThat(w.status(o)).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(w.orderItem(o)).doesNotContainKey("flags");
    assertThat(w.refund(o, 9000, ours)).as("same total again").isEqualTo(Outcome.ALREADY_APPLIED);

    // A goodwill refund from the dashboard names nothing: nothing revoked, the order flagged.
    var goodwill = new RefundRecord("re_dash", 1000, true, null);
    assertThat(w.refund(o, 10000, goodwill, ours)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.VALID, TicketStatus.REFUNDED);
    assertThat(w.orderItem(o).get("flags").ss()).containsExactly("refund_review");
    assertThat(w.attention(OrderFlag.REFUND_REVIEW)).containsExactly("ORDER#" + o.orderId());

    // The rest of the money back: every ticket goes.
    assertThat(w.refund(o, o.amountTotal(), goodwill, ours)).isEqualTo(Outcome.APPLIED);
    assertThat(w.statuses(o)).containsOnly(TicketStatus.REFUNDED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.REFUNDED);
    assertThat(w.refund(o, o.amountTotal())).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.inventory("ga")).as("refunds do not put seats back on sale").containsExactly(0, 1, 9);
  }

  @Test
  void aPaymentThatIsNotTheOrdersOwnIsRefusedFlaggedAndListedOnce(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(vip(1));
    var foreign = new PaymentConfirmation(o.orderId(), "cs_payment_link", "pi_cheap", 100, "usd",
        NOW.plus(Duration.ofMinutes(5)), false, "mallory@example.com");

    var refused = w.payments.paid(foreign);
    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.order()).isNull();
    assertThat(refused.refund().flag()).isEqualTo(OrderFlag.PAYMENT_MISMATCH);
    assertThat(refused.refund().recipient()).as("the payer, not the buyer").isEqualTo("mallory@example.com");
    assertThat(refused.refund().eventName()).as("nothing about the order").isNull();
    assertThat(w.status(o)).as("still waiting for its own payment").isEqualTo(OrderStatus.PENDING);
    assertThat(w.tickets()).isZero();
    assertThat(w.inventory("vip")).containsExactly(1, 0, 3);
    assertThat(w.orderItem(o).get("flags").ss()).containsExactly("payment_mismatch");
    assertThat(w.orderItem(o).get("gsi1pk").s()).as("still on the pending index").isEqualTo(OrderItems.pendingIndexKey(o.orderId()));
    assertThat(w.paymentItem("pi_cheap").get("disposition").s()).isEqualTo("refused");
    assertThat(w.payments.paymentLink("pi_cheap")).contains(new PaymentLink(o.orderId(), true));
    assertThat(w.attention(OrderFlag.PAYMENT_MISMATCH)).containsExactly("PAYMENT#pi_cheap");

    var repeat = w.payments.paid(foreign);
    assertThat(repeat.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(repeat.refund().paymentIntentId()).isEqualTo("pi_cheap");

    // The right session with the wrong amount, and the right amount in the wrong currency, are refused too.
    var underpaid = new PaymentConfirmation(o.orderId(), "cs_" + o.orderId(), "pi_under", 100, "eur", NOW);
    var otherCurrency = new PaymentConfirmation(o.orderId(), "cs_" + o.orderId(), "pi_usd", o.amountTotal(), "usd", NOW);
    assertThat(w.payments.paid(underpaid).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(w.payments.paid(otherCurrency).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(w.tickets()).isZero();

    // Its own payment still fulfils it.
    assertThat(w.payments.paid(w.confirmation(o)).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(w.tickets()).isEqualTo(1);
    assertThat(w.orderItem(o).get("flags").ss()).containsExactly("payment_mismatch");
    assertThat(w.payments.paymentLink("pi_" + o.orderId())).contains(new PaymentLink(o.orderId(), false));
  }

  @Test
  void aPaymentForACancelledEventIssuesNothingReleasesTheHoldAndIsRefused(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(2));
    new com.boxoffice.shared.testing.SeededOrders(aws.dynamo(), w.table).cancelEvent(EVENT);

    var refused = w.payments.paid(w.confirmation(o));
    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.refund().flag()).isEqualTo(OrderFlag.EVENT_CANCELLED);
    assertThat(refused.refund().recipient()).isEqualTo("ada@example.com");
    assertThat(w.tickets()).isZero();
    assertThat(w.status(o)).isEqualTo(OrderStatus.PAID);
    assertThat(w.store.find(o.orderId()).orElseThrow().needsRefund()).isTrue();
    assertThat(w.inventory("ga")).containsExactly(0, 0, 10);
    assertThat(w.attention(OrderFlag.EVENT_CANCELLED)).containsExactly("PAYMENT#pi_" + o.orderId());
    assertThat(w.payments.paid(w.confirmation(o)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.inventory("ga")).containsExactly(0, 0, 10);
  }

  @Test
  void aDisputeRevokesTheValidTicketsOnceAndIsFinal(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(2));
    w.payments.paid(w.confirmation(o));
    String pi = "pi_" + o.orderId();
    w.refund(o, 2500, new RefundRecord("re_1", 2500, true, List.of(o.orderId() + "-2")));

    assertThat(w.payments.disputed(o.orderId(), pi, NOW)).isEqualTo(Outcome.APPLIED);
    assertThat(w.payments.disputed(o.orderId(), pi, NOW)).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.statuses(o)).containsExactly(TicketStatus.REVOKED, TicketStatus.REFUNDED);
    assertThat(w.status(o)).isEqualTo(OrderStatus.DISPUTED);
    assertThat(w.refund(o, 5000)).isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.paid(w.confirmation(o)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.payments.expired(o.orderId(), null, NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.tickets()).isEqualTo(2);
  }

  @Test
  void refundsAndDisputesBeforePaymentChangeNothing(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order o = w.hold(ga(1));
    assertThat(w.payments.paymentLink("pi_" + o.orderId())).isEmpty();
    assertThat(w.refund(o, 2500)).as("not paid: nothing to refund").isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.disputed(o.orderId(), "pi_" + o.orderId(), NOW)).isEqualTo(Outcome.IGNORED);
    assertThat(w.payments.hasOrder(o.orderId())).isTrue();
    assertThat(w.payments.hasOrder("ord_elsewhere")).isFalse();
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
