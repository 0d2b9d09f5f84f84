package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
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
 * Capacity changes racing checkout's seat holds on DynamoDB Local: 200 holds of one seat (checkout's
 * own {@link DynamoOrderStore#placeHold}) and organizers lowering and raising the capacity, all
 * released by one latch. Whatever the interleaving, no hold is lost or oversold and the capacity
 * never ends below sold + held.
 */
@ExtendWith(LocalAwsExtension.class)
class CapacityRaceTest {
  private static final Instant NOW = OrganizerFixture.START;

  @Test
  void capacityNeverGoesBelowSoldPlusHeldWhile200HoldsRace(LocalAws aws, LocalResources res) throws Exception {
    var f = new OrganizerFixture(aws, res);
    String[] ids = f.eventWithType(150);
    String eventId = ids[0];
    String typeId = ids[1];
    var orders = new DynamoOrderStore(aws.dynamo(), f.table);
    int holds = 200;
    int[] capacities = {60, 180, 90, 120, 70, 200, 100, 80, 160, 110, 95, 130, 75, 140, 85, 190, 65, 150, 105, 125};
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger soldOut = new AtomicInteger();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> appliedCapacities = new ConcurrentLinkedQueue<>();
    AtomicInteger refusedBelowCommitted = new AtomicInteger();
    // 48 workers, as checkout's own concurrency test uses: DynamoDB Local (not DynamoDB) times out
    // transactions that wait for its table lock behind hundreds of others.
    ExecutorService pool = Executors.newFixedThreadPool(48);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < holds; i++) {
        if (i % 10 == 5) {
          int capacity = capacities[i / 10];
          done.add(pool.submit(() -> {
            start.await();
            changeCapacity(f, eventId, typeId, capacity, appliedCapacities, refusedBelowCommitted, unexpected);
            return null;
          }));
        }
        String orderId = "ord_race_" + i;
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

    var item = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("TYPE#" + typeId)))).item();
    int capacity = Integer.parseInt(item.get("capacity").n());
    int heldNow = Integer.parseInt(item.get("held").n());
    int sold = Integer.parseInt(item.get("sold").n());
    int available = Integer.parseInt(item.get("available").n());

    assertThat(unexpected).isEmpty();
    assertThat(held.get() + soldOut.get()).isEqualTo(holds);
    assertThat(heldNow).as("every successful hold counted once").isEqualTo(held.get());
    assertThat(capacity).as("never below sold + held").isGreaterThanOrEqualTo(heldNow + sold);
    assertThat(available).as("the counter stays consistent").isEqualTo(capacity - heldNow - sold);
    assertThat(appliedCapacities).as("some changes applied").isNotEmpty().allMatch(c -> c >= 0);
    assertThat(appliedCapacities).contains(capacity);
    // Once 60 seats are held the low capacities cannot be applied any more; some of them must have been refused.
    assertThat(refusedBelowCommitted.get() + appliedCapacities.size()).isLessThanOrEqualTo(capacities.length);

    // And sequentially: the refusal names the floor, the change below it writes nothing.
    var below = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId,
        "{\"capacity\":" + (heldNow + sold - 1) + "}");
    if (heldNow + sold > 0) {
      assertThat(below.getStatusCode()).isEqualTo(409);
      assertThat(json(below).path("error").path("code").asText()).isEqualTo("capacity_below_committed");
      assertThat(json(below).path("error").path("fields").path("capacity").asText())
          .isEqualTo("at least " + (heldNow + sold));
    }
    var exact = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId,
        "{\"capacity\":" + (heldNow + sold) + "}");
    assertThat(exact.getStatusCode()).as(exact.getBody()).isEqualTo(200);
    assertThat(json(exact).get("available").asInt()).isZero();
    try {
      orders.placeHold(order("ord_after", eventId, typeId));
      throw new AssertionError("a hold beyond capacity was accepted");
    } catch (SoldOutException expected) {
      // the reduced capacity is what checkout sees
    }
  }

  @Test
  void aNewPriceAppliesToNewOrdersOnlyAndTheHeldOrderKeepsItsLinePrice(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    String[] ids = f.eventWithType(10);
    var orders = new DynamoOrderStore(aws.dynamo(), f.table);
    orders.placeHold(order("ord_old_price", ids[0], ids[1]));

    var changed = f.call("PATCH", "/v1/org/events/" + ids[0] + "/ticket-types/" + ids[1], "{\"price\":4000}");

    assertThat(changed.getStatusCode()).isEqualTo(200);
    assertThat(json(changed).get("price").asLong()).isEqualTo(4000);
    assertThat(json(changed).get("held").asInt()).isEqualTo(1);
    Order kept = orders.find("ord_old_price").orElseThrow();
    assertThat(kept.lines().get(0).unitPrice()).isEqualTo(2500);
    assertThat(kept.amountTotal()).isEqualTo(2500);
  }

  private static void changeCapacity(OrganizerFixture f, String eventId, String typeId, int capacity,
      ConcurrentLinkedQueue<Integer> applied, AtomicInteger refused, ConcurrentLinkedQueue<String> unexpected) {
    var r = f.call("PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId, "{\"capacity\":" + capacity + "}");
    String code = r.getStatusCode() == 200 ? "" : json(r).path("error").path("code").asText();
    if (r.getStatusCode() == 200) {
      applied.add(capacity);
    } else if (code.equals("capacity_below_committed")) {
      refused.incrementAndGet();
    } else if (!code.equals("concurrent_change")) {
      unexpected.add(r.getStatusCode() + " " + r.getBody());
    }
  }

  private static Order order(String id, String eventId, String typeId) {
    return new Order(id, OrderStatus.PENDING, eventId, "Night", NOW.plus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(2)), "u1", null, "a@example.com", "A", List.of(new OrderLine(typeId, "General", 1, 2500)),
        2500, "eur", NOW, NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null,
        false, 0, 0);
  }
}
