package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Fixed-window counters in the main table: item {@code pk = RATE#<name>#<key>},
 * {@code sk = W#<window start, epoch ms>}, attribute {@code n} incremented only while it is below
 * the limit, and removed by TTL an hour after its window ends. A refused attempt writes nothing.
 */
public final class DynamoRateLimiter implements RateLimiter {
  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoRateLimiter(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Decision tryAcquire(Limit limit, String key) {
    long now = clock.millis();
    long windowMs = limit.window().toMillis();
    long windowStart = now - Math.floorMod(now, windowMs);
    long windowEnd = windowStart + windowMs;
    try {
      var result = dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(
              "pk", AttributeValue.fromS("RATE#" + limit.name() + "#" + key),
              "sk", AttributeValue.fromS("W#" + windowStart)))
          .updateExpression("ADD n :one SET expiresAt = if_not_exists(expiresAt, :ttl)")
          .conditionExpression("attribute_not_exists(n) OR n < :limit")
          .expressionAttributeValues(Map.of(
              ":one", AttributeValue.fromN("1"),
              ":limit", AttributeValue.fromN(Integer.toString(limit.limit())),
              ":ttl", AttributeValue.fromN(Long.toString(windowEnd / 1000 + 3600))))
          .returnValues(ReturnValue.UPDATED_NEW)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE));
      int used = Integer.parseInt(result.attributes().get("n").n());
      return new Decision(true, limit.limit() - used, Duration.ZERO, windowStart);
    } catch (ConditionalCheckFailedException full) {
      return new Decision(false, 0, Duration.ofMillis(windowEnd - now), windowStart);
    }
  }

  @Override
  public void release(Limit limit, String key, Decision decision) {
    if (!decision.allowed() || decision.window() < 0) {
      return;
    }
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(
              "pk", AttributeValue.fromS("RATE#" + limit.name() + "#" + key),
              "sk", AttributeValue.fromS("W#" + decision.window())))
          .updateExpression("ADD n :minus")
          .conditionExpression("n > :zero")
          .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"), ":zero", AttributeValue.fromN("0"))));
    } catch (ConditionalCheckFailedException nothingToGiveBack) {
      // The window's item is gone or empty; nothing was held.
    }
  }
}
