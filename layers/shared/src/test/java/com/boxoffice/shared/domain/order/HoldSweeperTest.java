package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryCheckoutSessionExpiry;
import com.boxoffice.shared.testing.memory.InMemoryHeldOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hold sweep against in-memory ports: a hold is given back only once the order's checkout
 * session can no longer be paid, and the session is expired before that.
 */
class HoldSweeperTest {
  static final Instant CREATED = Instant.parse("2030-05-01T10:00:00Z");
  static final Instant HOLD_ENDS = CREATED.plus(Duration.ofMinutes(31));
  /** The sweep's first look: five minutes after the hold ended. */
  static final Instant SWEEP = HOLD_ENDS.plus(Duration.ofMinutes(6));
  static final Duration MAX_HOLD = Duration.ofDays(14);

  final InMemoryHeldOrders orders = new InMemoryHeldOrders();
  final InMemoryCheckoutSessionExpiry stripe = new InMemoryCheckoutSessionExpiry();
  final MutableClock clock = new MutableClock(SWEEP);
  final HoldSweeper sweeper = new HoldSweeper(orders, stripe, new HoldPolicy(MAX_HOLD, Duration.ofHours(1)), clock);

  HoldSweeperTest() {
    orders.ticketType("ga", 4);
  }

  /** A pending order for {@code seats} seats whose hold ends at {@link #HOLD_ENDS}, as checkout leaves it. */
  Order held(String orderId, int seats, String sessionId) {
    Order order = new Order(orderId, OrderStatus.PENDING, "evt-1", "Night", CREATED.plus(Duration.ofDays(30)),
        CREATED.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), "user-" + orderId, null, orderId + "@example.com",
        "Buyer", List.of(new OrderLine("ga", "General", seats, 2500)), 2500L * seats, "eur", CREATED, HOLD_ENDS,
        sessionId == null ? CREATED.plus(Duration.ofMinutes(2)) : HOLD_ENDS.plus(Duration.ofMinutes(5)), sessionId,
        sessionId == null ? null : "https://pay.example/" + sessionId, null, null, false, 0, 0);
    assertThat(orders.hold(order)).isTrue();
    return order;
  }

  @Test
  void anOpenSessionIsExpiredAtTheProviderAndThenItsSeatsAreReleased() {
    held("ord_open", 2, "cs_open");
    stripe.put("cs_open", SessionState.OPEN);

    var result = sweeper.sweep(SWEEP);

    assertThat(stripe.calls()).containsExactly("cs_open");
    assertThat(stripe.state("cs_open")).as("nobody can pay it any more").isEqualTo(SessionState.EXPIRED);
    assertThat(orders.order("ord_open").status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(orders.available("ga")).isEqualTo(4);
    assertThat(result.released()).isEqualTo(1);
  }

  @Test
  void aSessionThatHadAlreadyExpiredIsReleased() {
    held("ord_gone", 1, "cs_gone");
    stripe.put("cs_gone", SessionState.EXPIRED);

    assertThat(sweeper.sweep(SWEEP).released()).isEqualTo(1);
    assertThat(orders.order("ord_gone").status()).isEqualTo(OrderStatus.EXPIRED);
  }

  @Test
  void anOrderThatNeverGotASessionIsReleasedWithoutAskingTheProvider() {
    held("ord_nosession", 3, null);

    assertThat(sweeper.sweep(CREATED.plus(Duration.ofMinutes(3))).released()).isEqualTo(1);
    assertThat(stripe.calls()).isEmpty();
    assertThat(orders.available("ga")).isEqualTo(4);
  }

  @Test
  void aCompletedAndPaidSessionKeepsItsSeatsForThePaymentEvent() {
    held("ord_paid", 2, "cs_paid");
    stripe.put("cs_paid", SessionState.PAID);

    var result = sweeper.sweep(SWEEP);

    assertThat(result.released()).isZero();
    assertThat(result.kept()).isEqualTo(1);
    assertThat(orders.order("ord_paid").status()).isEqualTo(OrderStatus.PENDING);
    assertThat(orders.held("ga")).isEqualTo(2);
    assertThat(orders.order("ord_paid").releaseAfter()).isEqualTo(SWEEP.plus(Duration.ofHours(1)));
  }

  @Test
  void aPaymentEventArrivingAfterTheSweepStillFindsItsSeatsWhileAnotherBuyerWasRefused() {
    held("ord_late_webhook", 2, "cs_late");
    held("ord_other", 2, "cs_other");
    stripe.put("cs_late", SessionState.PAID);
    stripe.put("cs_other", SessionState.OPEN);

    sweeper.sweep(SWEEP);
    // The other order's seats went back on sale; a new buyer takes them, and wants two more.
    Order newcomer = new Order("ord_newcomer", OrderStatus.PENDING, "evt-1", "Night", CREATED.plus(Duration.ofDays(30)),
        CREATED.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), "user-n", null, "n@example.com", "N",
        List.of(new OrderLine("ga", "General", 2, 2500)), 5000, "eur", SWEEP, SWEEP.plus(Duration.ofMinutes(31)),
        SWEEP.plus(Duration.ofMinutes(36)), "cs_n", null, null, null, false, 0, 0);
    assertThat(orders.hold(newcomer)).isTrue();
    assertThat(orders.available("ga")).as("the paid order's seats are not for sale").isZero();

    // Stripe's webhook retry, after its backoff.
    assertThat(orders.pay("ord_late_webhook")).isTrue();
    assertThat(orders.order("ord_late_webhook").status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void anAsynchronousPaymentKeepsItsSeatsUntilTheBoundAndIsThenFlaggedNotReleased() {
    held("ord_sepa", 2, "cs_sepa");
    stripe.put("cs_sepa", SessionState.AWAITING_PAYMENT);

    Instant at = SWEEP;
    while (at.isBefore(HOLD_ENDS.plus(MAX_HOLD))) {
      var result = sweeper.sweep(at);
      assertThat(result.released()).isZero();
      assertThat(result.flagged()).isZero();
      at = at.plus(Duration.ofMinutes(5));
    }
    assertThat(stripe.calls().size()).as("looked at about hourly, not every five minutes")
        .isBetween(300, (int) MAX_HOLD.toHours());
    assertThat(orders.held("ga")).isEqualTo(2);

    var last = sweeper.sweep(at);

    assertThat(last.flagged()).isEqualTo(1);
    assertThat(orders.reviewReason("ord_sepa")).contains(HoldReviewReason.ASYNC_PAYMENT_OVERDUE);
    assertThat(orders.order("ord_sepa").status()).isEqualTo(OrderStatus.PENDING);
    assertThat(orders.held("ga")).isEqualTo(2);
    assertThat(sweeper.sweep(at.plus(Duration.ofDays(1))).examined()).as("out of the sweep's list").isZero();
    // The debit finally succeeds: the order is paid with its seats.
    assertThat(orders.pay("ord_sepa")).isTrue();
    assertThat(orders.reviewReason("ord_sepa")).isEmpty();
  }

  @Test
  void aProviderOutageChangesNothingAndTheNextSweepAsksAgain() {
    held("ord_x", 2, "cs_x");
    stripe.put("cs_x", SessionState.OPEN);
    stripe.unreachable("cs_x", true);

    var down = sweeper.sweep(SWEEP);

    assertThat(down.retried()).isEqualTo(1);
    assertThat(orders.order("ord_x").status()).isEqualTo(OrderStatus.PENDING);
    assertThat(orders.order("ord_x").releaseAfter()).as("due again at the next run").isEqualTo(HOLD_ENDS.plus(Duration.ofMinutes(5)));
    assertThat(orders.held("ga")).isEqualTo(2);

    stripe.unreachable("cs_x", false);
    assertThat(sweeper.sweep(SWEEP.plus(Duration.ofMinutes(5))).released()).isEqualTo(1);
    assertThat(stripe.state("cs_x")).isEqualTo(SessionState.EXPIRED);
  }

  @Test
  void aSessionTheProviderDoesNotKnowIsNeverReleasedBlindButFlaggedAfterTheBound() {
    held("ord_ghost", 1, "cs_ghost");

    assertThat(sweeper.sweep(SWEEP).retried()).isEqualTo(1);
    assertThat(orders.order("ord_ghost").status()).isEqualTo(OrderStatus.PENDING);

    var late = sweeper.sweep(HOLD_ENDS.plus(MAX_HOLD));
    assertThat(late.flagged()).isEqualTo(1);
    assertThat(orders.reviewReason("ord_ghost")).contains(HoldReviewReason.SESSION_UNRESOLVED);
    assertThat(orders.held("ga")).isEqualTo(1);
  }

  @Test
  void aSweepStopsTakingOrdersOnceItsTimeBudgetIsSpent() {
    held("ord_a", 1, "cs_a");
    held("ord_b", 1, "cs_b");
    held("ord_c", 1, "cs_c");
    var slow = new InMemoryCheckoutSessionExpiry();
    for (String s : List.of("cs_a", "cs_b", "cs_c")) {
      slow.put(s, SessionState.OPEN);
    }
    // Each provider call takes twenty seconds; the budget is thirty.
    var budgeted = new HoldSweeper(orders, id -> {
      clock.advance(Duration.ofSeconds(20));
      return slow.expire(id);
    }, HoldPolicy.defaults(), clock, 100, Duration.ofSeconds(30));

    var first = budgeted.sweep(SWEEP);

    assertThat(first.examined()).isEqualTo(2);
    assertThat(budgeted.sweep(SWEEP).released()).as("the next run takes the rest").isEqualTo(1);
    assertThat(orders.available("ga")).isEqualTo(4);
  }
}
