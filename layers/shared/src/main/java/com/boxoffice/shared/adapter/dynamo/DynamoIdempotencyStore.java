package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyStore} in the idempotency table, in the record layout of Powertools for AWS
 * Lambda (Java) v2: {@code id}, {@code expiration} (epoch seconds, the table's TTL),
 * {@code in_progress_expiration} (epoch millis), {@code status} ({@code INPROGRESS} /
 * {@code COMPLETED}), {@code data} (the stored response as JSON) and {@code validation} (the
 * payload hash). A claim is one conditional put that returns the existing record when it fails,
 * so a duplicate costs one write and no extra read.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoIdempotencyStore.class);

  private record Data(int status, String body) {}

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration retention;

  public DynamoIdempotencyStore(DynamoDbClient dynamo, String table, Duration retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  @Override
  public Claim claim(String id, String validation, Instant now, Duration inProgressFor) {
    for (int attempt = 0; ; attempt++) {
      Map<String, AttributeValue> existing;
      try {
        dynamo.putItem(b -> b.tableName(table)
            .item(Map.of(
                "id", AttributeValue.fromS(id),
                "status", AttributeValue.fromS("INPROGRESS"),
                "validation", AttributeValue.fromS(validation),
                "expiration", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())),
                "in_progress_expiration", AttributeValue.fromN(Long.toString(now.plus(inProgressFor).toEpochMilli()))))
            .conditionExpression("attribute_not_exists(id) OR expiration < :nowSec"
                + " OR (#status = :inProgress AND in_progress_expiration < :nowMs)")
            .expressionAttributeNames(Map.of("#status", "status"))
            .expressionAttributeValues(Map.of(
                ":nowSec", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                ":nowMs", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                ":inProgress", AttributeValue.fromS("INPROGRESS")))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        return new Claimed();
      } catch (ConditionalCheckFailedException e) {
        existing = e.hasItem() ? e.item() : Map.of();
      }
      if (!existing.containsKey("status") || !existing.containsKey("validation")) {
        // Not the whole record: read it rather than guess.
        existing = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
            .key(Map.of("id", AttributeValue.fromS(id)))).item();
        if ((existing == null || existing.isEmpty()) && attempt == 0) {
          continue;
        }
      }
      return classify(existing, validation);
    }
  }

  private static Claim classify(Map<String, AttributeValue> existing, String validation) {
    AttributeValue storedValidation = existing == null ? null : existing.get("validation");
    if (storedValidation == null || !validation.equals(storedValidation.s())) {
      return storedValidation == null ? new InProgress() : new Mismatch();
    }
    AttributeValue status = existing.get("status");
    AttributeValue data = existing.get("data");
    if (status != null && "COMPLETED".equals(status.s()) && data != null) {
      Data stored = Json.read(data.s(), Data.class);
      return new Replay(new StoredResponse(stored.status(), stored.body()));
    }
    return new InProgress();
  }

  @Override
  public void complete(String id, StoredResponse response, Instant now) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
        .updateExpression("SET #status = :completed, #data = :data, expiration = :exp REMOVE in_progress_expiration")
        .conditionExpression("attribute_exists(id)")
        .expressionAttributeNames(Map.of("#status", "status", "#data", "data"))
        .expressionAttributeValues(Map.of(
            ":completed", AttributeValue.fromS("COMPLETED"),
            ":data", AttributeValue.fromS(Json.write(new Data(response.status(), response.body()))),
            ":exp", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())))));
    } catch (ConditionalCheckFailedException gone) {
      // The claim lapsed and was deleted meanwhile: storing a record without its payload hash
      // would let any body replay this answer, so nothing is stored.
      LOG.warn("idempotency record vanished before completion id={}", id);
    }
  }

  @Override
  public void release(String id) {
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
  }
}
