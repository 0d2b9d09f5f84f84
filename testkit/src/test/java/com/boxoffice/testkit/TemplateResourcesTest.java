package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalAwsExtension.class)
class TemplateResourcesTest {

  private final TemplateResources template = TemplateResources.load();

  @Test
  void readsEveryTableAndQueueTheTemplateDeclares() {
    assertThat(template.tables()).containsOnlyKeys("BoxofficeTable", "IdempotencyTable");
    assertThat(template.queues()).containsOnlyKeys("EmailQueue", "EmailDeadLetterQueue", "EmailEventsQueue",
        "EmailEventsDeadLetterQueue", "WebhookRetryQueue", "WebhookRetryDeadLetterQueue",
        "TableStreamDeadLetterQueue", "AnalyticsStreamDeadLetterQueue",
        "PushQueue", "PushDeadLetterQueue");

    var main = template.table("BoxofficeTable");
    assertThat(main.hashKey()).isEqualTo("pk");
    assertThat(main.rangeKey()).isEqualTo("sk");
    assertThat(main.ttlAttribute()).isEqualTo("expiresAt");
    assertThat(main.streamViewType()).as("the stream the scan log is written from").isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(main.indexes()).containsExactly(new TemplateResources.IndexSpec("gsi1", "gsi1pk", "gsi1sk"),
        new TemplateResources.IndexSpec("gsi2", "gsi2pk", "gsi2sk", "INCLUDE",
            List.of("type", "email", "orderId", "eventId", "name", "status", "startsAt")));
    assertThat(main.nameFor("local")).isEqualTo("boxoffice-local");

    var idem = template.table("IdempotencyTable");
    assertThat(idem.hashKey()).isEqualTo("id");
    assertThat(idem.rangeKey()).isNull();
    assertThat(idem.ttlAttribute()).isEqualTo("expiration");
  }

  @Test
  void everySourceQueueRedrivesToADeadLetterQueueThatKeepsMessagesLonger() {
    for (var q : template.queues().values()) {
      if (q.logicalId().contains("DeadLetter")) {
        assertThat(q.hasRedrive()).as(q.logicalId()).isFalse();
        continue;
      }
      assertThat(q.hasRedrive()).as(q.logicalId() + " has a redrive policy").isTrue();
      var dlq = template.queue(q.deadLetterLogicalId());
      assertThat(dlq.messageRetentionSeconds()).as(dlq.logicalId() + " retention")
          .isGreaterThan(q.messageRetentionSeconds());
      assertThat(q.maxReceiveCount()).isBetween(2, 20);
    }
  }

  @Test
  void localTablesMatchTheTemplate(LocalAws aws, LocalResources resources) {
    TableDescription table = aws.dynamo().describeTable(b -> b.tableName(resources.table("BoxofficeTable"))).table();
    assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
        .containsExactly("pk:HASH", "sk:RANGE");
    assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactlyInAnyOrder("gsi1", "gsi2");
    assertThat(table.globalSecondaryIndexes()).filteredOn(i -> i.indexName().equals("gsi2")).singleElement()
        .satisfies(i -> {
          assertThat(i.projection().projectionTypeAsString()).isEqualTo("INCLUDE");
          assertThat(i.projection().nonKeyAttributes()).containsExactlyInAnyOrder("type", "email", "orderId",
              "eventId", "name", "status", "startsAt");
        });
    assertThat(aws.dynamo().describeTimeToLive(b -> b.tableName(resources.table("BoxofficeTable")))
        .timeToLiveDescription().timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    assertThat(table.streamSpecification().streamEnabled()).as("the analytics read the table's stream").isTrue();
    assertThat(table.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
  }

  @Test
  void localQueuesCarryTheTemplatesRedrivePolicyAndElasticMqHonoursIt(LocalAws aws, LocalResources resources) {
    var spec = template.queue("EmailEventsQueue");
    String source = resources.queueUrl("EmailEventsQueue");
    String dlq = resources.queueUrl("EmailEventsDeadLetterQueue");
    Map<QueueAttributeName, String> attrs = aws.sqs().getQueueAttributes(b -> b.queueUrl(source)
        .attributeNames(QueueAttributeName.ALL)).attributes();
    assertThat(attrs.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo(Integer.toString(spec.visibilityTimeoutSeconds()));
    assertThat(attrs.get(QueueAttributeName.REDRIVE_POLICY)).contains("\"maxReceiveCount\":" + spec.maxReceiveCount()
        ).contains(resources.stage());

    aws.sqs().sendMessage(b -> b.queueUrl(source).messageBody("poison"));
    for (int i = 0; i < spec.maxReceiveCount(); i++) {
      List<Message> got = aws.sqs().receiveMessage(b -> b.queueUrl(source).waitTimeSeconds(2).visibilityTimeout(0))
          .messages();
      assertThat(got).as("receive %d", i + 1).hasSize(1);
    }
    assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(source).waitTimeSeconds(1)).messages()).isEmpty();
    assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(2)).messages())
        .extracting(Message::body).containsExactly("poison");
  }
}
