package com.boxoffice.orgorders;

import static com.boxoffice.orgorders.OrgOrdersFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.OrderItems;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An event's orders and tickets come from the table's second index, {@code gsi2} on DynamoDB Local: the
 * pages together hold every order and ticket of the event exactly once, whatever its status, and
 * nothing of another event; the index holds only order and ticket items (not the door's scan log
 * or the event itself); and the statuses shown are the items' current ones.
 */
@ExtendWith(LocalAwsExtension.class)
class OrdersByEventIndexTest {
  OrgOrdersFixture f;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    f = new OrgOrdersFixture(aws, res);
  }

  @Test
  void pagesHoldEveryOrderOfTheEventOnceAndNothingElse() {
    String event = f.event(f.org);
    String elsewhere = f.event(f.org);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      expected.add(f.paidOrder(event, 1 + i % 3, "buyer" + i + "@example.com"));
    }
    for (int i = 0; i < 3; i++) {
      String pending = "ord_pending" + i + "_" + event.replace("-", "");
      f.seeded.seedPendingOrder(pending, event, "ga", 1, "cs_" + pending,
          OrgOrdersFixture.NOW.plus(Duration.ofMinutes(30)), "late" + i + "@example.com", 2500);
      expected.add(pending);
    }
    f.paidOrder(elsewhere, 2, "buyer0@example.com");
    scanLogEntry(event);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders?limit=4"
          + (cursor == null ? "" : "&cursor=" + cursor), null));
      page.get("orders").forEach(o -> {
        assertThat(o.get("eventId").asText()).isEqualTo(event);
        seen.add(o.get("orderId").asText());
      });
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates()
        .as("the buckets merged in order id order, across pages too").isSorted();
    assertThat(pages).as("14 orders, 4 a page").isEqualTo(4);

    List<Map<String, AttributeValue>> index = new ArrayList<>();
    for (String bucket : OrderItems.eventBuckets(event)) {
      index.addAll(f.dynamo.query(b -> b.tableName(f.table).indexName(OrderItems.SECOND_INDEX)
          .keyConditionExpression(OrderItems.EVENT_BUCKET + " = :b")
          .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(bucket)))).items());
    }
    assertThat(index).extracting(i -> i.get("type").s()).as("sparse: orders and tickets only")
        .containsOnly("order", "ticket");
    assertThat(index).filteredOn(i -> i.get("type").s().equals("ticket")).hasSize(11 / 3 * 6 + 1 + 2);
  }

  @Test
  void aStatusShownIsTheOrdersCurrentOneAndAnOldTableCursorStartsOver() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 1, "ada@example.com");
    f.call(f.org, "POST", "/v1/org/tickets/" + com.boxoffice.shared.domain.ticket.Ticket.idFor(orderId, 1) + "/revoke",
        null);

    var page = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders", null));
    assertThat(page.get("orders").get(0).get("status").asText()).isEqualTo("paid");
    var tickets = f.call(f.org, "GET", "/v1/org/events/" + event + "/attendees.csv", null).getBody();
    assertThat(tickets).contains(",revoked,");

    String tableCursor = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("ORDER#" + orderId + "\nORDER").getBytes(StandardCharsets.UTF_8));
    var fromOldCursor = f.call(f.org, "GET", "/v1/org/events/" + event + "/orders?cursor=" + tableCursor, null);
    assertThat(fromOldCursor.getStatusCode()).isEqualTo(200);
    assertThat(json(fromOldCursor).get("orders").get(0).get("orderId").asText()).isEqualTo(orderId);
  }

  /** What the door writes per scan: it names the event but no order, so the index leaves it out. */
  private void scanLogEntry(String eventId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("SCANLOG#" + eventId));
    item.put("sk", AttributeValue.fromS("2036-01-01T12:00:00Z#dev-1"));
    item.put("type", AttributeValue.fromS("scan"));
    item.put("eventId", AttributeValue.fromS(eventId));
    item.put("ticketId", AttributeValue.fromS("ord_x-1"));
    f.dynamo.putItem(b -> b.tableName(f.table).item(item));
  }
}
