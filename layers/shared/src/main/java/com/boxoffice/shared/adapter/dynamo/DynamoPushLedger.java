package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.PushLedger;
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
 * Push records in the main table under {@code pk = PUSH#<notificationId>}: {@code sk = VERDICT}
 * holds the admission ({@code verdict}, {@code reason}, {@code decidedAt}); {@code sk =
 * DEVICE#<deviceId>} holds one device's delivery ({@code status}, the lease {@code owner} and
 * {@code leaseUntil} in epoch ms, {@code attempts}, {@code lastOutcome}, {@code messageId},
 * {@code sentAt}). Kept for 30 days ({@code expiresAt}), longer than a notification can live on
 * the push queue and its dead-letter queue together.
 */
public final class DynamoPushLedger implements PushLedger {
  static final Duration RETENTION = Duration.ofDays(30);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoPushLedger(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String notificationId, String sk) {
    return Map.of("pk", AttributeValue.fromS("PUSH#" + notificationId), "sk", AttributeValue.fromS(sk));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static AttributeValue ttl(Instant at) {
    return n(at.plus(RETENTION).getEpochSecond());
  }

  @Override
  public Optional<Verdict> verdict(String notificationId) {
    var item = dynamo.getItem(b -> b.tableName(table).key(key(notificationId, "VERDICT")).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Verdict.valueOf(item.get("verdict").s()));
  }

  @Override
  public Verdict decide(String notificationId, Verdict verdict, String reason, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>(key(notificationId, "VERDICT"));
    item.put("verdict", s(verdict.name()));
    item.put("reason", s(reason));
    item.put("decidedAt", s(at.toString()));
    item.put("expiresAt", ttl(at));
    try {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return verdict;
    } catch (ConditionalCheckFailedException e) {
      return e.hasItem() ? Verdict.valueOf(e.item().get("verdict").s())
          : verdict(notificationId).orElse(verdict);
    }
  }

  @Override
  public Optional<Delivery> claim(String notificationId, String deviceId, String owner, Instant now,
      Instant leaseUntil) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(notificationId, "DEVICE#" + deviceId))
          .updateExpression("SET #s = :sending, #o = :owner, leaseUntil = :lease, expiresAt = :ttl ADD attempts :one")
          .conditionExpression("attribute_not_exists(pk) OR (#s = :sending AND leaseUntil < :now)")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(
              ":sending", s(Status.SENDING.name()),
              ":owner", s(owner),
              ":lease", n(leaseUntil.toEpochMilli()),
              ":now", n(now.toEpochMilli()),
              ":one", n(1),
              ":ttl", ttl(now)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(e.hasItem() ? delivery(notificationId, deviceId, e.item())
          : new Delivery(notificationId, deviceId, Status.SENDING, null, leaseUntil, 0, null));
    }
  }

  @Override
  public void markSent(String notificationId, String deviceId, String owner, String messageId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(notificationId, "DEVICE#" + deviceId))
          .updateExpression("SET #s = :sent, messageId = :mid, sentAt = :at, lastOutcome = :ok REMOVE leaseUntil")
          .conditionExpression("#o = :owner")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(":sent", s(Status.SENT.name()), ":mid", s(messageId),
              ":at", s(at.toString()), ":ok", s("sent"), ":owner", s(owner))));
    } catch (ConditionalCheckFailedException e) {
      // Another worker took the pair over after our lease ran out; its record stands.
    }
  }

  @Override
  public void markFailed(String notificationId, String deviceId, String owner, String outcome, boolean retryable,
      Instant at) {
    try {
      // A retryable failure leaves the pair SENDING with its lease at 0, so the next attempt claims it at once.
      dynamo.updateItem(b -> b.tableName(table).key(key(notificationId, "DEVICE#" + deviceId))
          .updateExpression("SET #s = :status, leaseUntil = :zero, lastOutcome = :outcome, lastAttemptAt = :at")
          .conditionExpression("#o = :owner AND #s = :sending")
          .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
          .expressionAttributeValues(Map.of(
              ":status", s(retryable ? Status.SENDING.name() : Status.FAILED.name()),
              ":sending", s(Status.SENDING.name()),
              ":zero", n(0), ":outcome", s(outcome), ":at", s(at.toString()), ":owner", s(owner))));
    } catch (ConditionalCheckFailedException e) {
      // Someone else holds it now.
    }
  }

  private static Delivery delivery(String notificationId, String deviceId, Map<String, AttributeValue> m) {
    Status status = m.containsKey("status") ? Status.valueOf(m.get("status").s()) : Status.SENDING;
    Instant lease = m.containsKey("leaseUntil") ? Instant.ofEpochMilli(Long.parseLong(m.get("leaseUntil").n())) : null;
    return new Delivery(notificationId, deviceId, status, m.containsKey("owner") ? m.get("owner").s() : null, lease,
        m.containsKey("attempts") ? Integer.parseInt(m.get("attempts").n()) : 0,
        m.containsKey("lastOutcome") ? m.get("lastOutcome").s() : null);
  }
}
