package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceStatus;
import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.port.out.DeviceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Devices in the main table: {@code pk = DEVICE#<deviceId>}, {@code sk = DEVICE}, with the owner,
 * platform, token, endpoint ARN, status, failures in a row and times. The gsi1 keys index a
 * deliverable device under its owner ({@code gsi1pk = USERDEVICES#<userId>}) and an inactive one
 * under {@code PUSHINACTIVE} sorted by when it became inactive, which is what the cleanup reads;
 * so a user's listing never holds inactive devices and the cleanup never scans the table.
 */
public final class DynamoDeviceStore implements DeviceStore {
  static final String INACTIVE_INDEX_KEY = "PUSHINACTIVE";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDeviceStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String deviceId) {
    return Map.of("pk", AttributeValue.fromS("DEVICE#" + deviceId), "sk", AttributeValue.fromS("DEVICE"));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  @Override
  public Optional<Device> find(String deviceId) {
    var item = dynamo.getItem(b -> b.tableName(table).key(key(deviceId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(device(item));
  }

  @Override
  public void save(Device d) {
    Map<String, AttributeValue> item = new HashMap<>(key(d.deviceId()));
    item.put("deviceId", s(d.deviceId()));
    item.put("userId", s(d.userId()));
    item.put("platform", s(d.platform().name()));
    item.put("token", s(d.token()));
    item.put("endpointArn", s(d.endpointArn()));
    item.put("status", s(DeviceStatus.ACTIVE.name()));
    item.put("failures", n(0));
    item.put("updatedAt", n(d.updatedAt().toEpochMilli()));
    item.put("gsi1pk", s("USERDEVICES#" + d.userId()));
    item.put("gsi1sk", s(d.deviceId()));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public List<Device> deliverable(String userId) {
    List<Device> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).indexName("gsi1")
          .keyConditionExpression("gsi1pk = :u")
          .expressionAttributeValues(Map.of(":u", s("USERDEVICES#" + userId)))
          .exclusiveStartKey(from));
      page.items().stream().map(DynamoDeviceStore::device)
          .filter(d -> d.deliverable() && d.userId().equals(userId)).forEach(out::add);
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  @Override
  public boolean delete(String deviceId, String userId) {
    try {
      dynamo.deleteItem(b -> b.tableName(table).key(key(deviceId))
          .conditionExpression("userId = :u")
          .expressionAttributeValues(Map.of(":u", s(userId))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void recordSuccess(String deviceId, Instant at) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(deviceId))
          .updateExpression("SET #s = :active, failures = :zero, updatedAt = :at")
          .conditionExpression("#s = :failing OR (#s = :active AND failures > :zero)")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":active", s(DeviceStatus.ACTIVE.name()),
              ":failing", s(DeviceStatus.FAILING.name()), ":zero", n(0), ":at", n(at.toEpochMilli()))));
    } catch (ConditionalCheckFailedException e) {
      // Gone, inactive, or already fine: a late success does not revive a deactivated device.
    }
  }

  @Override
  public DeviceStatus recordFailure(String deviceId, int threshold, Instant at) {
    try {
      var result = dynamo.updateItem(b -> b.tableName(table).key(key(deviceId))
          .updateExpression("SET #s = :failing, updatedAt = :at ADD failures :one")
          .conditionExpression("#s IN (:active, :failing) AND failures < :last")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":active", s(DeviceStatus.ACTIVE.name()),
              ":failing", s(DeviceStatus.FAILING.name()), ":one", n(1), ":at", n(at.toEpochMilli()),
              ":last", n(threshold - 1)))
          .returnValues(ReturnValue.ALL_NEW));
      return DeviceStatus.valueOf(result.attributes().get("status").s());
    } catch (ConditionalCheckFailedException e) {
      // This failure reaches the threshold (or the device is inactive or gone already).
      deactivate(deviceId, at, true);
      return DeviceStatus.INACTIVE;
    }
  }

  @Override
  public void deactivate(String deviceId, Instant at) {
    deactivate(deviceId, at, false);
  }

  private void deactivate(String deviceId, Instant at, boolean countFailure) {
    String inactiveSince = String.format("%015d", at.toEpochMilli());
    try {
      dynamo.updateItem(b -> b.tableName(table).key(key(deviceId))
          .updateExpression("SET #s = :inactive, inactiveSince = :at, updatedAt = :at, gsi1pk = :idx, gsi1sk = :sk"
              + (countFailure ? " ADD failures :one" : ""))
          .conditionExpression("#s IN (:active, :failing)")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(countFailure ? Map.of(":active", s(DeviceStatus.ACTIVE.name()),
              ":failing", s(DeviceStatus.FAILING.name()), ":inactive", s(DeviceStatus.INACTIVE.name()),
              ":at", n(at.toEpochMilli()), ":idx", s(INACTIVE_INDEX_KEY), ":sk", s(inactiveSince + "#" + deviceId),
              ":one", n(1))
              : Map.of(":active", s(DeviceStatus.ACTIVE.name()),
              ":failing", s(DeviceStatus.FAILING.name()), ":inactive", s(DeviceStatus.INACTIVE.name()),
              ":at", n(at.toEpochMilli()), ":idx", s(INACTIVE_INDEX_KEY), ":sk", s(inactiveSince + "#" + deviceId))));
    } catch (ConditionalCheckFailedException e) {
      // Inactive already (its first inactive time stands) or removed.
    }
  }

  @Override
  public List<Device> inactiveSince(Instant cutoff, int limit) {
    String before = String.format("%015d", cutoff.toEpochMilli());
    var page = dynamo.query(b -> b.tableName(table).indexName("gsi1")
        .keyConditionExpression("gsi1pk = :k AND gsi1sk < :before")
        .expressionAttributeValues(Map.of(":k", s(INACTIVE_INDEX_KEY), ":before", s(before)))
        .limit(limit));
    return page.items().stream().map(DynamoDeviceStore::device).toList();
  }

  @Override
  public boolean removeInactive(String deviceId, Instant cutoff) {
    try {
      dynamo.deleteItem(b -> b.tableName(table).key(key(deviceId))
          .conditionExpression("#s = :inactive AND inactiveSince < :cutoff")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":inactive", s(DeviceStatus.INACTIVE.name()),
              ":cutoff", n(cutoff.toEpochMilli()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static Device device(Map<String, AttributeValue> m) {
    return new Device(m.get("deviceId").s(), m.get("userId").s(), Platform.valueOf(m.get("platform").s()),
        m.get("token").s(), m.get("endpointArn").s(), DeviceStatus.valueOf(m.get("status").s()),
        m.containsKey("failures") ? Integer.parseInt(m.get("failures").n()) : 0,
        Instant.ofEpochMilli(Long.parseLong(m.get("updatedAt").n())),
        m.containsKey("inactiveSince") ? Instant.ofEpochMilli(Long.parseLong(m.get("inactiveSince").n())) : null);
  }
}
