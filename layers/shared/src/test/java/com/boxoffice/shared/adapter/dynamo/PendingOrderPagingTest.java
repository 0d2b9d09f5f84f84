package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.HoldPolicy;
import com.boxoffice.shared.domain.order.HoldSweeper;
import com.boxoffice.shared.domain.webhook.OrderReconciler;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.port.out.CheckoutSessionLookup.CheckoutSessionState;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.port.out.PendingOrders.PendingOrder;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.memory.InMemoryCheckoutSessionExpiry;
import com.boxoffice.shared.testing.memory.InMemoryEmailOutbox;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.testing.memory.InMemoryStripeEventLedger;
import com.boxoffice.shared.testing.memory.InMemoryTicketCodes;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More pending orders than one DynamoDB page (100) and than a run's limit: the reconciliation and
 * the hold sweep page through the index, stop exactly at their limit, say so, and the next run
 * takes the rest; and a paid session found for an order that expired between the listing and
 * Stripe's answer.
 */
@ExtendWith(LocalAwsExtension.class)
class PendingOrderPagingTest {
  private static final Instant HOLD_ENDS = Instant.parse("2030-02-01T12:00:00Z");
  private static final Instant NOW = HOLD_ENDS.plus(Duration.ofMinutes(10));
  private static final int ORDERS = 130;

