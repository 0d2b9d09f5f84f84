package com.boxoffice.shared.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.adapter.template.HandlebarsEmailTemplates;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.ProcessingFailedException;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.Status;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryEmailOutbox;
import com.boxoffice.shared.testing.memory.InMemoryOrderPayments;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.testing.memory.InMemoryStripeEventLedger;
import com.boxoffice.shared.testing.memory.InMemoryTicketCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeEventProcessor} through in-memory ports and the real transition rules: what each
 * event does to orders, tickets, seats, refunds and mail. No server; the DynamoDB Local tests
 * cover what only a table proves.
 */
class StripeEventProcessorFastTest {
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  static final String EVENT = "evt-1";

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryStripeEventLedger ledger = new InMemoryStripeEventLedger();
  final InMemoryOrderPayments orders = new InMemoryOrderPayments();
  final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
  final InMemoryRefunds refunds = new InMemoryRefunds();
  final List<OrderFlag> counted = new ArrayList<>();
  final StripeEventProcessor processor = new StripeEventProcessor(ledger, orders, new InMemoryTicketCodes(), outbox,
      refunds, counted::add, clock, Duration.ofSeconds(30));

  StripeEventProcessorFastTest() {
    orders.addTicketType(EVENT, "ga", 10);
    orders.addTicketType(EVENT, "vip", 2);
  }

