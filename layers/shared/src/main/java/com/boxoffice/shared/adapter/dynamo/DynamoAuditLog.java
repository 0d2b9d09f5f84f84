package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.AuditPage;
import com.boxoffice.shared.port.out.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit log in the main table: {@code ORG#<organizationId>} / {@code AUDIT#<at ISO>#<uuid>}, so
 * one query lists an organization's entries in time order. Entries are put with
 * {@code attribute_not_exists} and never carry {@code expiresAt}. The cursor is the last sort key
 * read, base64url-encoded; it only ever selects within the caller's own partition.
 */
public final class DynamoAuditLog implements AuditLog {
  private static final Pattern SORT_KEY = Pattern.compile("AUDIT#[0-9TZ:.\\-]+#[0-9a-f\\-]{36}");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoAuditLog(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public void record(AuditEntry e) {
    Map<String, AttributeValue> item = item(e);
    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
  }

  /** The entry's item, for adapters that write it in the same transaction as the change it records. */
  static Map<String, AttributeValue> item(AuditEntry e) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("ORG#" + e.organizationId()));
    item.put("sk", s("AUDIT#" + e.at() + "#" + UUID.randomUUID()));
    item.put("organizationId", s(e.organizationId()));
    item.put("actor", s(e.actor()));
    item.put("action", s(e.action()));
    item.put("targetType", s(e.targetType()));
    item.put("targetId", s(e.targetId()));
    item.put("at", s(e.at().toString()));
    if (e.before() != null) {
      item.put("before", s(e.before()));
    }
    if (e.after() != null) {
      item.put("after", s(e.after()));
    }
    return item;
  }

  @Override
  public AuditPage list(String organizationId, Optional<String> cursor, int limit) {
    Map<String, AttributeValue> key = Map.of("pk", s("ORG#" + organizationId), "sk", s("AUDIT#"));
    Map<String, AttributeValue> start = cursor.map(c -> Map.of("pk", s("ORG#" + organizationId), "sk", s(decode(c))))
        .orElse(null);
    var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :audit)")
        .expressionAttributeValues(Map.of(":pk", key.get("pk"), ":audit", key.get("sk")))
        .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
    List<AuditEntry> entries = new ArrayList<>();
    for (var item : page.items()) {
      entries.add(new AuditEntry(str(item, "organizationId"), str(item, "actor"), str(item, "action"),
          str(item, "targetType"), str(item, "targetId"), Instant.parse(str(item, "at")), str(item, "before"),
          str(item, "after")));
    }
    Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? Optional.of(encode(page.lastEvaluatedKey().get("sk").s())) : Optional.empty();
    return new AuditPage(entries, next);
  }

  private static String encode(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    String sortKey;
    try {
      sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    if (!SORT_KEY.matcher(sortKey).matches()) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    return sortKey;
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    var v = item.get(name);
    return v == null ? null : v.s();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
