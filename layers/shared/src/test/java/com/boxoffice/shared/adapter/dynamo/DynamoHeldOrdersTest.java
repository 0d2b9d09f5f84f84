package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.HoldReviewReason;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hold sweep's writes on DynamoDB Local: each one only on a pending order, each visible in the sweep's index. */
@ExtendWith(LocalAwsExtension.class)
class DynamoHeldOrdersTest {
  static final Instant HOLD_ENDS = Instant.parse("2030-02-01T12:00:00Z");
  static final Instant NOW = HOLD_ENDS.plus(Duration.ofMinutes(10));

  @Test
  void keepingMovesTheOrderLaterInTheSweepsListAndFlaggingTakesItOutWithItsReason(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    seeded.seedTicketType("evt-1", "ga", "GA", 10);
    seeded.seedPendingOrder("ord_keep", "evt-1", "ga", 2, "cs_keep", HOLD_ENDS, "k@example.com", 5000);
    seeded.seedPendingOrder("ord_flag", "evt-1", "ga", 1, "cs_flag", HOLD_ENDS, "f@example.com", 2500);
    var holds = new DynamoHeldOrders(aws.dynamo(), table);
    assertThat(holds.due(NOW, 10)).extracting(Order::orderId).containsExactlyInAnyOrder("ord_keep", "ord_flag");
    Order keep = holds.due(NOW, 10).stream().filter(o -> o.orderId().equals("ord_keep")).findFirst().orElseThrow();
    Order flag = holds.due(NOW, 10).stream().filter(o -> o.orderId().equals("ord_flag")).findFirst().orElseThrow();

    assertThat(holds.keep(keep, NOW.plus(Duration.ofHours(1)))).isTrue();
    assertThat(holds.flagForReview(flag, HoldReviewReason.ASYNC_PAYMENT_OVERDUE, NOW)).isTrue();

    assertThat(holds.due(NOW, 10)).isEmpty();
    assertThat(holds.due(NOW.plus(Duration.ofMinutes(61)), 10)).extracting(Order::orderId).containsExactly("ord_keep");
    var flagged = seeded.order("ord_flag");
    assertThat(flagged.get("status").s()).isEqualTo("pending");
    assertThat(flagged.get("reviewReason").s()).isEqualTo("async_payment_overdue");
    assertThat(flagged.get("gsi1pk").s()).isEqualTo(DynamoHeldOrders.REVIEW_INDEX_PK);
    assertThat(seeded.ticketType("evt-1", "ga").get("held").n()).isEqualTo("3");

    // The late payment settles the flagged order from the review list, with its held seats.
    seeded.paid(new PaymentConfirmation("ord_flag", "cs_flag", "pi_flag", 2500, "eur", NOW.plus(Duration.ofDays(1))));
    assertThat(seeded.order("ord_flag").get("status").s()).isEqualTo("paid");
    assertThat(seeded.order("ord_flag")).doesNotContainKey("gsi1pk");
    assertThat(seeded.ticketType("evt-1", "ga").get("sold").n()).isEqualTo("1");
  }

  @Test
  void noWriteTouchesAnOrderThatIsNoLongerPending(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var seeded = new SeededOrders(aws.dynamo(), table);
    seeded.seedTicketType("evt-1", "ga", "GA", 10);
    seeded.seedPendingOrder("ord_paid", "evt-1", "ga", 2, "cs_paid", HOLD_ENDS, "p@example.com", 5000);
    var holds = new DynamoHeldOrders(aws.dynamo(), table);
    Order seen = holds.due(NOW, 10).get(0);
    // The payment event wins the race with the sweep.
    seeded.paid(new PaymentConfirmation("ord_paid", "cs_paid", "pi_paid", 5000, "eur", NOW));

    assertThat(holds.keep(seen, NOW.plus(Duration.ofHours(1)))).isFalse();
    assertThat(holds.flagForReview(seen, HoldReviewReason.PAID_NOT_FULFILLED, NOW)).isFalse();
    assertThat(holds.release(seen, NOW)).isFalse();

    var order = seeded.order("ord_paid");
    assertThat(order.get("status").s()).isEqualTo("paid");
    assertThat(order).doesNotContainKeys("gsi1pk", "reviewReason");
    assertThat(seeded.ticketType("evt-1", "ga").get("sold").n()).isEqualTo("2");
    assertThat(seeded.ticketType("evt-1", "ga").get("held").n()).isEqualTo("0");
  }
}
