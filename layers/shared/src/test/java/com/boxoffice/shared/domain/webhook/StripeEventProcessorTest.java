package com.boxoffice.shared.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.ProcessingFailedException;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.Status;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import java.util.Optional;
import com.boxoffice.shared.testing.FixedTicketCodes;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The dispatch of each event type, with the real ledger on DynamoDB Local and an in-memory order fake. */
@ExtendWith(LocalAwsExtension.class)
class StripeEventProcessorTest {
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");

  /** Records calls; answers from a script. Pure dispatch only: no state machine here. */
  static final class ScriptedOrders implements OrderPayments {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Outcome paidOutcome = Outcome.APPLIED;
    Outcome otherOutcome = Outcome.APPLIED;
    RuntimeException failure;

    @Override
    public PaidResult paid(PaymentConfirmation c) {
      calls.add("paid:" + c.orderId() + ":" + c.paymentIntentId() + ":" + c.amountTotal());
      fail();
      Ticket t = new Ticket(Ticket.idFor(c.orderId(), 1), "evt-1", c.orderId(), 1, "ga", "General", null,
          TicketStatus.VALID, NOW, NOW, NOW.plusSeconds(3600));
      return new PaidResult(paidOutcome, paidOutcome == Outcome.IGNORED ? null
          : new FulfilledOrder(c.orderId(), "evt-1", "The Show", "ada@example.com", "Ada", c.amountTotal(), c.currency(), List.of(t)));
    }

    @Override
    public Outcome paymentFailed(String orderId, String sessionId, Instant at) {
      calls.add("paymentFailed:" + orderId);
      fail();
      return otherOutcome;
    }

    @Override
    public Outcome expired(String orderId, String sessionId, Instant at) {
      calls.add("expired:" + orderId + ":" + sessionId);
      fail();
      return otherOutcome;
    }

    boolean paymentKnown = true;
    boolean orderKnown = true;

    @Override
    public void refundIssued(String paymentIntentId, String refundId, Instant at) {
      calls.add("refundIssued:" + paymentIntentId);
    }

    @Override
    public Optional<PaymentLink> paymentLink(String paymentIntentId) {
      fail();
      return paymentKnown ? Optional.of(new PaymentLink("ord_7", false)) : Optional.empty();
    }

    @Override
    public boolean hasOrder(String orderId) {
      return orderKnown;
    }

    @Override
    public Outcome refunded(RefundReport report) {
      calls.add("refunded:" + report.paymentIntentId() + ":" + report.amountRefundedTotal());
      fail();
      return otherOutcome;
    }

    @Override
    public Outcome disputed(String orderId, String paymentIntentId, Instant at) {
      calls.add("disputed:" + paymentIntentId);
      fail();
      return otherOutcome;
    }

    private void fail() {
      if (failure != null) {
        throw failure;
      }
    }
  }

  final MutableClock clock = new MutableClock(NOW);
  final ScriptedOrders orders = new ScriptedOrders();
  final List<EmailJob> mail = Collections.synchronizedList(new ArrayList<>());

  StripeEventProcessor processor(LocalAws aws, LocalResources res) {
    return new StripeEventProcessor(new DynamoStripeEventLedger(aws.dynamo(), res.table("BoxofficeTable")), orders,
        new FixedTicketCodes(), mail::add, new InMemoryRefunds(), PaymentMetrics.none(), clock, Duration.ofSeconds(30));
  }

  static StripeEvent event(String id, String type, String object) {
    return StripeEventJson.read("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":1900000000,"
        + "\"data\":{\"object\":" + object + "}}");
  }

  static StripeEvent completed(String id, String orderId, String paymentStatus) {
    return event(id, "checkout.session.completed", "{\"id\":\"cs_" + orderId + "\",\"client_reference_id\":\"" + orderId
        + "\",\"payment_status\":\"" + paymentStatus + "\",\"payment_intent\":\"pi_" + orderId
        + "\",\"amount_total\":4200,\"currency\":\"eur\"}");
  }

