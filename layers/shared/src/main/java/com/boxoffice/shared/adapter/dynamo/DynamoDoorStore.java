package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.door.AppliedScans;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScannerAssignment;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The door's records in the main table (docs/data-model.md): scanner assignments and the event's
 * door rules (one consistent {@code BatchGetItem}), fallback-code index entries, the admission
 * state on the ticket item (one conditional {@code UpdateItem} per scan that returns the old item
 * when refused) and the scan log: one conditional {@code PutItem} per scan that changed nothing,
 * and, for a scan that changed the ticket, the same entry written by {@link ScanLogProjection}
 * from the table's stream.
 */
public final class DynamoDoorStore implements DoorStore {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDoorStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** The key of a scanner's assignment to an event. */
  public static Map<String, AttributeValue> assignmentKey(String scannerId, String eventId) {
    return Map.of("pk", s("SCANNER#" + scannerId), "sk", s("EVENT#" + eventId));
  }

  /** The index entry that lets a typed fallback code find its ticket with one read. */
  public static Map<String, AttributeValue> fallbackItem(String eventId, String fallbackCode, String ticketId,
      Instant validFrom, Instant validUntil) {
    return fallbackItem(eventId, fallbackCode, ticketId, validFrom, validUntil, 0);
  }

  /** The index entry of a reissued ticket's fallback code, which names the code version it admits at. */
  public static Map<String, AttributeValue> fallbackItem(String eventId, String fallbackCode, String ticketId,
      Instant validFrom, Instant validUntil, int codeVersion) {
    Map<String, AttributeValue> item = new HashMap<>(fallbackKey(eventId, fallbackCode));
    if (codeVersion > 0) {
      item.put(TicketItems.CODE_VERSION, AttributeValue.fromN(Integer.toString(codeVersion)));
    }
    item.put("type", s("fallback_code"));
    item.put("ticketId", s(ticketId));
    item.put("eventId", s(eventId));
    item.put("validFrom", s(validFrom.toString()));
    item.put("validUntil", s(validUntil.toString()));
    return item;
  }

  static Map<String, AttributeValue> fallbackKey(String eventId, String code) {
    return Map.of("pk", s("FALLBACK#" + eventId + "#" + code), "sk", s("FALLBACK"));
  }

