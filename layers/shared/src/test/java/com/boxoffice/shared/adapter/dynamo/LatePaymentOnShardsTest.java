package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.HoldPolicy;
import com.boxoffice.shared.domain.order.HoldSweeper;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.domain.webhook.OrderFlag;
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

/**
 * A payment that arrives after the sweep released its order's hold, on a sharded ticket type
 * (DynamoDB Local): when the shard the order held has sold out since, the seats come from the
 * other shards and the order records where they now are; only when the shards together have too
 * few is the payment refused for a refund, as on an unsharded type.
 */
@ExtendWith(LocalAwsExtension.class)
class LatePaymentOnShardsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T18:00:00Z");
  private static final String EVENT = "evt-shards";
  private static final int SHARDS = 8;
  private static final int PER_SHARD = 4;

  private final class World {
    final LocalAws aws;
    final String table;
    final DynamoOrderStore store;
    final DynamoOrderPayments payments;

    World(LocalAws aws, LocalResources res) {
      this.aws = aws;
      this.table = res.table("BoxofficeTable");
      this.store = new DynamoOrderStore(aws.dynamo(), table);
      this.payments = new DynamoOrderPayments(aws.dynamo(), table);
      int capacity = SHARDS * PER_SHARD;
      new DynamoCatalog(aws.dynamo(), table).putTicketType(
          new TicketType(EVENT, "ga", "General", 2500, "eur", capacity, 0, 0, capacity, 10), SHARDS);
    }

    Order hold(String id, int quantity) {
      Order o = new Order(id, OrderStatus.PENDING, EVENT, "Night", NOW.plus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(3)), "user-1", null, "ada@example.com", "Ada",
          List.of(new OrderLine("ga", "General", quantity, 2500)), quantity * 2500L, "eur", NOW,
          NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0);
      store.placeHold(o);
      store.attachSession(id, "cs_" + id, "https://pay.example/" + id, NOW.plus(Duration.ofMinutes(36)));
      return store.find(id).orElseThrow();
    }

    /** The sweep, after the hold and its grace are over, with the session expired at the provider. */
    void sweep() {
      var sweeper = new HoldSweeper(new DynamoHeldOrders(aws.dynamo(), table), sessionId -> SessionState.EXPIRED,
          HoldPolicy.defaults(), Clock.systemUTC());
      assertThat(sweeper.sweep(NOW.plus(Duration.ofHours(1))).released()).isEqualTo(1);
    }

    /** Other buyers' sales: the shard keeps only {@code left} seats available. */
    void sellDownTo(int shard, int left) {
      var shardItem = shard(shard);
      int sell = Integer.parseInt(shardItem.get("available").n()) - left;
      aws.dynamo().updateItem(b -> b.tableName(table).key(InventoryItems.shardKey(EVENT, "ga", shard))
          .updateExpression("SET sold = sold + :q, available = available - :q")
          .expressionAttributeValues(Map.of(":q", AttributeValue.fromN(Integer.toString(sell)))));
    }

    Map<String, AttributeValue> shard(int k) {
      return aws.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
          .key(InventoryItems.shardKey(EVENT, "ga", k))).item();
    }

    int total(String counter) {
      int sum = 0;
      for (int k = 0; k < SHARDS; k++) {
        sum += Integer.parseInt(shard(k).get(counter).n());
      }
      return sum;
    }

    PaymentConfirmation confirmation(Order o) {
      return new PaymentConfirmation(o.orderId(), "cs_" + o.orderId(), "pi_" + o.orderId(), o.amountTotal(), "eur",
          NOW.plus(Duration.ofHours(2)));
    }
  }

  @Test
  void aLatePaymentWhoseShardSoldOutIsPaidFromTheOtherShards(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order late = w.hold("ord_late", 2);
    int held = late.lines().get(0).shards().keySet().iterator().next();
    w.sweep();
    w.sellDownTo(held, 0);
    // The other shards keep one seat each: no single shard has two, together they have seven.
    for (int k = 0; k < SHARDS; k++) {
      if (k != held) {
        w.sellDownTo(k, 1);
      }
    }
    int soldBefore = w.total("sold");

    var paid = w.payments.paid(w.confirmation(late));

    assertThat(paid.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(paid.order().tickets()).hasSize(2);
    Order after = w.store.find(late.orderId()).orElseThrow();
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.needsRefund()).isFalse();
    Map<Integer, Integer> shards = after.lines().get(0).shards();
    assertThat(shards).as("recorded where the seats now are").doesNotContainKey(held).hasSize(2)
        .allSatisfy((k, q) -> assertThat(q).isEqualTo(1));
    assertThat(w.total("sold")).isEqualTo(soldBefore + 2);
    assertThat(w.total("available")).isEqualTo(SHARDS - 1 - 2);
    assertThat(w.total("held")).isZero();
    for (int k = 0; k < SHARDS; k++) {
      var s = w.shard(k);
      assertThat(Integer.parseInt(s.get("held").n()) + Integer.parseInt(s.get("sold").n())
          + Integer.parseInt(s.get("available").n())).as("shard " + k + " adds up").isEqualTo(PER_SHARD);
    }
    assertThat(w.payments.paid(w.confirmation(late)).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    assertThat(w.total("sold")).as("a repeat sells nothing more").isEqualTo(soldBefore + 2);
  }

  @Test
  void aLatePaymentIsRefusedForARefundOnlyWhenTheShardsTogetherHaveTooFew(LocalAws aws, LocalResources res) {
    var w = new World(aws, res);
    Order late = w.hold("ord_toolate", 2);
    int held = late.lines().get(0).shards().keySet().iterator().next();
    w.sweep();
    for (int k = 0; k < SHARDS; k++) {
      w.sellDownTo(k, k == (held + 1) % SHARDS ? 1 : 0);
    }

    var refused = w.payments.paid(w.confirmation(late));

    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.order().tickets()).isEmpty();
    assertThat(refused.refund().flag()).isEqualTo(OrderFlag.SEATS_GONE);
    Order after = w.store.find(late.orderId()).orElseThrow();
    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(after.needsRefund()).isTrue();
    assertThat(w.total("sold")).as("nothing taken").isEqualTo(SHARDS * PER_SHARD - 1);
    assertThat(w.total("available")).isEqualTo(1);
  }
}
