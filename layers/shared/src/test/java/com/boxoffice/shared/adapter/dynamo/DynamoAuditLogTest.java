package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.AuditPage;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class DynamoAuditLogTest {
  private static final Instant T0 = Instant.parse("2036-03-01T10:00:00Z");

  @Test
  void listsOneOrganizationsEntriesNewestFirstPageByPageAndNoOtherTenants(LocalAws aws, LocalResources res) {
    var log = new DynamoAuditLog(aws.dynamo(), res.table("BoxofficeTable"));
    for (int i = 0; i < 7; i++) {
      log.record(new AuditEntry("org_audit_a", "alice", "event.updated", "event", "evt-" + i, T0.plusSeconds(i),
          "{\"name\":\"old\"}", "{\"name\":\"new\"}"));
    }
    log.record(new AuditEntry("org_audit_b", "bob", "event.created", "event", "evt-b", T0, null, "{}"));

    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      AuditPage page = log.list("org_audit_a", cursor, 3);
      page.entries().forEach(e -> seen.add(e.targetId()));
      cursor = page.next();
      pages++;
    } while (cursor.isPresent());

    assertThat(seen).containsExactly("evt-6", "evt-5", "evt-4", "evt-3", "evt-2", "evt-1", "evt-0");
    assertThat(pages).isBetween(3, 4);
    var first = log.list("org_audit_a", Optional.empty(), 1).entries().get(0);
    assertThat(first).isEqualTo(new AuditEntry("org_audit_a", "alice", "event.updated", "event", "evt-6",
        T0.plusSeconds(6), "{\"name\":\"old\"}", "{\"name\":\"new\"}"));
    assertThat(log.list("org_audit_b", Optional.empty(), 10).entries()).singleElement()
        .satisfies(e -> assertThat(e.before()).isNull());
  }

  @Test
  void aForgedCursorIsRefusedRatherThanReadingAnotherPartition(LocalAws aws, LocalResources res) {
    var log = new DynamoAuditLog(aws.dynamo(), res.table("BoxofficeTable"));
    String otherKey = java.util.Base64.getUrlEncoder().encodeToString("EVENT".getBytes());
    assertThatThrownBy(() -> log.list("org_audit_a", Optional.of(otherKey), 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.list("org_audit_a", Optional.of("%%%"), 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEventsOwnerIsItsOrganizationIdAndAMissingEventHasNone(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    aws.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("EVENT#evt-owned"),
        "sk", AttributeValue.fromS("EVENT"), "organizationId", AttributeValue.fromS("org_audit_a"))));
    var owners = new DynamoEventOwners(aws.dynamo(), table);
    assertThat(owners.ownerOf("evt-owned")).contains("org_audit_a");
    assertThat(owners.owns("org_audit_a", "evt-owned")).isTrue();
    assertThat(owners.owns("org_audit_b", "evt-owned")).isFalse();
    assertThat(owners.ownerOf("evt-missing")).isEmpty();
  }
}
