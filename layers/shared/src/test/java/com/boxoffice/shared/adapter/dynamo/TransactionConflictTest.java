package com.boxoffice.shared.adapter.dynamo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.InventoryBusyException;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local never cancels a transaction for a conflict, so WireMock stands in front of it and
 * answers the first transactions with {@code TransactionCanceledException} / {@code
 * TransactionConflict}, as DynamoDB does when two transactions touch one ticket type at once.
 */
@ExtendWith(LocalAwsExtension.class)
class TransactionConflictTest {
  private static final String TRANSACT = "DynamoDB_20120810.TransactWriteItems";
  private static final String CONFLICT = """
      {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
       "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
       "CancellationReasons":[{"Code":"None"},{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]}""";
  private static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");

  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  private DynamoDbClient throughProxy(LocalAws aws, int conflicts) {
    String state = Scenario.STARTED;
    for (int i = 0; i < conflicts; i++) {
      String next = "conflict-" + (i + 1);
      proxy.stubFor(any(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo(TRANSACT))
          .inScenario("tx").whenScenarioStateIs(state).willSetStateTo(next)
          .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
              .withBody(CONFLICT)));
      state = next;
    }
    proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
    return DynamoDbClient.builder().endpointOverride(URI.create(proxy.baseUrl())).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static Order order(String id) {
    return new Order(id, OrderStatus.PENDING, "e1", "Night", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)),
        "u1", null, "a@example.com", "A", List.of(new OrderLine("ga", "GA", 2, 1000)), 2000, "eur", NOW,
        NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0);
  }

  @Test
  void aConflictedHoldIsRetriedAndWrittenOnce(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    new DynamoCatalog(aws.dynamo(), table).putTicketType(new TicketType("e1", "ga", "GA", 1000, "eur", 5, 0, 0, 5, 5));
    var store = new DynamoOrderStore(throughProxy(aws, 2), table);

    store.placeHold(order("ord_c1"));

    proxy.verify(3, postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(TRANSACT)));
    var type = new DynamoCatalog(aws.dynamo(), table).ticketTypes("e1").get(0);
    assertThat(type.held()).isEqualTo(2);
    assertThat(type.available()).isEqualTo(3);
    assertThat(new DynamoOrderStore(aws.dynamo(), table).find("ord_c1")).isPresent();
  }

  @Test
  void endlessConflictsEndAsBusyWithNothingHeld(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    new DynamoCatalog(aws.dynamo(), table).putTicketType(new TicketType("e1", "ga", "GA", 1000, "eur", 5, 0, 0, 5, 5));
    var store = new DynamoOrderStore(throughProxy(aws, 50), table);

    assertThatThrownBy(() -> store.placeHold(order("ord_c2"))).isInstanceOf(InventoryBusyException.class);

    proxy.verify(6, postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(TRANSACT)));
    assertThat(new DynamoCatalog(aws.dynamo(), table).ticketTypes("e1").get(0).held()).isZero();
    assertThat(new DynamoOrderStore(aws.dynamo(), table).find("ord_c2")).isEmpty();
  }
}