  private static List<String> seed(SeededOrders seeded) {
    seeded.seedTicketType("evt-many", "ga", "GA", 1_000);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String id = String.format("ord_page_%03d", i);
      // Hold ends a second apart, so the index order is known.
      seeded.seedPendingOrder(id, "evt-many", "ga", 1, "cs_page_" + i, HOLD_ENDS.plusSeconds(i), id + "@example.com",
          2500);
      ids.add(id);
    }
    return ids;
  }

  @Test
  void reconciliationPagesPastOneHundredOrdersAndStopsExactlyAtItsLimit(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    List<String> ids = seed(seeded);
    var pending = new DynamoPendingOrders(aws.dynamo(), table);

    List<PendingOrder> all = pending.holdEndingBefore(NOW, 1_000);
    assertThat(all).extracting(PendingOrder::orderId).containsExactlyElementsOf(ids);
    assertThat(pending.holdEndingBefore(NOW, 120)).extracting(PendingOrder::orderId)
        .containsExactlyElementsOf(ids.subList(0, 120));

    List<String> asked = new ArrayList<>();
    var clock = new MutableClock(NOW);
    var processor = new StripeEventProcessor(new InMemoryStripeEventLedger(), seeded, new InMemoryTicketCodes(),
        new InMemoryEmailOutbox(), new InMemoryRefunds(), PaymentMetrics.none(), clock, Duration.ofSeconds(30));
    var reconciler = new OrderReconciler(pending, id -> {
      asked.add(id);
      return new CheckoutSessionState(id, "open", "unpaid", null, 2500, "eur");
    }, seeded, processor, clock, Duration.ZERO);

    assertThat(reconciler.reconcile(120)).isEqualTo(new OrderReconciler.Report(120, 0, 0, 0, 120, 0, true));
    assertThat(asked).hasSize(120).doesNotHaveDuplicates();
    asked.clear();
    assertThat(reconciler.reconcile(ORDERS - 1)).extracting(OrderReconciler.Report::checked,
        OrderReconciler.Report::truncated).containsExactly(ORDERS - 1, true);
    assertThat(reconciler.reconcile(ORDERS)).isEqualTo(new OrderReconciler.Report(ORDERS, 0, 0, 0, ORDERS, 0, false));
    assertThat(reconciler.reconcile(500)).isEqualTo(new OrderReconciler.Report(ORDERS, 0, 0, 0, ORDERS, 0, false));
  }

  @Test
  void theIndexIsSpreadOverManyPartitionsAndReadersMergeThemInTimeOrderWithTheUnshardedKeyToo(LocalAws aws,
      LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    List<String> ids = seed(seeded);
    Set<String> partitions = new HashSet<>();
    ids.forEach(id -> partitions.add(seeded.order(id).get("gsi1pk").s()));
    assertThat(partitions).as("130 orders land on many index partitions").hasSizeGreaterThan(40)
        .allMatch(pk -> pk.startsWith(OrderItems.PENDING_INDEX_PK + "#"));
    // An order written before the index was sharded, due before all the others.
    seeded.seedPendingOrder("ord_legacy", "evt-many", "ga", 1, "cs_legacy", HOLD_ENDS.minusSeconds(5),
        "legacy@example.com", 2500);
    aws.dynamo().updateItem(b -> b.tableName(table).key(OrderItems.key("ord_legacy"))
        .updateExpression("SET gsi1pk = :legacy")
        .expressionAttributeValues(java.util.Map.of(":legacy",
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(OrderItems.PENDING_INDEX_PK))));
    var pending = new DynamoPendingOrders(aws.dynamo(), table);
    var store = new DynamoOrderStore(aws.dynamo(), table);

    assertThat(pending.holdEndingBefore(NOW, 3)).extracting(PendingOrder::orderId)
        .containsExactly("ord_legacy", ids.get(0), ids.get(1));
    assertThat(store.releasable(NOW, 1_000)).extracting(o -> o.orderId()).startsWith("ord_legacy")
        .hasSize(ORDERS + 1).containsAll(ids);
    assertThat(store.releasable(HOLD_ENDS.plusSeconds(9), 1_000)).as("only those due by then")
        .extracting(o -> o.orderId()).containsExactly(java.util.stream.Stream.concat(
            java.util.stream.Stream.of("ord_legacy"), ids.subList(0, 10).stream()).toArray(String[]::new));
  }

  @Test
  void theHoldSweepTakesAtMostItsBatchAcrossPagesAndTheNextSweepTheRest(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    List<String> ids = seed(seeded);
    var stripe = new InMemoryCheckoutSessionExpiry();
    for (int i = 0; i < ORDERS; i++) {
      stripe.put("cs_page_" + i, SessionState.OPEN);
    }
    var sweeper = new HoldSweeper(new DynamoHeldOrders(aws.dynamo(), table), stripe, HoldPolicy.defaults(),
        new MutableClock(NOW), 120, Duration.ofMinutes(5));
    // releaseAfter is the hold's end for a seeded order: all 130 are due.

    var first = sweeper.sweep(NOW);

    assertThat(first).isEqualTo(new HoldSweeper.Result(120, 120, 0, 0, 0, 0));
    assertThat(stripe.calls()).hasSize(120).doesNotHaveDuplicates();
    assertThat(seeded.ticketType("evt-many", "ga").get("held").n()).isEqualTo("10");

    var second = sweeper.sweep(NOW);

    assertThat(second).isEqualTo(new HoldSweeper.Result(10, 10, 0, 0, 0, 0));
    Set<String> expired = new HashSet<>(stripe.calls());
    assertThat(expired).hasSize(ORDERS);
    assertThat(ids).allSatisfy(id -> assertThat(seeded.order(id).get("status").s()).isEqualTo("expired"));
    assertThat(seeded.ticketType("evt-many", "ga").get("held").n()).isEqualTo("0");
    assertThat(sweeper.sweep(NOW)).isEqualTo(new HoldSweeper.Result(0, 0, 0, 0, 0, 0));
  }

  @Test
  void aPaidSessionForAnOrderTheSweepExpiredMeanwhileIsFulfilledWithItsSeatsRetaken(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    seeded.seedTicketType("evt-late", "ga", "GA", 10);
    seeded.seedPendingOrder("ord_late", "evt-late", "ga", 2, "cs_late", HOLD_ENDS, "late@example.com", 5000);
    var clock = new MutableClock(NOW);
    var outbox = new InMemoryEmailOutbox();
    var processor = new StripeEventProcessor(new InMemoryStripeEventLedger(), seeded, new InMemoryTicketCodes(),
        outbox, new InMemoryRefunds(), PaymentMetrics.none(), clock, Duration.ofSeconds(30));
    // The run lists the order while it is pending; the hold sweep expires it before Stripe answers
    // that the buyer paid after all.
    var reconciler = new OrderReconciler(new DynamoPendingOrders(aws.dynamo(), table), id -> {
      seeded.expired("ord_late", id, NOW);
      return new CheckoutSessionState(id, "complete", "paid", "pi_late", 5000, "eur");
    }, seeded, processor, clock, Duration.ZERO);
    assertThat(seeded.ticketType("evt-late", "ga").get("held").n()).isEqualTo("2");

    assertThat(reconciler.reconcile(10)).isEqualTo(new OrderReconciler.Report(1, 1, 0, 0, 0, 0, false));

    assertThat(seeded.order("ord_late").get("status").s()).isEqualTo("paid");
    assertThat(seeded.ticketType("evt-late", "ga").get("sold").n()).isEqualTo("2");
    assertThat(seeded.ticketType("evt-late", "ga").get("held").n()).isEqualTo("0");
    assertThat(outbox.jobs()).extracting(j -> j.jobId()).containsExactly("order-confirmation:ord_late");
    assertThat(reconciler.reconcile(10)).as("no longer pending").isEqualTo(new OrderReconciler.Report(0, 0, 0, 0, 0, 0,
        false));
  }
}
