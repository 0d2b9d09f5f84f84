package com.boxoffice.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, in a local DynamoDB and SQS, the tables and queues that {@code template.yaml} declares,
 * named for a stage. Queues are created dead-letter first so every redrive policy can point at an
 * existing queue.
 */
public final class ResourceProvisioner {
  private final TemplateResources template;
  private final DynamoDbClient dynamo;
  private final SqsClient sqs;

  public ResourceProvisioner(TemplateResources template, DynamoDbClient dynamo, SqsClient sqs) {
    this.template = template;
    this.dynamo = dynamo;
    this.sqs = sqs;
  }

  /** Creates every table and queue for {@code stage}; existing ones are left as they are. */
  public LocalResources provision(String stage) {
    Map<String, String> tables = new LinkedHashMap<>();
    for (TemplateResources.TableSpec spec : template.tables().values()) {
      tables.put(spec.logicalId(), createTable(spec, stage));
    }
    Map<String, String> queueUrls = new LinkedHashMap<>();
    Map<String, String> queueArns = new HashMap<>();
    List<TemplateResources.QueueSpec> pending = new ArrayList<>(template.queues().values());
    while (!pending.isEmpty()) {
      boolean progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        TemplateResources.QueueSpec spec = it.next();
        if (spec.hasRedrive() && !queueArns.containsKey(spec.deadLetterLogicalId())) {
          continue;
        }
        String url = createQueue(spec, stage, spec.hasRedrive() ? queueArns.get(spec.deadLetterLogicalId()) : null);
        queueUrls.put(spec.logicalId(), url);
        queueArns.put(spec.logicalId(), sqs.getQueueAttributes(b -> b.queueUrl(url)
            .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        it.remove();
        progress = true;
      }
      if (!progress) {
        throw new IllegalStateException("template.yaml: redrive targets form a cycle or are missing: " + pending);
      }
    }
    return new LocalResources(stage, tables, queueUrls);
  }

  /** Deletes what {@link #provision} created for {@code resources}. */
  public void deprovision(LocalResources resources) {
    for (String table : resources.tables().values()) {
      try {
        dynamo.deleteTable(b -> b.tableName(table));
      } catch (ResourceNotFoundException ignored) {
        // already gone
      }
    }
    for (String url : resources.queueUrls().values()) {
      sqs.deleteQueue(b -> b.queueUrl(url));
    }
  }

  private String createTable(TemplateResources.TableSpec spec, String stage) {
    String name = spec.nameFor(stage);
    List<AttributeDefinition> attrs = spec.attributeTypes().entrySet().stream()
        .map(e -> AttributeDefinition.builder().attributeName(e.getKey())
            .attributeType(ScalarAttributeType.fromValue(e.getValue())).build())
        .toList();
    CreateTableRequest.Builder req = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attrs)
        .keySchema(keys(spec.hashKey(), spec.rangeKey()));
    if (!spec.indexes().isEmpty()) {
      req.globalSecondaryIndexes(spec.indexes().stream()
          .map(i -> GlobalSecondaryIndex.builder().indexName(i.name())
              .keySchema(keys(i.hashKey(), i.rangeKey()))
              .projection(Projection.builder().projectionType(ProjectionType.fromValue(i.projection()))
                  .nonKeyAttributes(i.nonKeyAttributes().isEmpty() ? null : i.nonKeyAttributes()).build())
              .build())
          .toList());
    }
    if (spec.streamViewType() != null) {
      // DynamoDB Local keeps a stream as the real table does, so stream consumers run against it.
      req.streamSpecification(b -> b.streamEnabled(true).streamViewType(spec.streamViewType()));
    }
    try {
      dynamo.createTable(req.build());
    } catch (ResourceInUseException alreadyThere) {
      return name;
    }
    if (spec.ttlAttribute() != null) {
      dynamo.updateTimeToLive(b -> b.tableName(name)
          .timeToLiveSpecification(t -> t.attributeName(spec.ttlAttribute()).enabled(true)));
    }
    return name;
  }

  private static List<KeySchemaElement> keys(String hash, String range) {
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
    if (range != null) {
      keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
    }
    return keys;
  }

  private String createQueue(TemplateResources.QueueSpec spec, String stage, String deadLetterArn) {
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(spec.visibilityTimeoutSeconds()));
    attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(spec.messageRetentionSeconds()));
    attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, Integer.toString(spec.receiveWaitSeconds()));
    if (deadLetterArn != null) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY,
          "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + spec.maxReceiveCount() + "\"}");
    }
    return sqs.createQueue(b -> b.queueName(spec.nameFor(stage)).attributes(attributes)).queueUrl();
  }
}
