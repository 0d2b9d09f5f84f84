package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.CatalogCache;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checkout against a ticket type whose seats sit on shard items (DynamoDB Local, stripe-mock):
 * never more seats held than the shards have together, and never "sold out" while any shard
 * still has the seats asked for, however unevenly the shards run dry.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class ShardedInventoryTest {

  @Test
  void fiveHundredBuyersRacingForAHundredSeatsOnEightShardsHoldExactlyAHundred(LocalAws aws, LocalResources res,
      StripeMock stripe) throws Exception {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(10)));
    f.shardedTicketType("general", 2500, 10, 13, 13, 13, 13, 12, 12, 12, 12);

    Map<String, Integer> outcomes = race(f, "general", 500, 0);

    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("201", 100, "409:sold_out", 400));
    List<int[]> shards = f.shardInventory("general", 8);
    assertThat(shards).allSatisfy(s -> {
      assertThat(s[2]).as("every shard ran dry").isZero();
      assertThat(s[0]).as("held = capacity on every shard").isEqualTo(s[3]);
    });
    assertThat(f.count("ORDER#")).isEqualTo(100);
    var typeItem = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EVENT#" + CheckoutFixture.EVENT),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TYPE#general")))).item();
    assertThat(typeItem).as("the type item takes no counter writes").doesNotContainKeys("held", "sold", "available");
    assertHoldsRecordTheirShards(f, shards, "general");
  }

  @Test
  void shardsThatRunDryUnevenlySellEverySeatAndTheLastBuyersFindTheRemainingOnes(LocalAws aws, LocalResources res,
      StripeMock stripe) throws Exception {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(10)));
    // 10 seats over 4 shards as 7/1/1/1: most buyers start on a shard that has one seat or none.
    f.shardedTicketType("uneven", 2500, 10, 7, 1, 1, 1);

    Map<String, Integer> outcomes = race(f, "uneven", 60, 0);

    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("201", 10, "409:sold_out", 50));
    List<int[]> shards = f.shardInventory("uneven", 4);
    assertThat(shards).extracting(s -> s[0]).containsExactly(7, 1, 1, 1);
    assertThat(shards).extracting(s -> s[2]).containsOnly(0);
    assertHoldsRecordTheirShards(f, shards, "uneven");

    // One after the other, down to the very last seat of a nearly empty type: 0/1/0/0 still sells its seat.
    f.shardedTicketType("last", 2500, 10, 0, 1, 0, 0);
    // A new type sells once this container's read of the event's types has expired.
    f.clock.advance(CatalogCache.DEFAULT_TTL);
    for (int i = 0; i < 3; i++) {
      var r = f.post("/v1/checkout", body("last", 1), "late-" + i, "10.9.0." + i, Map.of());
      assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(i == 0 ? 201 : 409);
    }
  }

  @Test
  void anOrderForMoreSeatsThanAnyOneShardHasTakesThemFromSeveralAndGivesThemBackThere(LocalAws aws,
      LocalResources res, StripeMock stripe) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(10)));
    f.shardedTicketType("scattered", 2500, 10, 1, 2, 0, 1);

    var three = f.post("/v1/checkout", body("scattered", 3), "buyer-a", "10.8.0.1", Map.of());
    assertThat(three.getStatusCode()).as(three.getBody()).isEqualTo(201);
    Order held = f.orders.find(json(three).get("orderId").asText()).orElseThrow();
    assertThat(held.lines().get(0).shards().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);

    var two = f.post("/v1/checkout", body("scattered", 2), "buyer-b", "10.8.0.2", Map.of());
    assertThat(two.getStatusCode()).isEqualTo(409);
    assertThat(json(two).at("/error/code").asText()).isEqualTo("sold_out");
    assertThat(json(two).at("/error/fields/scattered").asText()).isEqualTo("1 left");

    // Cancelling the hold gives each shard back exactly what it gave, even when the caller's copy
    // of the order is the one checkout built before the hold, which names no shards.
    Order asBuilt = new Order(held.orderId(), held.status(), held.eventId(), held.eventName(), held.eventStartsAt(),
        held.eventEndsAt(), held.buyerId(), held.accessTokenHash(), held.email(), held.name(),
        held.lines().stream().map(l -> new com.boxoffice.shared.domain.order.OrderLine(l.ticketTypeId(), l.name(),
            l.quantity(), l.unitPrice())).toList(), held.amountTotal(), held.currency(), held.createdAt(),
        held.holdExpiresAt(), held.releaseAfter(), null, null, null, null, false, 0, 0);
    assertThat(f.orders.endUnpaid(asBuilt, com.boxoffice.shared.domain.order.OrderStatus.CANCELLED, held.createdAt()))
        .isTrue();
    assertThat(f.shardInventory("scattered", 4)).extracting(s -> s[2]).containsExactly(1, 2, 0, 1);
    assertThat(f.shardInventory("scattered", 4)).extracting(s -> s[0]).containsOnly(0);
  }

  private static Map<String, Integer> race(CheckoutFixture f, String typeId, int buyers, int ipBlock) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(48)) {
      for (int i = 0; i < buyers; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          go.await();
          var r = f.post("/v1/checkout", body(typeId, 1), typeId + "-buyer-" + n,
              "10." + ipBlock + "." + (n / 250) + "." + (n % 250), Map.of());
          return r.getStatusCode() + (r.getStatusCode() == 201 ? "" : ":" + json(r).at("/error/code").asText());
        }));
      }
      go.countDown();
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    for (var r : results) {
      outcomes.merge(r.get(), 1, Integer::sum);
    }
    return outcomes;
  }

  /** Every order names the shards its seats came from, and those add up to each shard's held count. */
  private static void assertHoldsRecordTheirShards(CheckoutFixture f, List<int[]> shards, String typeId) {
    int[] fromOrders = new int[shards.size()];
    f.dynamo.scan(b -> b.tableName(f.table)).items().stream()
        .filter(i -> i.get("pk").s().startsWith("ORDER#") && "ORDER".equals(i.get("sk").s()))
        .map(i -> f.orders.find(i.get("orderId").s()).orElseThrow())
        .flatMap(o -> o.lines().stream())
        .filter(l -> l.ticketTypeId().equals(typeId))
        .forEach(l -> l.shards().forEach((k, q) -> fromOrders[k] += q));
    for (int k = 0; k < shards.size(); k++) {
      assertThat(fromOrders[k]).as("shard " + k).isEqualTo(shards.get(k)[0]);
    }
  }
}