  @Override
  public DoorRules rules(String scannerId, String eventId) {
    Map<String, AttributeValue> assignmentKey = assignmentKey(scannerId, eventId);
    Map<String, AttributeValue> eventKey = Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"));
    Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
        .keys(assignmentKey, eventKey).consistentRead(true).build());
    Map<String, AttributeValue> assignment = null;
    Map<String, AttributeValue> event = null;
    for (int attempt = 0; !request.isEmpty(); attempt++) {
      if (attempt > 0) {
        sleep(attempt);
      }
      var pending = request;
      var response = dynamo.batchGetItem(b -> b.requestItems(pending));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        if (item.get("pk").s().startsWith("SCANNER#")) {
          assignment = item;
        } else {
          event = item;
        }
      }
      request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      if (attempt > 5 && !request.isEmpty()) {
        throw new IllegalStateException("door rules could not be read");
      }
    }
    Optional<ScannerAssignment> found = assignment == null ? Optional.empty()
        : Optional.of(new ScannerAssignment(bool(assignment, "revoked")));
    Optional<DoorEvent> door = event == null ? Optional.empty() : Optional.of(new DoorEvent(
        event.containsKey("status") ? EventStatus.valueOf(str(event, "status")) : EventStatus.ON_SALE,
        bool(event, "allowReentry"), bool(event, "rotatingCodes"),
        !event.containsKey("printedCodesAllowed") || bool(event, "printedCodesAllowed")));
    return new DoorRules(found, door);
  }

  @Override
  public Optional<FallbackEntry> fallback(String eventId, String normalizedCode) {
    var item = dynamo.getItem(b -> b.tableName(table).key(fallbackKey(eventId, normalizedCode))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FallbackEntry(item.get("ticketId").s(), Instant.parse(item.get("validFrom").s()),
        Instant.parse(item.get("validUntil").s()), TicketItems.codeVersion(item)));
  }

  @Override
  public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry) {
    return enter(ticketId, scan, allowReentry, 0);
  }

  @Override
  public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry, int codeVersion) {
    Map<String, AttributeValue> values = stateValues(scan);
    values.put(":codeVersion", AttributeValue.fromN(Integer.toString(codeVersion)));
    String currentCode = codeVersion == 0
        ? "(attribute_not_exists(codeVersion) OR codeVersion = :codeVersion)"
        : "codeVersion = :codeVersion";
    values.put(":valid", s(TicketStatus.VALID.name()));
    values.put(":true", AttributeValue.fromBool(true));
    values.put(":one", AttributeValue.fromN("1"));
    if (!allowReentry) {
      // Never admitted is the whole test: only an entry sets firstAdmittedAt and an exit needs one,
      // so no scan, this attempt included, has changed the ticket yet, and a retried attempt after
      // its admission finds firstAdmittedAt set and gets the ticket back to recognise itself in.
      // (An item that does not exist has no eventId either.)
      return update(ticketId,
          "SET inside = :true, firstAdmittedAt = :now, " + lastScanSet() + " ADD admissions :one, attempts :attempt",
          "eventId = :event AND #status = :valid AND " + currentCode + " AND attribute_not_exists(firstAdmittedAt)",
          values, true);
    }
    values.put(":false", AttributeValue.fromBool(false));
    values.put(":attemptKey", s(TicketAtDoor.attemptKey(scan.scannerId(), scan.nonce())));
    return update(ticketId,
        "SET inside = :true, firstAdmittedAt = if_not_exists(firstAdmittedAt, :now), " + lastScanSet()
            + " ADD admissions :one, attempts :attempt",
        "eventId = :event AND #status = :valid AND " + currentCode
            + " AND (attribute_not_exists(firstAdmittedAt) OR inside = :false) AND " + newAttempt(),
        values, true);
  }

  @Override
  public Redemption exit(String ticketId, ScanRequest scan) {
    Map<String, AttributeValue> values = stateValues(scan);
    values.put(":true", AttributeValue.fromBool(true));
    values.put(":false", AttributeValue.fromBool(false));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":attemptKey", s(TicketAtDoor.attemptKey(scan.scannerId(), scan.nonce())));
    return update(ticketId, "SET inside = :false, " + lastScanSet() + " ADD exits :one, attempts :attempt",
        "eventId = :event AND inside = :true AND " + newAttempt(), values, false);
  }

  private static String lastScanSet() {
    return "lastScanAt = :now, lastGate = :gate, lastScannerId = :scanner, lastNonce = :nonce, lastDirection = :dir";
  }

  /**
   * This scanner's attempt has not changed the ticket before: not in the attempt set, nor (for a
   * ticket last changed before the set was kept) the last change.
   */
  private static String newAttempt() {
    return "(attribute_not_exists(attempts) OR NOT contains(attempts, :attemptKey))"
        + " AND (attribute_not_exists(lastNonce) OR lastNonce <> :nonce OR lastScannerId <> :scanner)";
  }

  private static Map<String, AttributeValue> stateValues(ScanRequest scan) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":event", s(scan.eventId()));
    values.put(":now", s(scan.at().toString()));
    values.put(":gate", s(scan.gate() == null ? AppliedScans.NO_GATE : scan.gate()));
    values.put(":scanner", s(scan.scannerId()));
    values.put(":nonce", s(scan.nonce()));
    values.put(":dir", s(scan.direction().wire()));
    values.put(":attempt", AttributeValue.fromSs(List.of(TicketAtDoor.attemptKey(scan.scannerId(), scan.nonce()))));
    return values;
  }

  private Redemption update(String ticketId, String update, String condition, Map<String, AttributeValue> values,
      boolean usesStatus) {
    try {
      var response = dynamo.updateItem(b -> {
        b.tableName(table).key(TicketItems.key(ticketId))
            .updateExpression(update)
            .conditionExpression(condition)
            .expressionAttributeValues(values)
            .returnValues(ReturnValue.ALL_NEW)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (usesStatus) {
          b.expressionAttributeNames(Map.of("#status", "status"));
        }
      });
      return new Redemption.Applied(atDoor(response.attributes()));
    } catch (ConditionalCheckFailedException refused) {
      var old = refused.item();
      return new Redemption.Refused(old == null || old.isEmpty() ? null : atDoor(old));
    }
  }

  static TicketAtDoor atDoor(Map<String, AttributeValue> item) {
    return new TicketAtDoor(
        str(item, "ticketId"),
        str(item, "eventId"),
        TicketStatus.valueOf(str(item, "status")),
        str(item, "ticketTypeId"),
        str(item, "ticketTypeName"),
        str(item, "holderName"),
        bool(item, "inside"),
        instant(item, "firstAdmittedAt"),
        item.containsKey("admissions") ? Integer.parseInt(item.get("admissions").n()) : 0,
        instant(item, "lastScanAt"),
        str(item, "lastGate"),
        str(item, "lastScannerId"),
        str(item, "lastNonce"),
        item.containsKey("lastDirection") ? Direction.valueOf(str(item, "lastDirection").toUpperCase(Locale.ROOT)) : null,
        item.containsKey("attempts") ? Set.copyOf(item.get("attempts").ss()) : Set.of(),
        TicketItems.codeVersion(item));
  }

  @Override
  public void log(ScanLogEntry entry) {
    ScanRequest scan = entry.scan();
    String ticketId = entry.ticketId();
    ScanResult result = entry.result();
    String at = scan.at().toString();
    Map<String, AttributeValue> item = new HashMap<>();
    if (ticketId != null) {
      item.put("pk", s("TICKET#" + ticketId));
      item.put("gsi1pk", s("SCANS#" + scan.eventId()));
      item.put("gsi1sk", s(at));
      item.put("ticketId", s(ticketId));
    } else {
      item.put("pk", s("SCANLOG#" + scan.eventId() + "#" + HOUR.format(scan.at())));
    }
    // Nonces are per device: two devices may send the same one in the same millisecond.
    item.put("sk", s("SCAN#" + at + "#" + scan.nonce() + "#" + scan.scannerId()));
    item.put("type", s("scan"));
    item.put("eventId", s(scan.eventId()));
    item.put("scannerId", s(scan.scannerId()));
    item.put("gate", s(scan.gate() == null ? AppliedScans.NO_GATE : scan.gate()));
    item.put("direction", s(scan.direction().wire()));
    item.put("nonce", s(scan.nonce()));
    item.put("scannedAt", s(at));
    item.put("result", s(result.result().wire()));
    if (result.reason() != null) {
      item.put("reason", s(result.reason().wire()));
    }
    item.put("replayed", AttributeValue.fromBool(result.replayed()));
    if (entry.keepUntil() != null) {
      item.put("expiresAt", AttributeValue.fromN(Long.toString(entry.keepUntil().getEpochSecond())));
    }
    try {
      // Keyed by the scan: a retried write (or a redelivered stream record) leaves one entry.
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException alreadyLogged) {
      // The entry is there already.
    }
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep(Math.min(200, 10L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
