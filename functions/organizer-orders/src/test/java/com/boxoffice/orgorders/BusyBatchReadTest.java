package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerOrders;
import com.boxoffice.shared.domain.orgorders.OrderDeskRefusal;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * When DynamoDB leaves keys of a BatchGetItem unprocessed (busy partitions; DynamoDB Local never
 * does, so a client in front of it answers the first reads with every key left over), the
 * organizer's read asks again after growing, jittered pauses, and when the keys are still left
 * after every round it gives up as busy: a 503 the caller may retry, not a 500.
 */
@ExtendWith(LocalAwsExtension.class)
class BusyBatchReadTest {
  OrgOrdersFixture f;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    f = new OrgOrdersFixture(aws, res);
  }

  @Test
  void unprocessedKeysAreAskedAgainAfterGrowingPauses() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 2, "ada@example.com");
    List<Duration> pauses = new ArrayList<>();
    var orders = new DynamoOrganizerOrders(new LeavesKeys(f.dynamo, 3), f.table, pauses::add, new Random(7));

    var page = orders.ordersOfEvent(event, Optional.empty(), Optional.empty(), 10);

    assertThat(page.orders()).extracting(o -> o.orderId()).containsExactly(orderId);
    assertThat(pauses).as("one pause before each of the three repeats").hasSize(3);
    for (int i = 0; i < pauses.size(); i++) {
      assertThat(pauses.get(i)).as("round " + (i + 1)).isBetween(Duration.ZERO, Duration.ofMillis(25L << i));
    }
  }

  @Test
  void keysStillLeftAfterEveryRoundAreABusyStoreNotAnError() {
    String event = f.event(f.org);
    f.paidOrder(event, 1, "ada@example.com");
    List<Duration> pauses = new ArrayList<>();
    var orders = new DynamoOrganizerOrders(new LeavesKeys(f.dynamo, Integer.MAX_VALUE), f.table, pauses::add,
        new Random(7));

    assertThatThrownBy(() -> orders.ticketsOfEvent(event, Optional.empty(), 10))
        .isInstanceOf(OrderDeskRefusal.StoreBusy.class);
    assertThat(pauses).hasSize(7).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void aBusyStoreAnswers503OnTheRoute(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var busy = new OrgOrdersFixture(aws, res, new InMemoryRefunds(),
        new DynamoOrganizerOrders(new LeavesKeys(aws.dynamo(), Integer.MAX_VALUE), table, pause -> { }, new Random(7)));
    String event = busy.event(busy.org);
    busy.paidOrder(event, 1, "ada@example.com");

    var response = busy.call(busy.org, "GET", "/v1/org/events/" + event + "/orders", null);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getBody()).contains("\"service_unavailable\"");
  }

  /** DynamoDB Local behind a client that answers the first {@code busyCalls} BatchGetItems with nothing read. */
  private static final class LeavesKeys implements DynamoDbClient {
    private final DynamoDbClient local;
    private int busyCalls;

    LeavesKeys(DynamoDbClient local, int busyCalls) {
      this.local = local;
      this.busyCalls = busyCalls;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      return local.query(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      if (busyCalls-- > 0) {
        Map<String, KeysAndAttributes> left = request.requestItems();
        return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(left).build();
      }
      return local.batchGetItem(request);
    }

    @Override
    public String serviceName() {
      return local.serviceName();
    }

    @Override
    public void close() {}
  }
}
