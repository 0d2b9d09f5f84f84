package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link CapacityRaceTest} on a ticket type big enough to be sharded: capacity changes move seats
 * on the shards, each under its own condition, while 200 holds race them. No shard and no total
 * ever ends below sold + held, and the type's capacity is the sum of its shards'.
 */
@ExtendWith(LocalAwsExtension.class)
class ShardedCapacityRaceTest {
  private static final Instant NOW = OrganizerFixture.START;

  @Test
  void capacityNeverGoesBelowSoldPlusHeldOnAnyShardWhile200HoldsRace(LocalAws aws, LocalResources res)
      throws Exception {
    var f = new OrganizerFixture(aws, res);
    String[] ids = f.eventWithType(1_000);
    String eventId = ids[0];
    String typeId = ids[1];
    int shards = InventoryShards.countFor(1_000);
    assertThat(shards).isEqualTo(4);
    var orders = new DynamoOrderStore(aws.dynamo(), f.table);
    int holds = 200;
    int[] capacities = {60, 180, 90, 120, 70, 200, 100, 80, 160, 110, 95, 130, 75, 140, 85, 190, 65, 150, 105, 125};
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger soldOut = new AtomicInteger();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> applied = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(48);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < holds; i++) {
        if (i % 10 == 5) {
          int capacity = capacities[i / 10];
          done.add(pool.submit(() -> {
            start.await();
            var r = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId,
                "{\"capacity\":" + capacity + "}");
            String code = r.getStatusCode() == 200 ? "" : json(r).path("error").path("code").asText();
            if (r.getStatusCode() == 200) {
              applied.add(capacity);
            } else if (!code.equals("capacity_below_committed") && !code.equals("concurrent_change")) {
              unexpected.add(r.getStatusCode() + " " + r.getBody());
            }
            return null;
          }));
        }
        String orderId = "ord_shard_race_" + i;
        done.add(pool.submit(() -> {
          start.await();
          try {
            orders.placeHold(order(orderId, eventId, typeId));
            held.incrementAndGet();
          } catch (SoldOutException e) {
            soldOut.incrementAndGet();
          } catch (RuntimeException e) {
            unexpected.add(e.toString());
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> d : done) {
        d.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int capacity = 0;
    int heldNow = 0;
    for (int k = 0; k < shards; k++) {
      int[] s = shard(f, eventId, typeId, k);
      assertThat(s[0]).as("shard " + k + " never below its sold + held").isGreaterThanOrEqualTo(s[1] + s[2]);
      assertThat(s[3]).as("shard " + k + " counter consistent").isEqualTo(s[0] - s[1] - s[2]);
      capacity += s[0];
      heldNow += s[1];
    }
    var typeItem = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("TYPE#" + typeId)))).item();
    assertThat(unexpected).isEmpty();
    assertThat(held.get() + soldOut.get()).isEqualTo(holds);
    assertThat(heldNow).as("every successful hold counted once").isEqualTo(held.get());
    assertThat(Integer.parseInt(typeItem.get("capacity").n())).as("the total is the sum of the shards")
        .isEqualTo(capacity);
    assertThat(applied).as("some changes applied").isNotEmpty().contains(capacity);

    // The organizer's view sums the shards; a change below sold + held is refused, one to exactly it applies.
    var below = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId,
        "{\"capacity\":" + (heldNow - 1) + "}");
    assertThat(below.getStatusCode()).isEqualTo(409);
    assertThat(json(below).path("error").path("fields").path("capacity").asText()).isEqualTo("at least " + heldNow);
    var exact = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId,
        "{\"capacity\":" + heldNow + "}");
    assertThat(exact.getStatusCode()).as(exact.getBody()).isEqualTo(200);
    assertThat(json(exact).get("available").asInt()).isZero();
    assertThat(json(exact).get("held").asInt()).isEqualTo(heldNow);
    try {
      orders.placeHold(order("ord_after", eventId, typeId));
      throw new AssertionError("a hold beyond capacity was accepted");
    } catch (SoldOutException expected) {
      assertThat(expected.available()).containsEntry(typeId, 0);
    }
  }

  /** capacity, held, sold, available of one shard. */
  private static int[] shard(OrganizerFixture f, String eventId, String typeId, int k) {
    var item = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("STOCK#" + eventId + "#" + typeId + "#" + k), "sk", AttributeValue.fromS("STOCK"))))
        .item();
    return new int[] {n(item, "capacity"), n(item, "held"), n(item, "sold"), n(item, "available")};
  }

  private static int n(Map<String, AttributeValue> item, String name) {
    return Integer.parseInt(item.get(name).n());
  }

  private static Order order(String id, String eventId, String typeId) {
    return new Order(id, OrderStatus.PENDING, eventId, "Night", NOW.plus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(2)), "u1", null, "a@example.com", "A", List.of(new OrderLine(typeId, "General", 1, 2500)),
        2500, "eur", NOW, NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null,
        false, 0, 0);
  }
}
