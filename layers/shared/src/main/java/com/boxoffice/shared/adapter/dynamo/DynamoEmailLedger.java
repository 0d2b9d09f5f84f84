package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.EmailLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Email job records in the main table: {@code pk = EMAIL#<jobId>}, {@code sk = JOB}, with
 * {@code status}, the lease ({@code owner}, {@code leaseUntil} in epoch ms), {@code attempts},
 * {@code messageId}, {@code sentAt} and {@code reason}. Kept for 30 days ({@code expiresAt}),
 * longer than a job can live on the queue and its dead-letter queue together, so a redriven job
 * still finds its record.
 */
public final class DynamoEmailLedger implements EmailLedger {
  static final Duration RETENTION = Duration.ofDays(30);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEmailLedger(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String jobId) {
    return Map.of("pk", AttributeValue.fromS("EMAIL#" + jobId), "sk", AttributeValue.fromS("JOB"));
  }

  @Override
  public Optional<Entry> find(String jobId) {
    var item = dynamo.getItem(b -> b.tableName(table).key(key(jobId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(jobId, item));
  }

  @Override
  public Optional<Entry> claim(String jobId, String owner, Instant now, Instant leaseUntil) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(jobId))
          .updateExpression("SET #s = :sending, #o = :owner, leaseUntil = :lease, expiresAt = :ttl"
              + " ADD attempts :one")
          .conditionExpression("attribute_not_exists(pk) OR (#s = :sending AND leaseUntil < :now) OR #s = :rejected")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(
              ":sending", AttributeValue.fromS(Status.SENDING.name()),
              ":rejected", AttributeValue.fromS(Status.REJECTED.name()),
              ":owner", AttributeValue.fromS(owner),
              ":lease", AttributeValue.fromN(Long.toString(leaseUntil.toEpochMilli())),
              ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
              ":one", AttributeValue.fromN("1"),
              ":ttl", ttl(now)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(e.hasItem() ? entry(jobId, e.item())
          : new Entry(jobId, Status.SENDING, null, leaseUntil, null, 0));
    }
  }

  @Override
  public void markSent(String jobId, String owner, String messageId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(jobId))
          .updateExpression("SET #s = :sent, messageId = :mid, sentAt = :at REMOVE leaseUntil")
          .conditionExpression("#o = :owner")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(
              ":sent", AttributeValue.fromS(Status.SENT.name()),
              ":mid", AttributeValue.fromS(messageId),
              ":at", AttributeValue.fromS(at.toString()),
              ":owner", AttributeValue.fromS(owner))));
    } catch (ConditionalCheckFailedException e) {
      // Another sender took the job over after our lease ran out; the mail went out twice at
      // worst, and its record already says sent or soon will.
    }
  }

  @Override
  public void release(String jobId, String owner) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(jobId))
          .updateExpression("SET leaseUntil = :zero")
          .conditionExpression("#s = :sending AND #o = :owner")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(
              ":zero", AttributeValue.fromN("0"),
              ":sending", AttributeValue.fromS(Status.SENDING.name()),
              ":owner", AttributeValue.fromS(owner))));
    } catch (ConditionalCheckFailedException e) {
      // Someone else holds it now; nothing to give back.
    }
  }

  @Override
  public void close(String jobId, Status status, String reason, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(jobId))
          .updateExpression("SET #s = :status, reason = :reason, closedAt = :at, expiresAt = :ttl REMOVE leaseUntil")
          .conditionExpression("attribute_not_exists(#s) OR #s = :sending OR #s = :rejected")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(
              ":rejected", AttributeValue.fromS(Status.REJECTED.name()),
              ":status", AttributeValue.fromS(status.name()),
              ":reason", AttributeValue.fromS(reason),
              ":at", AttributeValue.fromS(at.toString()),
              ":sending", AttributeValue.fromS(Status.SENDING.name()),
              ":ttl", ttl(at))));
    } catch (ConditionalCheckFailedException e) {
      // Already sent or closed: the first ending stands.
    }
  }

  private static AttributeValue ttl(Instant now) {
    return AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond()));
  }

  private static Entry entry(String jobId, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> m = new HashMap<>(item);
    Status status = m.containsKey("status") ? Status.valueOf(m.get("status").s()) : Status.SENDING;
    Instant lease = m.containsKey("leaseUntil") ? Instant.ofEpochMilli(Long.parseLong(m.get("leaseUntil").n())) : null;
    String owner = m.containsKey("owner") ? m.get("owner").s() : null;
    String messageId = m.containsKey("messageId") ? m.get("messageId").s() : null;
    int attempts = m.containsKey("attempts") ? Integer.parseInt(m.get("attempts").n()) : 0;
    return new Entry(jobId, status, owner, lease, messageId, attempts);
  }
}
