package com.boxoffice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.sqs.WebhookRetryQueueDrainer;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.port.out.StripeEventLedger;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.StripeSignatureVerifier;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.boxoffice.shared.domain.webhook.StripeWebhookIntake;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.FixedTicketCodes;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A delivery storm: 1,000 events for 200 orders (20 of them paid by a session that is not theirs),
 * plus 20 refunds and disputes of another product's payments, each delivered 3 to 5 times, shuffled, through
 * the handler on 8 threads, while 10% of the order-port calls and 10% of the ledger completions
 * fail (half before, half after their effect). Deliveries Stripe would retry (409, 500) are redelivered; then the retry queue is
 * drained with the retry processor. Every order must end exactly right, with one confirmation job
 * per paid order, every event DONE and audited, nothing left on any queue.
 *
 * <p>The order state machine is the production one, seeded through {@link SeededOrders}.
 */
@ExtendWith(LocalAwsExtension.class)
class StripeWebhookStormTest {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookStormTest.class);
  static final String SECRET = "whsec_storm";
  static final String EVENT = "evt-storm";
  static final int ORDERS = 200;

  /**
   * MISMATCHED: the order's own session reports a wrong amount; FOREIGN: a Payment Link session
   * names the order. Neither may issue a ticket; each payment is refunded once; the order's own
   * session then expires.
   */
  enum Kind { CARD_PAID, ASYNC_PAID, ASYNC_FAILED, EXPIRED, MISMATCHED, FOREIGN }

  record Order(String id, Kind kind, String typeId, int quantity) {
    boolean paid() {
      return kind == Kind.CARD_PAID || kind == Kind.ASYNC_PAID;
    }

    /** The payment this system must refuse and refund, if any. */
    String refusedPayment() {
      return switch (kind) {
        case MISMATCHED -> "pi_mm_" + id;
        case FOREIGN -> "pi_link_" + id;
        default -> null;
      };
    }
  }

  record Delivery(String eventId, byte[] body) {}

  /** Throws on a seeded 10% of calls: half before the effect, half after it was made. */
  static final class FlakyOrders implements OrderPayments {
    final OrderPayments delegate;
    final Random random;
    final AtomicInteger injected = new AtomicInteger();

    FlakyOrders(OrderPayments delegate, long seed) {
      this.delegate = delegate;
      this.random = new Random(seed);
    }

    private <T> T call(java.util.function.Supplier<T> effect) {
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      if (roll < 0.05) {
        injected.incrementAndGet();
        throw new IllegalStateException("injected failure before the effect");
      }
      T result = effect.get();
      if (roll < 0.10) {
        injected.incrementAndGet();
        throw new IllegalStateException("injected failure after the effect");
      }
      return result;
    }

    @Override public PaidResult paid(PaymentConfirmation c) { return call(() -> delegate.paid(c)); }
    @Override public Outcome paymentFailed(String o, String s, Instant at) { return call(() -> delegate.paymentFailed(o, s, at)); }
    @Override public Outcome expired(String o, String s, Instant at) { return call(() -> delegate.expired(o, s, at)); }
    @Override public void refundIssued(String p, String r, Instant at) { call(() -> { delegate.refundIssued(p, r, at); return null; }); }
    @Override public Optional<PaymentLink> paymentLink(String p) { return call(() -> delegate.paymentLink(p)); }
    @Override public boolean hasOrder(String o) { return call(() -> delegate.hasOrder(o)); }
    @Override public Outcome refunded(RefundReport r) { return call(() -> delegate.refunded(r)); }
    @Override public Outcome disputed(String o, String p, Instant at) { return call(() -> delegate.disputed(o, p, at)); }
  }

  /** The ledger's completion fails on a seeded 10% of calls, half before and half after it was written. */
  static final class FlakyLedger implements StripeEventLedger {
    final StripeEventLedger delegate;
    final Random random;
    final AtomicInteger injected = new AtomicInteger();

    FlakyLedger(StripeEventLedger delegate, long seed) {
      this.delegate = delegate;
      this.random = new Random(seed);
    }

    @Override
    public Claim claim(String eventId, String type, String owner, Instant now, Instant leaseUntil, boolean takeQueued) {
      return delegate.claim(eventId, type, owner, now, leaseUntil, takeQueued);
    }

    @Override
    public boolean complete(String eventId, String owner, Completion completion, Instant now) {
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      if (roll < 0.05) {
        injected.incrementAndGet();
        throw new IllegalStateException("injected failure before completion");
      }
      boolean done = delegate.complete(eventId, owner, completion, now);
      if (roll < 0.10) {
        injected.incrementAndGet();
        throw new IllegalStateException("injected failure after completion");
      }
      return done;
    }

    @Override
    public void markQueued(String eventId, String owner, String reason, Instant now) {
      delegate.markQueued(eventId, owner, reason, now);
    }

    @Override
    public void release(String eventId, String owner, String reason, Instant now) {
      delegate.release(eventId, owner, reason, now);
    }
  }

  static String event(String id, String type, String object) {
    return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":" + object + "}}";
  }

  static String session(Order o, String paymentStatus) {
    return "{\"id\":\"cs_" + o.id() + "\",\"object\":\"checkout.session\",\"client_reference_id\":\"" + o.id()
        + "\",\"payment_status\":\"" + paymentStatus + "\",\"payment_intent\":\"pi_" + o.id()
        + "\",\"amount_total\":" + (o.quantity() * 2500) + ",\"currency\":\"eur\"}";
  }

  /** A paid session that is not the order's: its own session with a wrong amount, or a Payment Link's. */
  static String refusedSession(Order o) {
    boolean link = o.kind() == Kind.FOREIGN;
    return "{\"id\":\"" + (link ? "cs_link_" + o.id() : "cs_" + o.id()) + "\",\"object\":\"checkout.session\","
        + "\"client_reference_id\":\"" + o.id() + "\",\"payment_status\":\"paid\",\"payment_intent\":\""
        + o.refusedPayment() + "\",\"amount_total\":" + (link ? o.quantity() * 2500 : 100) + ",\"currency\":\"eur\","
        + "\"customer_details\":{\"email\":\"payer-" + o.id() + "@example.com\"}"
        + (link ? "" : ",\"metadata\":{\"orderId\":\"" + o.id() + "\"}") + "}";
  }

  /** Our refund of a refused payment, reported back; it carries our metadata when the payment did. */
  static String refundedCharge(Order o) {
    return "{\"id\":\"ch_" + o.id() + "\",\"object\":\"charge\",\"payment_intent\":\"" + o.refusedPayment()
        + "\",\"amount_refunded\":100,\"metadata\":{\"orderId\":\"" + o.id() + "\"}}";
  }

  /** A refund or dispute of another product's payment on the same account: no order, no metadata. */
  static String foreignCharge(int i) {
    return "{\"id\":\"ch_shop_" + i + "\",\"object\":\"charge\",\"payment_intent\":\"pi_shop_" + i
        + "\",\"amount_refunded\":1999,\"metadata\":{}}";
  }

  static String intent(Order o) {
    return "{\"id\":\"pi_" + o.id() + "\",\"object\":\"payment_intent\",\"metadata\":{\"orderId\":\"" + o.id() + "\"}}";
  }

  static Map<String, String> eventsFor(Order o) {
    Map<String, String> events = new java.util.LinkedHashMap<>();
    String p = "evt_" + o.id() + "_";
    switch (o.kind()) {
      case CARD_PAID -> {
        events.put(p + 1, event(p + 1, "checkout.session.completed", session(o, "paid")));
        events.put(p + 2, event(p + 2, "payment_intent.created", intent(o)));
        events.put(p + 3, event(p + 3, "payment_intent.succeeded", intent(o)));
        events.put(p + 4, event(p + 4, "charge.succeeded", intent(o)));
        events.put(p + 5, event(p + 5, "charge.updated", intent(o)));
      }
      case ASYNC_PAID -> {
        events.put(p + 1, event(p + 1, "checkout.session.completed", session(o, "unpaid")));
        events.put(p + 2, event(p + 2, "checkout.session.async_payment_succeeded", session(o, "paid")));
        events.put(p + 3, event(p + 3, "payment_intent.created", intent(o)));
        events.put(p + 4, event(p + 4, "payment_intent.processing", intent(o)));
        events.put(p + 5, event(p + 5, "payment_intent.succeeded", intent(o)));
      }
      case ASYNC_FAILED -> {
        events.put(p + 1, event(p + 1, "checkout.session.completed", session(o, "unpaid")));
        events.put(p + 2, event(p + 2, "checkout.session.async_payment_failed", session(o, "unpaid")));
        events.put(p + 3, event(p + 3, "payment_intent.created", intent(o)));
        events.put(p + 4, event(p + 4, "payment_intent.processing", intent(o)));
        events.put(p + 5, event(p + 5, "payment_intent.payment_failed", intent(o)));
      }
      case EXPIRED -> {
        events.put(p + 1, event(p + 1, "checkout.session.expired", session(o, "unpaid")));
        events.put(p + 2, event(p + 2, "payment_intent.created", intent(o)));
        events.put(p + 3, event(p + 3, "payment_intent.canceled", intent(o)));
        events.put(p + 4, event(p + 4, "customer.updated", intent(o)));
        events.put(p + 5, event(p + 5, "customer.created", intent(o)));
      }
      case MISMATCHED -> {
        events.put(p + 1, event(p + 1, "checkout.session.completed", refusedSession(o)));
        events.put(p + 2, event(p + 2, "checkout.session.expired", session(o, "unpaid")));
        // May arrive before the payment it refunds: ours by metadata, so retried until that is known.
        events.put(p + 3, event(p + 3, "charge.refunded", refundedCharge(o)));
        events.put(p + 4, event(p + 4, "payment_intent.created", intent(o)));
        events.put(p + 5, event(p + 5, "customer.updated", intent(o)));
      }
      case FOREIGN -> {
        events.put(p + 1, event(p + 1, "checkout.session.completed", refusedSession(o)));
        events.put(p + 2, event(p + 2, "checkout.session.expired", session(o, "unpaid")));
        events.put(p + 3, event(p + 3, "payment_intent.created", intent(o)));
        events.put(p + 4, event(p + 4, "charge.succeeded", intent(o)));
        events.put(p + 5, event(p + 5, "customer.updated", intent(o)));
      }
    }
    return events;
  }

  @Test
  void everyOrderEndsExactlyRightAfterAStormOfDuplicatedShuffledFailingDeliveries(LocalAws aws, LocalResources res)
      throws Exception {
    long started = System.nanoTime();
    String table = res.table("BoxofficeTable");
    var store = new SeededOrders(aws.dynamo(), table);
    for (int t = 0; t < 4; t++) {
      store.seedTicketType(EVENT, "t" + t, "Type " + t, 10_000);
    }
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Kind kind = i < 120 ? Kind.CARD_PAID : i < 150 ? Kind.ASYNC_PAID : i < 170 ? Kind.ASYNC_FAILED
          : i < 180 ? Kind.EXPIRED : i < 190 ? Kind.MISMATCHED : Kind.FOREIGN;
      Order o = new Order(String.format("ord_%03d", i), kind, "t" + (i % 4), 1 + (i % 3) + (i % 2));
      orders.add(o);
      store.seedPendingOrder(o.id(), EVENT, o.typeId(), o.quantity(), "cs_" + o.id(),
          Instant.now().plus(Duration.ofMinutes(30)), o.id() + "@example.com", o.quantity() * 2500L);
    }
    Map<String, Set<String>> eventIdsByOrder = new HashMap<>();
    Random random = new Random(20_301);
    List<Delivery> deliveries = new ArrayList<>();
    for (Order o : orders) {
      for (var e : eventsFor(o).entrySet()) {
        eventIdsByOrder.computeIfAbsent(o.id(), k -> new HashSet<>()).add(e.getKey());
        byte[] body = e.getValue().getBytes(StandardCharsets.UTF_8);
        int copies = 3 + random.nextInt(3);
        for (int c = 0; c < copies; c++) {
          deliveries.add(new Delivery(e.getKey(), body));
        }
      }
    }
    Set<String> allEventIds = new HashSet<>();
    eventIdsByOrder.values().forEach(allEventIds::addAll);
    assertThat(allEventIds).hasSize(1_000);
    // Refunds and disputes of another product's payments, belonging to no order.
    Set<String> foreignEventIds = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      for (String type : List.of("charge.refunded", "charge.dispute.created")) {
        String id = "evt_shop_" + i + "_" + type;
        foreignEventIds.add(id);
        byte[] body = event(id, type, foreignCharge(i)).getBytes(StandardCharsets.UTF_8);
        for (int c = 0; c < 3; c++) {
          deliveries.add(new Delivery(id, body));
        }
      }
    }
    allEventIds.addAll(foreignEventIds);
    Collections.shuffle(deliveries, random);

    var flaky = new FlakyOrders(store, 7L);
    var flakyLedger = new FlakyLedger(new DynamoStripeEventLedger(aws.dynamo(), table), 11L);
    var refunds = new InMemoryRefunds();
    var processor = new StripeEventProcessor(flakyLedger, flaky,
        new FixedTicketCodes(), new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")), refunds,
        PaymentMetrics.none(), Clock.systemUTC(), Duration.ofSeconds(30));
    String retryUrl = res.queueUrl("WebhookRetryQueue");
    var intake = new StripeWebhookIntake(new StripeSignatureVerifier(List.of(SECRET),
        StripeSignatureVerifier.DEFAULT_TOLERANCE, Clock.systemUTC()), new StripeEventJson(), processor,
        new WebhookRetrySqsQueue(aws.sqs(), retryUrl));
    var handler = new StripeWebhookHandler(intake);

    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    List<Delivery> pending = deliveries;
    int rounds = 0;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      while (!pending.isEmpty()) {
        rounds++;
        assertThat(rounds).as("Stripe stops retrying at some point").isLessThan(20);
        List<Future<Delivery>> futures = new ArrayList<>();
        for (Delivery d : pending) {
          futures.add(pool.submit(() -> {
            var r = handler.handleRequest(FunctionUrlEvents.post(d.body(),
                StripeSignatures.sign(d.body(), SECRET, Instant.now()), false), null);
            String key = r.getStatusCode() + (r.getStatusCode() == 200 ? " " + r.getBody() : "");
            answers.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            assertThat(r.getStatusCode()).isIn(200, 409, 500);
            return r.getStatusCode() == 200 ? null : d;
          }));
        }
        List<Delivery> again = new ArrayList<>();
        for (var f : futures) {
          Delivery retry = f.get();
          if (retry != null) {
            again.add(retry);
          }
        }
        pending = again;
      }
    } finally {
      pool.shutdownNow();
    }
    long deliveredAt = System.nanoTime();

    var drainer = new WebhookRetryQueueDrainer(aws.sqs(), retryUrl, processor, new StripeEventJson(),
        receiveCount -> Duration.ZERO);
    int drained = 0;
    for (int pass = 0; pass < 10; pass++) {
      var report = drainer.drain(() -> 3_600_000L, Duration.ZERO, 1, 2);
      drained += report.received();
      if (report.received() == 0) {
        break;
      }
    }
    long drainedAt = System.nanoTime();
    LOG.info("storm: deliveries={} rounds={} answers={} injected={} retryMessagesReceived={} deliverSeconds={} drainSeconds={}",
        deliveries.size(), rounds, answers, flaky.injected.get() + flakyLedger.injected.get(), drained,
        (deliveredAt - started) / 1e9, (drainedAt - deliveredAt) / 1e9);

    // The queues are empty and nothing was dead-lettered.
    for (String q : List.of("WebhookRetryQueue", "WebhookRetryDeadLetterQueue")) {
      var attrs = aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(q)).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
          .attributes();
      assertThat(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).as(q).isEqualTo("0");
      assertThat(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).as(q).isEqualTo("0");
    }
    assertThat(flaky.injected.get() + flakyLedger.injected.get()).as("failures were injected").isGreaterThan(50);
    assertThat(drained).as("the retry path was exercised").isGreaterThan(50);

    // Read the whole table once.
    Map<String, Map<String, AttributeValue>> ledger = new HashMap<>();
    Map<String, Set<String>> audits = new HashMap<>();
    Map<String, Integer> ticketsByOrder = new HashMap<>();
    Map<String, Map<String, AttributeValue>> orderItems = new HashMap<>();
    Map<String, Map<String, AttributeValue>> types = new HashMap<>();
    for (var page : aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true))) {
      for (var item : page.items()) {
        String pk = item.get("pk").s();
        String sk = item.get("sk").s();
        if (pk.startsWith("STRIPE_EVENT#")) {
          ledger.put(pk.substring("STRIPE_EVENT#".length()), item);
        } else if (pk.startsWith("ORDER#") && sk.startsWith("AUDIT#")) {
          audits.computeIfAbsent(pk.substring(6), k -> new HashSet<>()).add(sk.substring(6));
        } else if (pk.startsWith("ORDER#")) {
          orderItems.put(pk.substring(6), item);
        } else if (pk.startsWith("TICKET#")) {
          ticketsByOrder.merge(item.get("orderId").s(), 1, Integer::sum);
        } else if (sk.startsWith("TYPE#")) {
          types.put(sk.substring(5), item);
        }
      }
    }

    // Zero lost events: every event id is DONE, and no other event was recorded.
    assertThat(ledger.keySet()).isEqualTo(allEventIds);
    assertThat(ledger.values()).allSatisfy(item -> assertThat(item.get("status").s()).isEqualTo("DONE"));
    // Another product's refunds and disputes are recorded as not ours, not retried into the DLQ.
    for (String id : foreignEventIds) {
      assertThat(ledger.get(id).get("outcome").s()).as(id).endsWith(":not_ours");
    }
    // One audit entry per event, under its order.
    assertThat(audits).isEqualTo(eventIdsByOrder);

    Map<String, Integer> soldByType = new HashMap<>();
    for (Order o : orders) {
      var item = orderItems.get(o.id());
      String expected = switch (o.kind()) {
        case CARD_PAID, ASYNC_PAID -> "paid";
        case ASYNC_FAILED -> "payment_failed";
        case EXPIRED, MISMATCHED, FOREIGN -> "expired";
      };
      assertThat(item.get("status").s()).as(o.id()).isEqualTo(expected);
      assertThat(item).as(o.id() + " left the pending index").doesNotContainKey("gsi1pk");
      assertThat(ticketsByOrder.getOrDefault(o.id(), 0)).as(o.id() + " tickets").isEqualTo(o.paid() ? o.quantity() : 0);
      if (o.paid()) {
        soldByType.merge(o.typeId(), o.quantity(), Integer::sum);
      }
      if (o.refusedPayment() != null) {
        assertThat(refunds.madeFor(o.refusedPayment())).as(o.id() + " refunded once").isEqualTo(1);
        assertThat(item.get("flags").ss()).as(o.id()).containsExactly("payment_mismatch");
        assertThat(ledger.get("evt_" + o.id() + "_1").get("outcome").s()).as(o.id())
            .isIn("paid:refused", "paid:already_applied");
      }
    }
    assertThat(refunds.made()).as("only refused payments are refunded").hasSize(20);
    for (int t = 0; t < 4; t++) {
      var type = types.get("t" + t);
      assertThat(type.get("sold").n()).as("sold t" + t).isEqualTo(Integer.toString(soldByType.getOrDefault("t" + t, 0)));
      assertThat(type.get("held").n()).as("held t" + t).isEqualTo("0");
    }

    // One distinct confirmation job per paid order, and none for any other order.
    Map<String, Integer> jobs = new HashMap<>();
    while (true) {
      var batch = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl("EmailQueue")).maxNumberOfMessages(10)
          .waitTimeSeconds(0).visibilityTimeout(600).messageAttributeNames("All")).messages();
      if (batch.isEmpty()) {
        break;
      }
      batch.forEach(m -> jobs.merge(m.messageAttributes().get("jobId").stringValue(), 1, Integer::sum));
    }
    Set<String> expectedJobs = new HashSet<>();
    orders.stream().filter(Order::paid).forEach(o -> expectedJobs.add("order-confirmation:" + o.id()));
    orders.stream().filter(o -> o.refusedPayment() != null)
        .forEach(o -> expectedJobs.add("payment-refund:" + o.refusedPayment()));
    assertThat(jobs.keySet()).isEqualTo(expectedJobs);
    LOG.info("storm: email messages={} distinct jobs={}", jobs.values().stream().mapToInt(Integer::intValue).sum(), jobs.size());
  }
}
