package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.SoldOutHints;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a buyer refused for a sold-out type costs the table, counted on the wire: checkout talks to
 * DynamoDB Local through a WireMock proxy that passes every call through and keeps a journal.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class SoldOutCostTest {
  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  private CheckoutFixture fixture(LocalAws aws, LocalResources res, StripeMock stripe) {
    proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
    DynamoDbClient throughProxy = DynamoDbClient.builder().endpointOverride(URI.create(proxy.baseUrl()))
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
        .build();
    return new CheckoutFixture(throughProxy, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));
  }

  private int calls(String operation) {
    return proxy.findAll(anyRequestedFor(anyUrl()).withHeader("X-Amz-Target",
        equalTo("DynamoDB_20120810." + operation))).size();
  }

  private void refused(CheckoutFixture f, String type, String buyer) {
    var r = f.post("/v1/checkout", body(type, 1), buyer, "10.1.0.1", Map.of());
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(409);
    assertThat(r.getBody()).contains("\"sold_out\"", "\"" + type + "\":\"0 left\"");
  }

  @Test
  void aSingleCounterSoldOutIsOneFailedWriteWithNoReadAndThenNothingWhileTheHintHolds(LocalAws aws,
      LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    f.ticketType("vip", 2, 9000, 2);
    assertThat(f.post("/v1/checkout", body("vip", 2), "first", "10.1.0.9", Map.of()).getStatusCode()).isEqualTo(201);

    int reads = calls("GetItem");
    int holds = calls("TransactWriteItems");
    refused(f, "vip", "second");
    assertThat(calls("TransactWriteItems") - holds).as("the hold that failed").isEqualTo(1);
    assertThat(calls("GetItem") - reads).as("the seats left came back with the failed condition").isZero();

    f.clock.advance(SoldOutHints.DEFAULT_HINT.minusMillis(1));
    refused(f, "vip", "third");
    assertThat(calls("TransactWriteItems") - holds).as("no hold tried while the hint holds").isEqualTo(1);
    assertThat(calls("GetItem") - reads).isZero();

    f.clock.advance(Duration.ofMillis(1));
    refused(f, "vip", "fourth");
    assertThat(calls("TransactWriteItems") - holds).as("asked again once the hint expired").isEqualTo(2);
  }

  @Test
  void aShardedSoldOutReadsEachShardOnce(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = fixture(aws, res, stripe);
    f.shardedTicketType("big", 2500, 10, 1, 0, 0, 0);
    assertThat(f.post("/v1/checkout", body("big", 1), "first", "10.1.0.9", Map.of()).getStatusCode()).isEqualTo(201);

    int reads = calls("GetItem");
    refused(f, "big", "second");

    assertThat(calls("GetItem") - reads).as("four shards, each read once").isEqualTo(4);
  }
}