  static Map<String, AttributeValue> item(LocalAws aws, LocalResources res, String pk, String sk) {
    return aws.dynamo().getItem(b -> b.tableName(res.table("BoxofficeTable"))
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
  }

  @Test
  void aPaidCheckoutFulfilsTheOrderEnqueuesOneConfirmationAndRecordsTheOutcome(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    var result = p.process(completed("evt_a", "ord_1", "paid"), false);

    assertThat(result.status()).isEqualTo(Status.PROCESSED);
    assertThat(orders.calls).containsExactly("paid:ord_1:pi_ord_1:4200");
    assertThat(mail).hasSize(1);
    EmailJob job = mail.get(0);
    assertThat(job.jobId()).isEqualTo("order-confirmation:ord_1");
    assertThat(job.recipient()).isEqualTo("ada@example.com");
    assertThat(job.variables()).containsEntry("orderId", "ord_1").containsEntry("eventName", "The Show")
        .containsEntry("buyerName", "Ada").containsEntry("amountTotal", 4200L).containsEntry("currency", "eur");
    assertThat(job.variables().get("tickets")).isEqualTo(List.of(Map.of("ticketId", "ord_1-1",
        "ticketTypeName", "General", "holderName", "", "code", "QR:ORD_1-1", "fallbackCode", "FB-ord_1-1")));

    var ledger = item(aws, res, "STRIPE_EVENT#evt_a", "LEDGER");
    assertThat(ledger.get("status").s()).isEqualTo("DONE");
    assertThat(ledger.get("outcome").s()).isEqualTo("paid:applied");
    assertThat(ledger.get("orderId").s()).isEqualTo("ord_1");
    assertThat(Long.parseLong(ledger.get("expiresAt").n())).isEqualTo(NOW.plus(Duration.ofDays(35)).getEpochSecond());
    assertThat(ledger).doesNotContainKey("leaseOwner");
    var audit = item(aws, res, "ORDER#ord_1", "AUDIT#evt_a");
    assertThat(audit.get("outcome").s()).isEqualTo("paid:applied");
    assertThat(audit.get("eventType").s()).isEqualTo("checkout.session.completed");
  }

  @Test
  void aDuplicateIsNeverProcessedAgain(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    p.process(completed("evt_a", "ord_1", "paid"), false);
    var again = p.process(completed("evt_a", "ord_1", "paid"), false);
    var fromRetry = p.process(completed("evt_a", "ord_1", "paid"), true);

    assertThat(again.status()).isEqualTo(Status.DUPLICATE);
    assertThat(again.outcome()).isEqualTo("paid:applied");
    assertThat(fromRetry.status()).isEqualTo(Status.DUPLICATE);
    assertThat(orders.calls).hasSize(1);
    assertThat(mail).hasSize(1);
  }

  @Test
  void anAlreadyPaidOrderStillGetsItsConfirmationEnqueuedUnderTheSameJobId(LocalAws aws, LocalResources res) {
    orders.paidOutcome = OrderPayments.Outcome.ALREADY_APPLIED;
    processor(aws, res).process(completed("evt_b", "ord_1", "paid"), false);
    assertThat(mail).extracting(EmailJob::jobId).containsExactly("order-confirmation:ord_1");

    orders.paidOutcome = OrderPayments.Outcome.IGNORED;
    processor(aws, res).process(completed("evt_c", "ord_2", "paid"), false);
    assertThat(mail).hasSize(1);
  }

  @Test
  void anUnpaidCompletionWaitsForTheAsynchronousPayment(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    var r = p.process(completed("evt_u", "ord_1", "unpaid"), false);
    assertThat(r.outcome()).isEqualTo("awaiting_payment");
    assertThat(orders.calls).isEmpty();

    p.process(event("evt_s", "checkout.session.async_payment_succeeded", "{\"id\":\"cs_1\",\"metadata\":{\"orderId\":\"ord_1\"},"
        + "\"payment_status\":\"paid\",\"payment_intent\":\"pi_1\",\"amount_total\":100,\"currency\":\"eur\"}"), false);
    p.process(event("evt_f", "checkout.session.async_payment_failed", "{\"id\":\"cs_2\",\"client_reference_id\":\"ord_2\","
        + "\"payment_status\":\"unpaid\"}"), false);
    assertThat(orders.calls).containsExactly("paid:ord_1:pi_1:100", "paymentFailed:ord_2");
  }

  @Test
  void expiryRefundAndDisputeGoToTheirTransitionsAndOtherTypesAreIgnored(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    p.process(event("evt_e", "checkout.session.expired", "{\"id\":\"cs_9\",\"client_reference_id\":\"ord_9\"}"), false);
    p.process(event("evt_r", "charge.refunded", "{\"id\":\"ch_1\",\"payment_intent\":\"pi_7\",\"amount_refunded\":1500}"), false);
    p.process(event("evt_d", "charge.dispute.created", "{\"id\":\"dp_1\",\"payment_intent\":\"pi_7\"}"), false);
    var ignored = p.process(event("evt_i", "customer.created", "{\"id\":\"cus_1\"}"), false);

    assertThat(orders.calls).containsExactly("expired:ord_9:cs_9", "refunded:pi_7:1500", "disputed:pi_7");
    assertThat(ignored.outcome()).isEqualTo("ignored");
    assertThat(item(aws, res, "STRIPE_EVENT#evt_i", "LEDGER").get("status").s()).isEqualTo("DONE");
  }

  @Test
  void aRefundForAPaymentNoOrderKnowsYetIsRetriedNotDropped(LocalAws aws, LocalResources res) {
    orders.paymentKnown = false;
    var refund = event("evt_r", "charge.refunded", "{\"id\":\"ch_1\",\"payment_intent\":\"pi_7\",\"amount_refunded\":1500,"
        + "\"metadata\":{\"orderId\":\"ord_7\"}}");
    assertThatThrownBy(() -> processor(aws, res).process(refund, false))
        .isInstanceOf(ProcessingFailedException.class)
        .hasCauseInstanceOf(StripeEventProcessor.OrderNotYetKnownException.class);
    assertThat(item(aws, res, "STRIPE_EVENT#evt_r", "LEDGER").get("status").s()).isEqualTo("PROCESSING");
  }

  @Test
  void aCrashedAttemptBlocksOthersUntilItsLeaseRunsOutThenIsTakenOver(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    orders.failure = new IllegalStateException("crash");
    assertThatThrownBy(() -> p.process(completed("evt_a", "ord_1", "paid"), false))
        .isInstanceOf(ProcessingFailedException.class);
    orders.failure = null;

    assertThat(p.process(completed("evt_a", "ord_1", "paid"), false).status()).isEqualTo(Status.BUSY);
    clock.advance(Duration.ofSeconds(31));
    assertThat(p.process(completed("evt_a", "ord_1", "paid"), false).status()).isEqualTo(Status.PROCESSED);
    assertThat(item(aws, res, "STRIPE_EVENT#evt_a", "LEDGER").get("attempts").n()).isEqualTo("2");
  }

  @Test
  void aQueuedEventIsLeftToTheRetryQueueByWebhookDeliveries(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    var ev = completed("evt_q", "ord_1", "paid");
    orders.failure = new IllegalStateException("down");
    ProcessingFailedException failed = catchThrowableOfType(ProcessingFailedException.class, () -> p.process(ev, false));
    assertThat(failed).as("the first delivery fails").isNotNull();
    p.markQueued(ev, failed.owner(), failed);
    orders.failure = null;

    assertThat(p.process(ev, false).status()).isEqualTo(Status.QUEUED_ALREADY);
    assertThat(item(aws, res, "STRIPE_EVENT#evt_q", "LEDGER").get("lastError").s()).isEqualTo("IllegalStateException");
    assertThat(p.process(ev, true).status()).isEqualTo(Status.PROCESSED);
    assertThat(p.process(ev, false).status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void aReleasedEventIsTakenByTheNextDelivery(LocalAws aws, LocalResources res) {
    var p = processor(aws, res);
    var ev = completed("evt_x", "ord_1", "paid");
    orders.failure = new IllegalStateException("down");
    ProcessingFailedException failed = catchThrowableOfType(ProcessingFailedException.class, () -> p.process(ev, false));
    assertThat(failed).as("the first delivery fails").isNotNull();
    p.release(ev, failed.owner(), failed);
    orders.failure = null;
    assertThat(p.process(ev, false).status()).isEqualTo(Status.PROCESSED);
  }
}
