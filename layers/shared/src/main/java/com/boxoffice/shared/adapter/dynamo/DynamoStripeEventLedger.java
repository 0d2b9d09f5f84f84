package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.StripeEventLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Stripe event ledger in the business table: {@code STRIPE_EVENT#<eventId>} / {@code LEDGER}
 * with {@code status} PROCESSING (plus {@code leaseOwner}, {@code leaseUntil} in epoch ms),
 * QUEUED, FAILED or DONE (plus {@code outcome}, {@code orderId}, {@code processedAt}), and
 * {@code expiresAt} 35 days after first receipt: longer than Stripe's 3-day retries plus its
 * 30-day replay window. Completion writes the order's audit entry
 * ({@code ORDER#<orderId>} / {@code AUDIT#<eventId>}) in the same transaction, so there is
 * exactly one audit entry per event and order.
 */
public final class DynamoStripeEventLedger implements StripeEventLedger {
  public static final Duration RETENTION = Duration.ofDays(35);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoStripeEventLedger(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public static Map<String, AttributeValue> key(String eventId) {
    return Map.of("pk", s("STRIPE_EVENT#" + eventId), "sk", s("LEDGER"));
  }

  @Override
  public Claim claim(String eventId, String type, String owner, Instant now, Instant leaseUntil, boolean takeQueued) {
    Map<String, String> names = Map.of("#status", "status");
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":processing", s("PROCESSING"));
    values.put(":failed", s("FAILED"));
    values.put(":owner", s(owner));
    values.put(":leaseUntil", n(leaseUntil.toEpochMilli()));
    values.put(":nowMs", n(now.toEpochMilli()));
    values.put(":now", s(now.toString()));
    values.put(":type", s(type));
    values.put(":ttl", n(now.plus(RETENTION).getEpochSecond()));
    values.put(":zero", n(0));
    values.put(":one", n(1));
    String condition = "attribute_not_exists(pk) OR #status = :failed OR (#status = :processing AND leaseUntil < :nowMs)";
    if (takeQueued) {
      values.put(":queued", s("QUEUED"));
      condition += " OR #status = :queued";
    }
    String claimCondition = condition;
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(eventId))
          .updateExpression("SET #status = :processing, leaseOwner = :owner, leaseUntil = :leaseUntil,"
              + " eventType = :type, updatedAt = :now, attempts = if_not_exists(attempts, :zero) + :one,"
              + " receivedAt = if_not_exists(receivedAt, :now), expiresAt = if_not_exists(expiresAt, :ttl)")
          .conditionExpression(claimCondition)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Claim(ClaimState.ACQUIRED, null);
    } catch (ConditionalCheckFailedException taken) {
      // The refused claim carries the current entry, so a duplicate costs one round trip, not two.
      Map<String, AttributeValue> item = taken.hasItem() && !taken.item().isEmpty() ? taken.item()
          : dynamo.getItem(b -> b.tableName(table).key(key(eventId)).consistentRead(true)).item();
      String status = item == null || !item.containsKey("status") ? "" : item.get("status").s();
      return switch (status) {
        case "DONE" -> new Claim(ClaimState.DONE, item.containsKey("outcome") ? item.get("outcome").s() : null);
        case "QUEUED" -> new Claim(ClaimState.QUEUED, null);
        default -> new Claim(ClaimState.BUSY, null);
      };
    }
  }

  @Override
  public boolean complete(String eventId, String owner, Completion completion, Instant now) {
    String orderId = completion.orderId();
    if (orderId == null && completion.paymentIntentId() != null) {
      orderId = orderForPayment(completion.paymentIntentId());
    }
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":done", s("DONE"));
    values.put(":processing", s("PROCESSING"));
    values.put(":owner", s(owner));
    values.put(":outcome", s(completion.outcome()));
    values.put(":now", s(now.toString()));
    String set = "SET #status = :done, outcome = :outcome, processedAt = :now, updatedAt = :now";
    if (orderId != null) {
      values.put(":orderId", s(orderId));
      set += ", orderId = :orderId";
    }
    if (completion.paymentIntentId() != null) {
      values.put(":pi", s(completion.paymentIntentId()));
      set += ", paymentIntentId = :pi";
    }
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(eventId))
        .updateExpression(set + " REMOVE leaseOwner, leaseUntil")
        .conditionExpression("#status = :processing AND leaseOwner = :owner")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(values).build()).build());
    if (orderId != null) {
      Map<String, AttributeValue> audit = new HashMap<>();
      audit.put("pk", s("ORDER#" + orderId));
      audit.put("sk", s("AUDIT#" + eventId));
      audit.put("type", s("audit"));
      audit.put("orderId", s(orderId));
      audit.put("stripeEventId", s(eventId));
      audit.put("eventType", s(completion.type()));
      audit.put("outcome", s(completion.outcome()));
      audit.put("processedAt", s(now.toString()));
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(audit).build()).build());
    }
    try {
      dynamo.transactWriteItems(b -> b.transactItems(writes));
      return true;
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void markQueued(String eventId, String owner, String reason, Instant now) {
    drop(eventId, owner, "QUEUED", reason, now);
  }

  @Override
  public void release(String eventId, String owner, String reason, Instant now) {
    drop(eventId, owner, "FAILED", reason, now);
  }

  private void drop(String eventId, String owner, String status, String reason, Instant now) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(eventId))
          .updateExpression("SET #status = :status, lastError = :reason, updatedAt = :now REMOVE leaseOwner, leaseUntil")
          .conditionExpression("#status = :processing AND leaseOwner = :owner")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":status", s(status), ":reason", s(reason), ":now", s(now.toString()),
              ":processing", s("PROCESSING"), ":owner", s(owner))));
    } catch (ConditionalCheckFailedException leaseLost) {
      // Another attempt took the event over; its state wins.
    }
  }

  /** The order a Stripe payment intent belongs to, from the payment index the fulfilment writes. */
  private String orderForPayment(String paymentIntentId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(Map.of("pk", s("PAYMENT#" + paymentIntentId), "sk", s("ORDER")))).item();
    return item == null || !item.containsKey("orderId") ? null : item.get("orderId").s();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
