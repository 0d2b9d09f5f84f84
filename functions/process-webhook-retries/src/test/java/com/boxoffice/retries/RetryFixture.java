package com.boxoffice.retries;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.GuardedOrderPayments;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.testing.FixedTicketCodes;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.testing.TestLambdaContext;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The pieces the retry function's tests share: real ledger and queues, a switchable order port. */
final class RetryFixture {
  static final String ORDER = "ord_5a3c0e9f1b2d4c6e8a0b1c2d";

  final LocalAws aws;
  final LocalResources res;
  final SeededOrders store;
  final AtomicBoolean ordersDown = new AtomicBoolean();
  final StripeEventProcessor processor;
  final InMemoryRefunds refunds = new InMemoryRefunds();

  RetryFixture(LocalAws aws, LocalResources res, Clock clock) {
    this.aws = aws;
    this.res = res;
    this.store = new SeededOrders(aws.dynamo(), table());
    store.seedTicketType("evt-show", "ga", "General admission", 100);
    OrderPayments switchable = new GuardedOrderPayments(store, () -> {
        if (ordersDown.get()) {
          throw new IllegalStateException("orders unavailable");
        }
    });
    this.processor = new StripeEventProcessor(new DynamoStripeEventLedger(aws.dynamo(), table()), switchable,
        new FixedTicketCodes(), new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")), refunds,
        PaymentMetrics.none(), clock, Duration.ofSeconds(60));
  }

  String table() {
    return res.table("BoxofficeTable");
  }

  static String sample(String name) {
    try {
      return Files.readString(RepoRoot.find().resolve("events").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int visible(String logicalQueue) {
    return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(logicalQueue))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  int hidden(String logicalQueue) {
    return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(logicalQueue))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  List<Message> take(String logicalQueue) {
    List<Message> all = new ArrayList<>();
    while (true) {
      var batch = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl(logicalQueue)).maxNumberOfMessages(10)
          .waitTimeSeconds(0).visibilityTimeout(300).messageAttributeNames("All")).messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
  }

  String status(String pk, String sk) {
    var item = aws.dynamo().getItem(b -> b.tableName(table()).consistentRead(true).key(java.util.Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(sk)))).item();
    return item == null || !item.containsKey("status") ? null : item.get("status").s();
  }

  /** A Lambda context with a fixed amount of time left. */
  static Context context(long remainingMillis) {
    return TestLambdaContext.withRemaining(remainingMillis);
  }
}
