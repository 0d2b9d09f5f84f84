package com.boxoffice.shared.adapter.dynamo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which failures of the hold transaction are {@code sold out}: only a failed capacity condition.
 * WireMock answers the transaction the way DynamoDB does when throttled or refusing it; DynamoDB
 * Local cannot be made to.
 */
@ExtendWith(LocalAwsExtension.class)
class HoldRefusalsTest {
  private static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");

  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  private DynamoOrderStore storeAnswering(LocalAws aws, LocalResources res, int status, String body) {
    String table = res.table("BoxofficeTable");
    if (new DynamoCatalog(aws.dynamo(), table).ticketTypes("e1").isEmpty()) {
      new DynamoCatalog(aws.dynamo(), table).putTicketType(new TicketType("e1", "ga", "GA", 1000, "eur", 5, 0, 0, 5, 5));
    }
    proxy.stubFor(any(anyUrl()).atPriority(1).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.TransactWriteItems"))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body)));
    proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
    // No client retries, so a throttled call fails at once, as it does after the SDK's own retries.
    DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(proxy.baseUrl())).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    return new DynamoOrderStore(client, table);
  }

  private static Order order() {
    return new Order("ord_h1", OrderStatus.PENDING, "e1", "Night", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)),
        "u1", null, "a@example.com", "A", List.of(new OrderLine("ga", "GA", 2, 1000)), 2000, "eur", NOW,
        NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0);
  }

  private static String cancelled(String reasons) {
    return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\",\"Message\":\"Transaction "
        + "cancelled\",\"CancellationReasons\":" + reasons + "}";
  }

  @Test
  void aThrottledTransactionIsUnavailableNotSoldOut(LocalAws aws, LocalResources res) {
    var store = storeAnswering(aws, res, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}");

    assertThatThrownBy(() -> store.placeHold(order())).isInstanceOf(InventoryUnavailableException.class);
  }

  @Test
  void cancellationsThatNameNoFailedCapacityConditionAreUnavailable(LocalAws aws, LocalResources res) {
    for (String reasons : List.of("[{\"Code\":\"None\"},{\"Code\":\"ThrottlingError\"}]",
        "[{\"Code\":\"None\"},{\"Code\":\"ValidationError\"}]", "[]")) {
      proxy.resetAll();
      var store = storeAnswering(aws, res, 400, cancelled(reasons));

      assertThatThrownBy(() -> store.placeHold(order())).as(reasons).isInstanceOf(InventoryUnavailableException.class)
          .extracting(e -> ((InventoryUnavailableException) e).reason()).isNotNull();
    }
  }

  @Test
  void aFailedCapacityConditionIsSoldOutWithWhatIsLeft(LocalAws aws, LocalResources res) {
    var store = storeAnswering(aws, res, 400, cancelled("[{\"Code\":\"None\"},{\"Code\":\"ConditionalCheckFailed\"}]"));

    assertThatThrownBy(() -> store.placeHold(order())).isInstanceOf(SoldOutException.class)
        .extracting(e -> ((SoldOutException) e).available()).isEqualTo(java.util.Map.of("ga", 5));
  }
}
