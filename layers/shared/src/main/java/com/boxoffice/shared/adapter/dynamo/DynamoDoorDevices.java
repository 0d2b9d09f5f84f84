package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.DoorDevice;
import com.boxoffice.shared.port.out.DoorDevices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Door devices in the main table: {@code ORG#<organizationId>} / {@code DEVICE#<deviceId>} (name,
 * createdAt, revokedAt, {@code eventIds}: a string set) and {@code DEVICE#<deviceId>} /
 * {@code DEVICE}, which reserves the id across organizations, since the door's assignment records
 * ({@code SCANNER#<deviceId>} / {@code EVENT#<eventId>}) are keyed by the device id alone. The last
 * scan is read from the scan log (the newest entry of {@code gsi1pk = SCANS#<eventId>} written by
 * the device, over its assigned events), so the door's hot path writes nothing more for it.
 */
public final class DynamoDoorDevices implements DoorDevices {
  /** How many scan log entries per event the listing reads, at most, to find a device's newest scan. */
  static final int SCAN_LOG_LOOKBACK = 500;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions tx;

  public DynamoDoorDevices(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.tx = new Transactions(dynamo);
  }

  @Override
  public boolean register(DoorDevice d, AuditEntry audit) {
    Map<String, AttributeValue> item = new HashMap<>(deviceKey(d.organizationId(), d.deviceId()));
    item.put("deviceId", s(d.deviceId()));
    item.put("organizationId", s(d.organizationId()));
    item.put("name", s(d.name()));
    item.put("createdAt", s(d.createdAt().toString()));
    Map<String, AttributeValue> reservation = Map.of("pk", s("DEVICE#" + d.deviceId()), "sk", s("DEVICE"),
        "organizationId", s(d.organizationId()));
    return write(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table).item(reservation)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        auditPut(audit)));
  }

  @Override
  public Optional<DoorDevice> find(String organizationId, String deviceId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(deviceKey(organizationId, deviceId)))
        .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDevice(item, null));
  }

  @Override
  public boolean assign(DoorDevice d, String eventId, AuditEntry audit) {
    Map<String, AttributeValue> assignment = Map.of("pk", s("SCANNER#" + d.deviceId()), "sk", s("EVENT#" + eventId),
        "scannerId", s(d.deviceId()), "eventId", s(eventId), "organizationId", s(d.organizationId()),
        "revoked", AttributeValue.fromBool(false));
    return write(List.of(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(deviceKey(d.organizationId(), d.deviceId()))
            .updateExpression("ADD eventIds :event")
            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
            .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(List.of(eventId))))).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(assignment)).build(),
        auditPut(audit)));
  }

  @Override
  public void revoke(DoorDevice d, Instant at, AuditEntry audit) {
    // First the device, so no assignment can be added after the sweep below has passed.
    if (!d.revoked()) {
      write(List.of(
          TransactWriteItem.builder().update(u -> u.tableName(table).key(deviceKey(d.organizationId(), d.deviceId()))
              .updateExpression("SET revokedAt = if_not_exists(revokedAt, :at)")
              .conditionExpression("attribute_exists(pk)")
              .expressionAttributeValues(Map.of(":at", s(at.toString())))).build(),
          auditPut(audit)));
    }
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :event)")
          .expressionAttributeValues(Map.of(":pk", s("SCANNER#" + d.deviceId()), ":event", s("EVENT#")))
          .exclusiveStartKey(from));
      for (var assignment : page.items()) {
        try {
          dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", assignment.get("pk"), "sk", assignment.get("sk")))
              .updateExpression("SET revoked = :true, revokedAt = if_not_exists(revokedAt, :at)")
              .conditionExpression("attribute_exists(pk)")
              .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":at", s(at.toString()))));
        } catch (ConditionalCheckFailedException gone) {
          // Deleted meanwhile: nothing left to revoke.
        }
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
  }

  @Override
  public List<DoorDevice> list(String organizationId) {
    List<DoorDevice> devices = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :device)")
          .expressionAttributeValues(Map.of(":pk", s("ORG#" + organizationId), ":device", s("DEVICE#")))
          .exclusiveStartKey(from));
      for (var item : page.items()) {
        DoorDevice d = toDevice(item, null);
        devices.add(toDevice(item, lastScan(d)));
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return devices;
  }

  private Instant lastScan(DoorDevice d) {
    Instant newest = null;
    for (String eventId : d.eventIds()) {
      var page = dynamo.query(b -> b.tableName(table).indexName("gsi1")
          .keyConditionExpression("gsi1pk = :scans")
          .filterExpression("scannerId = :device")
          .expressionAttributeValues(Map.of(":scans", s("SCANS#" + eventId), ":device", s(d.deviceId())))
          .scanIndexForward(false).limit(SCAN_LOG_LOOKBACK));
      for (var item : page.items()) {
        if (item.containsKey("scannedAt")) {
          Instant at = Instant.parse(item.get("scannedAt").s());
          if (newest == null || at.isAfter(newest)) {
            newest = at;
          }
          break;
        }
      }
    }
    return newest;
  }

  private boolean write(List<TransactWriteItem> items) {
    try {
      return tx.write(items).isEmpty();
    } catch (TransactionCanceledException busy) {
      return false;
    }
  }

  private TransactWriteItem auditPut(AuditEntry audit) {
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(DynamoAuditLog.item(audit))
        .conditionExpression("attribute_not_exists(pk)")).build();
  }

  private static DoorDevice toDevice(Map<String, AttributeValue> item, Instant lastScanAt) {
    List<String> events = item.containsKey("eventIds") ? new ArrayList<>(new TreeSet<>(item.get("eventIds").ss()))
        : List.of();
    return new DoorDevice(item.get("deviceId").s(), item.get("organizationId").s(), item.get("name").s(),
        Instant.parse(item.get("createdAt").s()),
        item.containsKey("revokedAt") ? Instant.parse(item.get("revokedAt").s()) : null, events, lastScanAt);
  }

  private static Map<String, AttributeValue> deviceKey(String organizationId, String deviceId) {
    return Map.of("pk", s("ORG#" + organizationId), "sk", s("DEVICE#" + deviceId));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