  Order pending(String id, OrderLine... lines) {
    long total = List.of(lines).stream().mapToLong(OrderLine::amount).sum();
    Order o = new Order(id, OrderStatus.PENDING, EVENT, "The Show", NOW.plus(Duration.ofDays(3)),
        NOW.plus(Duration.ofDays(3)).plus(Duration.ofHours(3)), "user-" + id, null, id + "@example.com", "Ada",
        List.of(lines), total, "eur", NOW, NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofMinutes(35)),
        "cs_" + id, null, null, null, false, 0, 0);
    orders.addPendingOrder(o);
    return o;
  }

  static OrderLine ga(int q) {
    return new OrderLine("ga", "General", q, 2500);
  }

  static OrderLine vip(int q) {
    return new OrderLine("vip", "VIP", q, 9000);
  }

  static StripeEvent event(String id, String type, String object) {
    return StripeEventJson.read("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":1900000000,"
        + "\"data\":{\"object\":" + object + "}}");
  }

  /** A paid checkout session as Stripe reports it, with our metadata as checkout sets it. */
  static StripeEvent paid(String eventId, String sessionId, String orderId, String pi, long amount, String currency,
      boolean ourMetadata) {
    return event(eventId, "checkout.session.completed", "{\"id\":\"" + sessionId + "\",\"client_reference_id\":\""
        + orderId + "\",\"payment_status\":\"paid\",\"payment_intent\":\"" + pi + "\",\"amount_total\":" + amount
        + ",\"currency\":\"" + currency + "\",\"customer_details\":{\"email\":\"payer@example.com\"}"
        + (ourMetadata ? ",\"metadata\":{\"orderId\":\"" + orderId + "\"}" : "") + "}");
  }

  static StripeEvent paid(String eventId, Order o) {
    return paid(eventId, o.checkoutSessionId(), o.orderId(), "pi_" + o.orderId(), o.amountTotal(), "eur", true);
  }

  static StripeEvent refunded(String eventId, String pi, long total, String metadata, String refundsJson) {
    return event(eventId, "charge.refunded", "{\"id\":\"ch_" + pi + "\",\"payment_intent\":\"" + pi
        + "\",\"amount_refunded\":" + total + ",\"metadata\":" + metadata
        + (refundsJson == null ? "" : ",\"refunds\":{\"object\":\"list\",\"data\":" + refundsJson + "}") + "}");
  }

  static StripeEvent disputed(String eventId, String pi) {
    return event(eventId, "charge.dispute.created", "{\"id\":\"dp_" + eventId + "\",\"payment_intent\":\"" + pi
        + "\",\"metadata\":{}}");
  }

  String outcome(String eventId) {
    return ledger.outcome(eventId).orElseThrow();
  }

  List<TicketStatus> statuses(String orderId) {
    return orders.tickets(orderId).stream().map(Ticket::status).toList();
  }

  @Test
  void anEventWithoutPrintedCodesIsMailedWithoutQrCodesButWithFallbackCodes() {
    var appOnly = new StripeEventProcessor(ledger, orders, new InMemoryTicketCodes(),
        eventId -> new com.boxoffice.shared.domain.code.CodeDisplayRules(true, false, Duration.ofSeconds(15)), outbox,
        refunds, counted::add, clock, Duration.ofSeconds(30));
    Order o = pending("ord_1", ga(2));

    appOnly.process(paid("evt_1", o), false);

    EmailJob job = outbox.jobs().get(0);
    assertThat(job.variables()).containsEntry("appOnly", "yes");
    assertThat((List<?>) job.variables().get("tickets")).hasSize(2).allSatisfy(t -> {
      assertThat(((java.util.Map<?, ?>) t).containsKey("code")).isFalse();
      assertThat(((java.util.Map<?, ?>) t).containsKey("fallbackCode")).isTrue();
    });
    processor.process(paid("evt_2", pending("ord_2", ga(1))), false);
    assertThat(outbox.jobs().get(1).variables()).containsEntry("appOnly", "");
  }

  @Test
  void theOrdersOwnPaidSessionIssuesTicketsSellsTheHoldAndMailsTheConfirmationOnce() {
    Order o = pending("ord_1", ga(2));
    var r = processor.process(paid("evt_1", o), false);

    assertThat(r.status()).isEqualTo(Status.PROCESSED);
    assertThat(outcome("evt_1")).isEqualTo("paid:applied");
    assertThat(orders.order("ord_1").status()).isEqualTo(OrderStatus.PAID);
    assertThat(orders.tickets("ord_1")).hasSize(2);
    assertThat(orders.seats(EVENT, "ga")).isEqualTo(new InMemoryOrderPayments.Seats(0, 2, 8));
    assertThat(outbox.jobs()).extracting(EmailJob::jobId).containsExactly("order-confirmation:ord_1");
    assertThat(refunds.made()).isEmpty();
    assertThat(processor.process(paid("evt_1", o), false).status()).isEqualTo(Status.DUPLICATE);
    assertThat(ledger.audits()).containsExactly("ord_1/evt_1");
  }

  @Test
  void aSessionThatIsNotTheOrdersOwnIssuesNothingFlagsTheOrderAndRefundsThatPaymentOnce() {
    Order o = pending("ord_vip", vip(1));
    // A Payment Link with client_reference_id=ord_vip in its URL: another session, 1.00 USD, no metadata.
    var attack = paid("evt_pl", "cs_payment_link", "ord_vip", "pi_cheap", 100, "usd", false);

    processor.process(attack, false);

    assertThat(outcome("evt_pl")).isEqualTo("paid:refused");
    assertThat(orders.tickets("ord_vip")).isEmpty();
    assertThat(orders.order("ord_vip").status()).as("still waiting for its own payment").isEqualTo(OrderStatus.PENDING);
    assertThat(orders.flags("ord_vip")).containsExactly(OrderFlag.PAYMENT_MISMATCH);
    assertThat(orders.flaggedPayments(OrderFlag.PAYMENT_MISMATCH)).containsExactly("pi_cheap");
    assertThat(refunds.made()).singleElement().satisfies(r -> {
      assertThat(r.paymentIntentId()).isEqualTo("pi_cheap");
      assertThat(r.amount()).as("all of it").isNull();
      assertThat(r.idempotencyKey()).isEqualTo("refund-refused-payment:pi_cheap");
      assertThat(r.metadata()).containsEntry("orderId", "ord_vip").containsEntry("reason", "payment_mismatch");
    });
    assertThat(orders.payment("pi_cheap").orElseThrow().refundId()).isNotNull();
    assertThat(counted).containsExactly(OrderFlag.PAYMENT_MISMATCH);
    assertThat(outbox.jobs()).singleElement().satisfies(job -> {
      assertThat(job.jobId()).isEqualTo("payment-refund:pi_cheap");
      assertThat(job.template()).isEqualTo("payment-refunded");
      assertThat(job.recipient()).as("whoever paid").isEqualTo("payer@example.com");
      assertThat(job.variables()).containsEntry("eventName", "").containsEntry("orderId", "")
          .containsEntry("amountTotal", 100L)
          .containsEntry("currency", "usd").containsEntry("reason", "payment_mismatch");
    });

    // The same payment again, as a new event, through reconciliation or after a crash: no second refund.
    processor.process(paid("evt_pl_again", "cs_payment_link", "ord_vip", "pi_cheap", 100, "usd", false), false);
    processor.fulfil(new PaymentConfirmation("ord_vip", "cs_payment_link", "pi_cheap", 100, "usd", NOW, false, null));
    assertThat(refunds.made()).hasSize(1);
    assertThat(counted).hasSize(1);
    assertThat(outbox.distinct()).containsOnlyKeys("payment-refund:pi_cheap");

    // The order's own session still fulfils it.
    processor.process(paid("evt_own", o), false);
    assertThat(orders.tickets("ord_vip")).hasSize(1);
  }

  @Test
  void theOrdersOwnSessionWithAnotherAmountOrCurrencyIsRefusedToo() {
    Order o = pending("ord_2", ga(1));
    processor.process(paid("evt_a", o.checkoutSessionId(), "ord_2", "pi_a", 100, "eur", true), false);
    processor.process(paid("evt_b", o.checkoutSessionId(), "ord_2", "pi_b", 2500, "usd", true), false);

    assertThat(outcome("evt_a")).isEqualTo("paid:refused");
    assertThat(outcome("evt_b")).isEqualTo("paid:refused");
    assertThat(orders.tickets("ord_2")).isEmpty();
    assertThat(refunds.made()).extracting(r -> r.paymentIntentId()).containsExactly("pi_a", "pi_b");
  }

  @Test
  void anOrderWithoutAStoredSessionAcceptsOnlyASessionCarryingOurMetadataForIt() {
    Order stored = pending("ord_3", ga(1));
    Order o = new Order("ord_4", OrderStatus.PENDING, EVENT, "The Show", stored.eventStartsAt(), stored.eventEndsAt(),
        "u", null, "b@example.com", "B", List.of(ga(1)), 2500, "eur", NOW, NOW.plusSeconds(1800), NOW.plusSeconds(120),
        null, null, null, null, false, 0, 0);
    orders.addPendingOrder(o);

    processor.process(paid("evt_x", "cs_x", "ord_4", "pi_x", 2500, "eur", false), false);
    assertThat(outcome("evt_x")).isEqualTo("paid:refused");
    processor.process(paid("evt_y", "cs_y", "ord_4", "pi_y", 2500, "eur", true), false);
    assertThat(outcome("evt_y")).isEqualTo("paid:applied");
    assertThat(orders.tickets("ord_4")).hasSize(1);
  }

  @Test
  void aLatePaymentWhoseSeatsWereResoldIsRefundedAndTheBuyerGetsTheRefundNoticeNotAnEmptyConfirmation() {
    Order o = pending("ord_late", vip(2));
    processor.process(event("evt_exp", "checkout.session.expired", "{\"id\":\"cs_ord_late\","
        + "\"client_reference_id\":\"ord_late\"}"), false);
    orders.sellElsewhere(EVENT, "vip", 2);

    processor.process(paid("evt_late", o), false);

    assertThat(outcome("evt_late")).isEqualTo("paid:refused");
    assertThat(orders.order("ord_late").status()).isEqualTo(OrderStatus.PAID);
    assertThat(orders.order("ord_late").needsRefund()).isTrue();
    assertThat(orders.tickets("ord_late")).isEmpty();
    assertThat(orders.seats(EVENT, "vip").available()).as("never oversold").isZero();
    assertThat(refunds.madeFor("pi_ord_late")).isEqualTo(1);
    assertThat(counted).containsExactly(OrderFlag.SEATS_GONE);
    assertThat(outbox.jobs()).singleElement().satisfies(job -> {
      assertThat(job.template()).isEqualTo("payment-refunded");
      assertThat(job.recipient()).isEqualTo("ord_late@example.com");
      assertThat(job.variables()).containsEntry("eventName", "The Show").containsEntry("seatsGone", "yes");
    });

    // Our own refund comes back as charge.refunded: the order ends refunded, nothing is retried.
    processor.process(refunded("evt_ref", "pi_ord_late", o.amountTotal(), "{\"orderId\":\"ord_late\"}", null), false);
    assertThat(outcome("evt_ref")).isEqualTo("refunded:applied");
    assertThat(orders.order("ord_late").status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void aPaymentForACancelledEventIsRefundedAndReleasesTheHold() {
    pending("ord_c", ga(3));
    orders.cancelEvent(EVENT);

    processor.process(paid("evt_c", orders.order("ord_c")), false);

    assertThat(orders.tickets("ord_c")).isEmpty();
    assertThat(orders.seats(EVENT, "ga")).isEqualTo(new InMemoryOrderPayments.Seats(0, 0, 10));
    assertThat(refunds.madeFor("pi_ord_c")).isEqualTo(1);
    assertThat(counted).containsExactly(OrderFlag.EVENT_CANCELLED);
    assertThat(outbox.jobs()).extracting(j -> j.variables().get("eventCancelled")).containsExactly("yes");
  }

  @Test
  void aRefundThatFailsLeavesTheEventToBeRetriedAndTheRetryRefundsOnce() {
    pending("ord_f", ga(1));
    refunds.failWith(new PaymentProviderException(PaymentProviderException.Kind.UNAVAILABLE, "down", 503, null, null,
        null));
    var attack = paid("evt_f", "cs_other", "ord_f", "pi_f", 1, "eur", false);
    assertThatThrownBy(() -> processor.process(attack, false)).isInstanceOf(ProcessingFailedException.class);
    refunds.failWith(null);

    clock.advance(Duration.ofSeconds(31));
    processor.process(attack, false);
    assertThat(refunds.madeFor("pi_f")).isEqualTo(1);
    assertThat(outcome("evt_f")).as("the retry finds the flag already set").isEqualTo("paid:already_applied");
    assertThat(orders.payment("pi_f").orElseThrow().refundId()).isNotNull();
  }

  @Test
  void partialRefundsRevokeTheTicketsTheyNameAndDashboardRefundsRevokeNothingButAreFlagged() {
    Order o = pending("ord_p", ga(1), vip(1));
    processor.process(paid("evt_p", o), false);
    String pi = "pi_ord_p";

    // Our own refund of the VIP ticket, reported inside the charge.
    processor.process(refunded("evt_r1", pi, 9000, "{\"orderId\":\"ord_p\"}",
        "[{\"id\":\"re_1\",\"amount\":9000,\"status\":\"succeeded\",\"metadata\":{\"ticketIds\":\"ord_p-2\"}}]"), false);
    assertThat(statuses("ord_p")).containsExactly(TicketStatus.VALID, TicketStatus.REFUNDED);
    assertThat(orders.flags("ord_p")).isEmpty();

    // A goodwill refund from the dashboard, the refunds looked up through the port.
    refunds.madeElsewhere(pi, new RefundRecord("re_1", 9000, true, List.of("ord_p-2")));
    refunds.madeElsewhere(pi, new RefundRecord("re_2", 500, true, null));
    processor.process(refunded("evt_r2", pi, 9500, "{\"orderId\":\"ord_p\"}", null), false);
    assertThat(statuses("ord_p")).as("a goodwill refund revokes nothing").containsExactly(TicketStatus.VALID,
        TicketStatus.REFUNDED);
    assertThat(orders.flags("ord_p")).containsExactly(OrderFlag.REFUND_REVIEW);
    assertThat(orders.order("ord_p").status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);

    processor.process(refunded("evt_r3", pi, o.amountTotal(), "{\"orderId\":\"ord_p\"}", "[]"), false);
    assertThat(statuses("ord_p")).containsOnly(TicketStatus.REFUNDED);
    assertThat(orders.order("ord_p").status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void refundsAndDisputesOfPaymentsThatAreNotOursAreRecordedAsIgnoredNotRetried() {
    var foreignRefund = refunded("evt_fr", "pi_shop", 1200, "{}", null);
    var foreignDispute = disputed("evt_fd", "pi_shop");
    var otherStage = refunded("evt_os", "pi_stage", 1200, "{\"orderId\":\"ord_on_staging\"}", null);

    assertThat(processor.process(foreignRefund, false).status()).isEqualTo(Status.PROCESSED);
    assertThat(processor.process(foreignDispute, false).status()).isEqualTo(Status.PROCESSED);
    assertThat(processor.process(otherStage, false).status()).isEqualTo(Status.PROCESSED);

    assertThat(outcome("evt_fr")).isEqualTo("refunded:not_ours");
    assertThat(outcome("evt_fd")).isEqualTo("disputed:not_ours");
    assertThat(outcome("evt_os")).isEqualTo("refunded:not_ours");
    assertThat(refunds.made()).isEmpty();
  }

  @Test
  void aRefundOfOurPaymentThatOvertakesItsPaidEventIsRetriedThenApplied() {
    Order o = pending("ord_o", ga(2));
    var refund = refunded("evt_early", "pi_ord_o", 5000, "{\"orderId\":\"ord_o\"}", null);

    assertThatThrownBy(() -> processor.process(refund, true))
        .isInstanceOf(ProcessingFailedException.class)
        .hasCauseInstanceOf(StripeEventProcessor.OrderNotYetKnownException.class);

    processor.process(paid("evt_paid", o), false);
    clock.advance(Duration.ofSeconds(61));
    processor.process(refund, true);
    assertThat(outcome("evt_early")).isEqualTo("refunded:applied");
    assertThat(statuses("ord_o")).containsOnly(TicketStatus.REFUNDED);
  }

  @Test
  void refundsAndDisputesOfAPaymentWeRefusedChangeNothingOnTheOrder() {
    Order o = pending("ord_r", ga(1));
    processor.process(paid("evt_att", "cs_other", "ord_r", "pi_att", 1, "eur", false), false);
    processor.process(paid("evt_own", o), false);

    processor.process(refunded("evt_ref", "pi_att", 1, "{}", null), false);
    processor.process(disputed("evt_dis", "pi_att"), false);

    assertThat(outcome("evt_ref")).isEqualTo("refunded:ignored");
    assertThat(outcome("evt_dis")).isEqualTo("disputed:ignored");
    assertThat(orders.order("ord_r").status()).isEqualTo(OrderStatus.PAID);
    assertThat(statuses("ord_r")).containsExactly(TicketStatus.VALID);
  }

  @Test
  void aDisputeRevokesEveryValidTicketOfOurOrder() {
    Order o = pending("ord_d", ga(2));
    processor.process(paid("evt_p", o), false);
    processor.process(disputed("evt_d", "pi_ord_d"), false);

    assertThat(outcome("evt_d")).isEqualTo("disputed:applied");
    assertThat(statuses("ord_d")).containsOnly(TicketStatus.REVOKED);
    assertThat(orders.order("ord_d").status()).isEqualTo(OrderStatus.DISPUTED);
  }

  @Test
  void everyRefundNoticeTheProcessorWritesRendersWithItsOwnTemplate() {
    HandlebarsEmailTemplates templates = HandlebarsEmailTemplates.load("email", List.of("payment-refunded"), code -> new byte[0]);
    pending("ord_m", ga(1));
    processor.process(paid("evt_m", "cs_other", "ord_m", "pi_m", 100, "usd", false), false);
    Order late = pending("ord_l", ga(1));
    orders.cancelEvent(EVENT);
    processor.process(paid("evt_l", late), false);

    assertThat(outbox.jobs()).hasSize(2).allSatisfy(job -> {
      var mail = templates.render(job);
      assertThat(mail.subject()).contains("refunded");
    });
    assertThat(templates.render(outbox.jobs().get(1)).text()).contains("cancelled").contains("The Show");
    assertThat(templates.render(outbox.jobs().get(0)).text()).doesNotContain("The Show").contains("USD 1.00");
  }

  @Test
  void unknownEventTypesAreIgnoredAndOutcomesStayAsDocumented() {
    processor.process(event("evt_i", "customer.created", "{\"id\":\"cus_1\"}"), false);
    processor.process(event("evt_n", "checkout.session.completed", "{\"id\":\"cs_n\",\"payment_status\":\"paid\"}"), false);
    assertThat(outcome("evt_i")).isEqualTo("ignored");
    assertThat(outcome("evt_n")).isEqualTo("no_order_reference");
  }
}
