package com.boxoffice.shared.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.OrderTransitions.SeatMove;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.port.out.OrderPayments.RefundReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payment rules alone, on plain values. */
class OrderTransitionsTest {
  static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  static Order order(OrderStatus status, String sessionId) {
    return new Order("ord_1", status, "evt", "Show", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)), "u", null,
        "a@example.com", "Ada", List.of(new OrderLine("ga", "GA", 1, 2500), new OrderLine("vip", "VIP", 1, 9000)),
        11500, "eur", NOW, NOW, NOW, sessionId, null, null, null, false, 0, 0);
  }

  static PaymentConfirmation pay(String session, long amount, String currency, boolean ours) {
    return new PaymentConfirmation("ord_1", session, "pi_x", amount, currency, NOW, ours, "p@example.com");
  }

  @Test
  void onlyTheOrdersOwnSessionAtItsAmountAndCurrencyFulfilsIt() {
    Order o = order(OrderStatus.PENDING, "cs_own");
    assertThat(OrderTransitions.paid(o, pay("cs_own", 11500, "EUR", false), false).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(OrderTransitions.paid(o, pay("cs_other", 11500, "eur", true), false).flag())
        .as("our metadata does not beat a stored session id").isEqualTo(OrderFlag.PAYMENT_MISMATCH);
    assertThat(OrderTransitions.paid(o, pay("cs_own", 100, "usd", false), false).flag()).isEqualTo(OrderFlag.PAYMENT_MISMATCH);
    assertThat(OrderTransitions.paid(o, pay("cs_own", 11500, "usd", false), false).flag()).isEqualTo(OrderFlag.PAYMENT_MISMATCH);
    assertThat(OrderTransitions.paid(o, pay("cs_own", 11500, null, false), false).flag()).isEqualTo(OrderFlag.PAYMENT_MISMATCH);

    Order noSession = order(OrderStatus.PENDING, null);
    assertThat(OrderTransitions.paid(noSession, pay("cs_any", 11500, "eur", true), false).outcome())
        .isEqualTo(Outcome.APPLIED);
    assertThat(OrderTransitions.paid(noSession, pay("cs_any", 11500, "eur", false), false).flag())
        .isEqualTo(OrderFlag.PAYMENT_MISMATCH);
  }

  @Test
  void aMismatchKeepsTheOrdersStatusAndACancelledEventEndsItPaidWithoutTickets() {
    var mismatch = OrderTransitions.paid(order(OrderStatus.PENDING, "cs_own"), pay("cs_pl", 1, "eur", false), false);
    assertThat(mismatch.keepsStatus()).isTrue();
    assertThat(mismatch.issue()).isEmpty();
    assertThat(mismatch.refund()).isTrue();

    var cancelled = OrderTransitions.paid(order(OrderStatus.PENDING, "cs_own"), pay("cs_own", 11500, "eur", false), true);
    assertThat(cancelled.next()).isEqualTo(OrderStatus.PAID);
    assertThat(cancelled.seats()).isEqualTo(SeatMove.RELEASE_HELD);
    assertThat(cancelled.issue()).isEmpty();
    assertThat(cancelled.flag()).isEqualTo(OrderFlag.EVENT_CANCELLED);

    var late = OrderTransitions.paid(order(OrderStatus.EXPIRED, "cs_own"), pay("cs_own", 11500, "eur", false), false);
    assertThat(late.seats()).isEqualTo(SeatMove.RETAKE_RELEASED);
    assertThat(late.issue()).hasSize(2);
  }

  @Test
  void aSecondPaymentForAPaidOrderIsRefusedAndTheSameOneIsAlreadyApplied() {
    Order paid = new Order("ord_1", OrderStatus.PAID, "evt", "Show", NOW, NOW.plusSeconds(60), "u", null, "a@example.com",
        "Ada", List.of(new OrderLine("ga", "GA", 1, 2500)), 2500, "eur", NOW, NOW, NOW, "cs_own", null, "pi_x", NOW,
        false, 1, 0);
    assertThat(OrderTransitions.paid(paid, new PaymentConfirmation("ord_1", "cs_own", "pi_x", 2500, "eur", NOW), false)
        .outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(OrderTransitions.paid(paid, new PaymentConfirmation("ord_1", "cs_2", "pi_y", 2500, "eur", NOW), false)
        .flag()).isEqualTo(OrderFlag.PAYMENT_MISMATCH);
  }

  @Test
  void aRefundRevokesWhatItNamesAndAnUnnamedPartialRefundOnlyFlags() {
    Order o = new Order("ord_1", OrderStatus.PAID, "evt", "Show", NOW, NOW.plusSeconds(60), "u", null, "a@example.com",
        "Ada", List.of(new OrderLine("ga", "GA", 1, 2500), new OrderLine("vip", "VIP", 1, 9000)), 11500, "eur", NOW,
        NOW, NOW, "cs_own", null, "pi_x", NOW, false, 2, 0);
    var tickets = o.ticketsToIssue(NOW);
    var named = OrderTransitions.refunded(o, tickets, new RefundReport("ord_1", "pi_x", 9000,
        List.of(new RefundRecord("re_1", 9000, true, List.of("ord_1-2"))), NOW));
    assertThat(named.revoke()).containsExactly("ord_1-2");
    assertThat(named.revokeAs()).isEqualTo(TicketStatus.REFUNDED);
    assertThat(named.flag()).isNull();

    var unnamed = OrderTransitions.refunded(o, tickets, new RefundReport("ord_1", "pi_x", 9000,
        List.of(new RefundRecord("re_1", 9000, true, null)), NOW));
    assertThat(unnamed.revoke()).as("the old rule revoked the 25.00 ticket here").isEmpty();
    assertThat(unnamed.flag()).isEqualTo(OrderFlag.REFUND_REVIEW);
    assertThat(unnamed.next()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);

    var failed = OrderTransitions.refunded(o, tickets, new RefundReport("ord_1", "pi_x", 100,
        List.of(new RefundRecord("re_f", 9000, false, List.of("ord_1-2"))), NOW));
    assertThat(failed.revoke()).as("a failed refund returned nothing").isEmpty();

    var whole = OrderTransitions.refunded(o, tickets, new RefundReport("ord_1", "pi_x", 11500, List.of(), NOW));
    assertThat(whole.revoke()).containsExactly("ord_1-1", "ord_1-2");
    assertThat(whole.next()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(whole.flag()).isNull();
  }
}
