package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.PushCollapse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Collapse windows in the main table: {@code pk = PUSHCOLLAPSE#<userId>#<key>}, {@code sk = W#<window
 * start, epoch ms>}, holding the id of the notification that took it; one conditional put decides.
 * Removed by TTL an hour after the window ends.
 */
public final class DynamoPushCollapse implements PushCollapse {
  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoPushCollapse(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public boolean hold(String userId, String collapseKey, String notificationId, Duration window) {
    long now = clock.millis();
    long start = now - Math.floorMod(now, window.toMillis());
    try {
      dynamo.putItem(b -> b.tableName(table)
          .item(Map.of(
              "pk", AttributeValue.fromS("PUSHCOLLAPSE#" + userId + "#" + collapseKey),
              "sk", AttributeValue.fromS("W#" + start),
              "notificationId", AttributeValue.fromS(notificationId),
              "expiresAt", AttributeValue.fromN(Long.toString((start + window.toMillis()) / 1000 + 3600))))
          .conditionExpression("attribute_not_exists(pk) OR notificationId = :id")
          .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(notificationId))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
