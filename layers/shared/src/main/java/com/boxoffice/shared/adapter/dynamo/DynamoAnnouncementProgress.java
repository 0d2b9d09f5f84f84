package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.AnnouncementProgress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * An announcement's walk under its event: {@code EVENT#<eventId>} / {@code ANNOUNCEMENT#<changeId>}
 * with {@code cursor} (the position after the last page queued), {@code done}, {@code queued} (a
 * count), {@code runs} (how many runs walked it), and the lease of the run walking it ({@code runId}, {@code leaseUntil}). Every change is a
 * conditional write, so two runs never walk at once and a run whose lease was taken over records
 * nothing. Expires ({@code expiresAt}) a month after the walk began.
 */
public final class DynamoAnnouncementProgress implements AnnouncementProgress {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoAnnouncementProgress(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Take take(String eventId, String changeId, String runId, Instant now, Instant leaseUntil,
      Instant expiresAt) {
    try {
      var item = dynamo.updateItem(b -> b.tableName(table).key(key(eventId, changeId))
          .updateExpression("SET runId = :run, leaseUntil = :until, expiresAt = if_not_exists(expiresAt, :expires)"
              + " ADD runs :one")
          .conditionExpression("attribute_not_exists(#done) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now"
              + " OR runId = :run)")
          .expressionAttributeNames(Map.of("#done", "done"))
          .expressionAttributeValues(Map.of(":run", s(runId), ":until", n(leaseUntil.toEpochMilli()),
              ":expires", n(expiresAt.getEpochSecond()), ":now", n(now.toEpochMilli()), ":one", n(1)))
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return new Taken(Optional.ofNullable(item.get("cursor")).map(AttributeValue::s));
    } catch (ConditionalCheckFailedException taken) {
      var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(eventId, changeId))).item();
      if (item != null && item.containsKey("done")) {
        return new Done();
      }
      long until = item != null && item.containsKey("leaseUntil") ? Long.parseLong(item.get("leaseUntil").n())
          : now.toEpochMilli();
      return new Busy(Instant.ofEpochMilli(until));
    }
  }

  @Override
  public boolean advance(String eventId, String changeId, String runId, Optional<String> next, int queued,
      Instant leaseUntil) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":run", s(runId));
    values.put(":queued", n(queued));
    String update;
    if (next.isPresent()) {
      values.put(":cursor", s(next.get()));
      values.put(":until", n(leaseUntil.toEpochMilli()));
      update = "SET #cursor = :cursor, leaseUntil = :until ADD queued :queued";
    } else {
      values.put(":true", AttributeValue.fromBool(true));
      update = "SET #done = :true ADD queued :queued REMOVE #cursor, leaseUntil, runId";
    }
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(eventId, changeId)).updateExpression(update)
          .conditionExpression("runId = :run AND attribute_not_exists(#done)")
          .expressionAttributeNames(Map.of("#done", "done", "#cursor", "cursor"))
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  @Override
  public void release(String eventId, String changeId, String runId) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(eventId, changeId))
          .updateExpression("REMOVE leaseUntil, runId")
          .conditionExpression("runId = :run")
          .expressionAttributeValues(Map.of(":run", s(runId))));
    } catch (ConditionalCheckFailedException notOurs) {
      // Another run took it over: it is theirs to finish.
    }
  }

  static Map<String, AttributeValue> key(String eventId, String changeId) {
    return Map.of("pk", s("EVENT#" + eventId), "sk", s("ANNOUNCEMENT#" + changeId));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
