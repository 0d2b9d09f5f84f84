package com.boxoffice.shared.adapter.dynamo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.port.out.StripeEventLedger.ClaimState;
import com.boxoffice.shared.port.out.StripeEventLedger.Completion;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DynamoStripeEventLedger} on DynamoDB Local when a lease changes hands: the owner whose
 * lease ran out can no longer complete, queue or release the event, and completion writes exactly
 * one audit entry.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoStripeEventLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String EVENT = "evt_takeover";
  private static final String TYPE = "checkout.session.completed";
  private static final String ORDER = "ord_takeover";

  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  private static Map<String, AttributeValue> entry(LocalAws aws, LocalResources res) {
    return aws.dynamo().getItem(b -> b.tableName(res.table("BoxofficeTable")).consistentRead(true)
        .key(DynamoStripeEventLedger.key(EVENT))).item();
  }

  private static List<Map<String, AttributeValue>> audits(LocalAws aws, LocalResources res) {
    return aws.dynamo().query(b -> b.tableName(res.table("BoxofficeTable")).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :audit)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORDER#" + ORDER),
            ":audit", AttributeValue.fromS("AUDIT#")))).items();
  }

  private static Completion completion(String outcome) {
    return new Completion(TYPE, outcome, ORDER, "pi_takeover");
  }

  @Test
  void theOwnerWhoseLeaseWasTakenOverCanNeitherCompleteQueueNorReleaseTheEvent(LocalAws aws, LocalResources res) {
    var ledger = new DynamoStripeEventLedger(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(ledger.claim(EVENT, TYPE, "first", T0, T0.plus(LEASE), false).state()).isEqualTo(ClaimState.ACQUIRED);
    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(ledger.claim(EVENT, TYPE, "second", later, later.plus(LEASE), false).state())
        .isEqualTo(ClaimState.ACQUIRED);

    // The first owner wakes up while the second still works on the event.
    assertThat(ledger.complete(EVENT, "first", completion("paid:from_the_first"), later)).isFalse();
    ledger.markQueued(EVENT, "first", "IllegalStateException", later);
    ledger.release(EVENT, "first", "IllegalStateException", later);
    Map<String, AttributeValue> held = entry(aws, res);
    assertThat(held.get("status").s()).isEqualTo("PROCESSING");
    assertThat(held.get("leaseOwner").s()).isEqualTo("second");
    assertThat(held).doesNotContainKeys("outcome", "lastError");
    assertThat(audits(aws, res)).isEmpty();

    assertThat(ledger.complete(EVENT, "second", completion("paid:applied"), later)).isTrue();
    // And once more after the second owner finished.
    assertThat(ledger.complete(EVENT, "first", completion("paid:from_the_first"), later.plusSeconds(1))).isFalse();
    ledger.markQueued(EVENT, "first", "IllegalStateException", later.plusSeconds(1));
    ledger.release(EVENT, "first", "IllegalStateException", later.plusSeconds(1));

    Map<String, AttributeValue> done = entry(aws, res);
    assertThat(done.get("status").s()).isEqualTo("DONE");
    assertThat(done.get("outcome").s()).isEqualTo("paid:applied");
    assertThat(done.get("processedAt").s()).isEqualTo(later.toString());
    assertThat(done.get("attempts").n()).isEqualTo("2");
    assertThat(done).doesNotContainKeys("lastError", "leaseOwner");
    List<Map<String, AttributeValue>> audit = audits(aws, res);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).get("outcome").s()).isEqualTo("paid:applied");
    assertThat(audit.get(0).get("stripeEventId").s()).isEqualTo(EVENT);
    assertThat(ledger.claim(EVENT, TYPE, "third", later, later.plus(LEASE), true))
        .extracting(c -> c.state(), c -> c.outcome()).containsExactly(ClaimState.DONE, "paid:applied");
  }

  @Test
  void aCompletionCancelledForAnotherReasonThanTheLeaseIsThrownNotTakenForALostLease(LocalAws aws,
      LocalResources res) {
    // DynamoDB Local does not cancel a transaction for a conflict: WireMock answers the
    // completion's transaction as DynamoDB does when another transaction touches the items.
    proxy.stubFor(any(anyUrl()).atPriority(1)
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.TransactWriteItems"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
            .withBody("""
                {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]",
                 "CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"},{"Code":"None"}]}""")));
    proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().proxiedFrom(aws.dynamoEndpoint().toString())));
    DynamoDbClient throughProxy = DynamoDbClient.builder().endpointOverride(URI.create(proxy.baseUrl()))
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create()).build();
    var ledger = new DynamoStripeEventLedger(throughProxy, res.table("BoxofficeTable"));
    assertThat(ledger.claim(EVENT, TYPE, "owner", T0, T0.plus(LEASE), false).state()).isEqualTo(ClaimState.ACQUIRED);

    // Not a lost lease: thrown, so the processor fails the attempt and its caller queues the event.
    assertThatThrownBy(() -> ledger.complete(EVENT, "owner", completion("paid:applied"), T0))
        .isInstanceOfSatisfying(TransactionCanceledException.class, e ->
            assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("TransactionConflict", "None"));

    assertThat(entry(aws, res).get("leaseOwner").s()).as("the owner still holds the lease").isEqualTo("owner");
    ledger.markQueued(EVENT, "owner", "TransactionCanceledException", T0);
    assertThat(entry(aws, res).get("status").s()).isEqualTo("QUEUED");
    assertThat(audits(aws, res)).isEmpty();
  }
}
