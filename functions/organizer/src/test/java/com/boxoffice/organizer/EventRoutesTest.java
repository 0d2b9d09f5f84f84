package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Events through the organizer handler on DynamoDB Local: create, change, the status machine, listing, audit. */
@ExtendWith(LocalAwsExtension.class)
class EventRoutesTest {

  @Test
  void anEventIsCreatedAsADraftOfTheCallersOrganizationAndWalksThroughItsStatuses(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    f.stepClock = true;
    JsonNode created = f.ok("POST", "/v1/org/events", OrganizerFixture.eventBody("Spring Gala"));
    String id = created.get("eventId").asText();
    assertThat(created.get("status").asText()).isEqualTo("DRAFT");
    assertThat(created.get("salesCloseAt").asText()).isEqualTo("2036-07-01T23:00:00Z");
    var item = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + id), "sk", AttributeValue.fromS("EVENT")))).item();
    assertThat(item.get("organizationId").s()).isEqualTo(OrganizerFixture.ORG);
    assertThat(item.get("allowReentry").bool()).isTrue();

    JsonNode changed = f.ok("PATCH", "/v1/org/events/" + id,
        "{\"venue\":\"Hall 2\",\"timeZone\":\"America/New_York\",\"allowReentry\":false,\"rotatingCodes\":true,"
            + "\"printedCodesAllowed\":false}");
    assertThat(changed.get("venue").asText()).isEqualTo("Hall 2");
    assertThat(changed.get("name").asText()).isEqualTo("Spring Gala");
    assertThat(changed.get("allowReentry").asBoolean()).isFalse();

    var noTypes = f.call("POST", "/v1/org/events/" + id + "/publish", null);
    assertThat(noTypes.getStatusCode()).isEqualTo(400);
    assertThat(json(noTypes).path("error").path("fields").has("ticketTypes")).isTrue();

    f.ok("POST", "/v1/org/events/" + id + "/ticket-types", "{\"name\":\"GA\",\"price\":1500,\"capacity\":50}");
    assertThat(f.ok("POST", "/v1/org/events/" + id + "/publish", null).get("status").asText()).isEqualTo("ON_SALE");
    assertThat(f.ok("POST", "/v1/org/events/" + id + "/pause", "{}").get("status").asText()).isEqualTo("PAUSED");
    var pausedTwice = f.call("POST", "/v1/org/events/" + id + "/pause", null);
    assertThat(pausedTwice.getStatusCode()).isEqualTo(409);
    assertThat(json(pausedTwice).path("error").path("code").asText()).isEqualTo("invalid_transition");
    assertThat(f.ok("POST", "/v1/org/events/" + id + "/publish", null).get("status").asText()).isEqualTo("ON_SALE");
    assertThat(f.ok("POST", "/v1/org/events/" + id + "/close", null).get("status").asText()).isEqualTo("CLOSED");

    var reopen = f.call("POST", "/v1/org/events/" + id + "/publish", null);
    assertThat(reopen.getStatusCode()).isEqualTo(409);
    assertThat(json(reopen).path("error").path("code").asText()).isEqualTo("invalid_transition");
    var edit = f.call("PATCH", "/v1/org/events/" + id, "{\"name\":\"Later\"}");
    assertThat(edit.getStatusCode()).isEqualTo(409);
    assertThat(json(edit).path("error").path("code").asText()).isEqualTo("event_not_editable");

    JsonNode got = f.ok("GET", "/v1/org/events/" + id, null);
    assertThat(got.get("status").asText()).isEqualTo("CLOSED");
    assertThat(got.get("ticketTypes")).hasSize(1);

    List<String> actions = new ArrayList<>();
    f.ok("GET", "/v1/org/audit?limit=100", null).get("entries").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).containsExactly("event.closed", "event.published", "event.paused", "event.published",
        "ticket_type.created", "event.updated", "event.created");
    JsonNode update = f.ok("GET", "/v1/org/audit?limit=100", null).get("entries").get(5);
    assertThat(update.get("actor").asText()).isEqualTo("alice@org_alpha");
    assertThat(update.get("before").get("venue").asText()).isEqualTo("Hall 1");
    assertThat(update.get("after").get("venue").asText()).isEqualTo("Hall 2");
  }

  @Test
  void theListPagesThroughTheOrganizationsEventsOnly(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      mine.add(f.ok("POST", "/v1/org/events", OrganizerFixture.eventBody("Night " + i)).get("eventId").asText());
      f.clock.advance(java.time.Duration.ofSeconds(1));
    }
    f.call(OrganizerFixture.organizer(OrganizerFixture.OTHER_ORG), "POST", "/v1/org/events",
        OrganizerFixture.eventBody("Theirs"), Map.of());

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = f.ok("GET", "/v1/org/events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
      page.get("events").forEach(e -> seen.add(e.get("eventId").asText()));
      cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).isEqualTo(mine);

    var bad = f.call("GET", "/v1/org/events?cursor=bm9wZQ", null);
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(OrganizerFixture.fields(json(bad))).contains("cursor");
    assertThat(f.call("GET", "/v1/org/events?limit=0", null).getStatusCode()).isEqualTo(400);
    assertThat(f.call("GET", "/v1/org/audit?limit=abc", null).getStatusCode()).isEqualTo(400);
  }

  @Test
  void aRepeatedCreateWithTheSameIdempotencyKeyCreatesOneEvent(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    var claims = OrganizerFixture.organizer(OrganizerFixture.ORG);
    var first = f.call(claims, "POST", "/v1/org/events", OrganizerFixture.eventBody("Once"), Map.of("idempotency-key", "k-1"));
    var again = f.call(claims, "POST", "/v1/org/events", OrganizerFixture.eventBody("Once"), Map.of("idempotency-key", "k-1"));
    var other = f.call(claims, "POST", "/v1/org/events", OrganizerFixture.eventBody("Twice"), Map.of("idempotency-key", "k-1"));

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(other.getStatusCode()).isEqualTo(422);
    assertThat(f.ok("GET", "/v1/org/events", null).get("events")).hasSize(1);
  }

  @Test
  void badInputIsRefusedWithTheErrorEnvelopeAndWritesNothing(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    String[] ids = f.eventWithType(10);
    String before = f.snapshot();
    String events = "/v1/org/events";
    String type = "/v1/org/events/" + ids[0] + "/ticket-types/" + ids[1];
    record Case(String method, String path, String body, int status, String code, String field) {}
    for (Case c : List.of(
        new Case("POST", events, "{\"name\":\"X\",\"colour\":\"red\"}", 400, "unknown_field", "colour"),
        new Case("POST", events, "{\"name\":[\"x\"]}", 400, "invalid_field", "name"),
        new Case("POST", events, "{\"name\":{}}", 400, "invalid_field", "name"),
        new Case("POST", events, "[1,2]", 400, "malformed_json", null),
        new Case("POST", events, "{\"name\":", 400, "malformed_json", null),
        new Case("POST", events, null, 400, "malformed_json", null),
        new Case("POST", events, OrganizerFixture.eventBody("X").replace("2036-07-01T18", "2036-02-30T18"), 400,
            "validation_failed", "startsAt"),
        new Case("POST", events, OrganizerFixture.eventBody("X").replace("Europe/Berlin", "Mars/Olympus"), 400,
            "validation_failed", "timeZone"),
        new Case("POST", events, OrganizerFixture.eventBody("X").replace("2036-07-01T23", "2036-07-01T10"), 400,
            "validation_failed", "endsAt"),
        new Case("POST", events, OrganizerFixture.eventBody("X").replace("\"eur\"", "\"euro\""), 400,
            "validation_failed", "currency"),
        new Case("POST", events, "{\"name\":\"X\"}", 400, "validation_failed", "timeZone"),
        new Case("POST", events, "{\"name\":\"" + "x".repeat(9000) + "\"}", 413, "payload_too_large", null),
        new Case("PATCH", "/v1/org/events/" + ids[0], "{\"currency\":\"usd\"}", 400, "unknown_field", "currency"),
        new Case("PATCH", "/v1/org/events/" + ids[0], "{\"allowReentry\":\"yes\"}", 400, "invalid_field", "allowReentry"),
        new Case("PATCH", "/v1/org/events/" + ids[0], "{\"salesOpenAt\":\"2036-07-02T00:00:00Z\"}", 400,
            "validation_failed", "salesOpenAt"),
        new Case("PATCH", type, "{\"capacity\":-1}", 400, "validation_failed", "capacity"),
        new Case("PATCH", type, "{\"capacity\":2.5}", 400, "validation_failed", "capacity"),
        new Case("PATCH", type, "{\"capacity\":99999999999999999999}", 400, "validation_failed", "capacity"),
        new Case("PATCH", type, "{\"price\":-100}", 400, "validation_failed", "price"),
        new Case("PATCH", type, "{\"maxPerOrder\":0}", 400, "validation_failed", "maxPerOrder"),
        new Case("PATCH", type, "{\"price\":\"10\"}", 400, "invalid_field", "price"),
        new Case("POST", "/v1/org/events/" + ids[0] + "/ticket-types", "{\"name\":\"A\",\"price\":1}", 400,
            "validation_failed", "capacity"),
        new Case("POST", "/v1/org/events/" + ids[0] + "/publish", "{\"now\":true}", 400, "unknown_field", "now"),
        new Case("POST", "/v1/org/devices", "{}", 400, "validation_failed", "name"),
        new Case("POST", "/v1/org/devices", "{\"name\":\"\\u0000\"}", 400, "validation_failed", "name"),
        new Case("POST", "/v1/org/devices/dev_x/assignments", "{}", 400, "validation_failed", "eventId"),
        new Case("DELETE", events, null, 405, "method_not_allowed", null),
        new Case("GET", "/v1/org/nothing", null, 404, "route_not_found", null))) {
      var r = f.call(c.method(), c.path(), c.body());
      assertThat(r.getStatusCode()).as(c.toString() + " " + r.getBody()).isEqualTo(c.status());
      JsonNode body = json(r);
      assertThat(body.path("error").path("code").asText()).as(c.toString()).isEqualTo(c.code());
      if (c.field() != null) {
        assertThat(body.path("error").path("fields").has(c.field())).as(c + " " + r.getBody()).isTrue();
      }
    }
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void anEventWrittenBeforeOrganizersExistedCanBeChangedAndPaused(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    Map<String, AttributeValue> legacy = new java.util.HashMap<>();
    legacy.put("pk", AttributeValue.fromS("EVENT#evt-legacy"));
    legacy.put("sk", AttributeValue.fromS("EVENT"));
    legacy.put("eventId", AttributeValue.fromS("evt-legacy"));
    legacy.put("organizationId", AttributeValue.fromS(OrganizerFixture.ORG));
    legacy.put("name", AttributeValue.fromS("Demo"));
    legacy.put("startsAt", AttributeValue.fromS("2036-07-01T18:00:00Z"));
    legacy.put("endsAt", AttributeValue.fromS("2036-07-01T22:00:00Z"));
    legacy.put("salesCloseAt", AttributeValue.fromS("2036-07-01T18:00:00Z"));
    legacy.put("currency", AttributeValue.fromS("eur"));
    legacy.put("status", AttributeValue.fromS("ON_SALE"));
    f.dynamo.putItem(b -> b.tableName(f.table).item(legacy));

    assertThat(f.ok("PATCH", "/v1/org/events/evt-legacy", "{\"venue\":\"Annex\"}").get("venue").asText())
        .isEqualTo("Annex");
    assertThat(f.ok("POST", "/v1/org/events/evt-legacy/pause", null).get("status").asText()).isEqualTo("PAUSED");
    assertThat(f.ok("PATCH", "/v1/org/events/evt-legacy", "{\"name\":\"Demo 2\"}").get("name").asText())
        .isEqualTo("Demo 2");
  }

  @Test
  void tokensWithoutTheOrganizerScopeOrAnOrganizationAreRefused(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    var buyer = f.call(Map.of("sub", "b1", "scope", "buyer", "org", "org_alpha"), "GET", "/v1/org/events", null, Map.of());
    var noOrg = f.call(Map.of("sub", "o1", "scope", "organizer"), "GET", "/v1/org/events", null, Map.of());
    var none = f.call(null, "GET", "/v1/org/events", null, Map.of());
    assertThat(buyer.getStatusCode()).isEqualTo(403);
    assertThat(json(buyer).path("error").path("code").asText()).isEqualTo("insufficient_scope");
    assertThat(json(noOrg).path("error").path("code").asText()).isEqualTo("organization_required");
    assertThat(none.getStatusCode()).isIn(401, 403);
  }
}
