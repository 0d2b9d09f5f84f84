package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every organizer route, called with another organization's token on this organization's ids,
 * answers 404 {@code not_found} (never 403, so ids cannot be probed) and changes nothing; the
 * listing routes show the other organization nothing of this one.
 */
@ExtendWith(LocalAwsExtension.class)
class CrossTenantTest {

  @Test
  void anotherOrganizationsTokenFindsNothingAndChangesNothingOnAnyRoute(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    String[] ids = f.eventWithType(10);
    String event = "/v1/org/events/" + ids[0];
    String deviceId = f.ok("POST", "/v1/org/devices", "{\"name\":\"Gate\"}").get("deviceId").asText();
    f.ok("POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + ids[0] + "\"}");
    var other = OrganizerFixture.organizer(OrganizerFixture.OTHER_ORG);
    String before = f.mainTable();

    record Call(String method, String path, String body) {}
    for (Call c : List.of(
        new Call("GET", event, null),
        new Call("PATCH", event, "{\"name\":\"Taken over\"}"),
        new Call("POST", event + "/publish", null),
        new Call("POST", event + "/pause", null),
        new Call("POST", event + "/close", null),
        new Call("POST", event + "/ticket-types", "{\"name\":\"Free\",\"price\":0,\"capacity\":1000}"),
        new Call("PATCH", event + "/ticket-types/" + ids[1], "{\"capacity\":1}"),
        new Call("POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + ids[0] + "\"}"),
        new Call("POST", "/v1/org/devices/" + deviceId + "/revoke", null))) {
      for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("idempotency-key", "x-" + c.path()))) {
        var r = f.call(other, c.method(), c.path(), c.body(), headers);
        assertThat(r.getStatusCode()).as(c + " " + r.getBody()).isEqualTo(404);
        assertThat(json(r).path("error").path("code").asText()).as(c.toString()).isEqualTo("not_found");
      }
    }
    // A keyed refusal is a final answer and is stored in the idempotency table; nothing else may change.
    assertThat(f.mainTable()).isEqualTo(before);

    assertThat(json(f.call(other, "GET", "/v1/org/events", null, Map.of())).get("events")).isEmpty();
    assertThat(json(f.call(other, "GET", "/v1/org/devices", null, Map.of())).get("devices")).isEmpty();
    var audit = json(f.call(other, "GET", "/v1/org/audit", null, Map.of())).get("entries");
    assertThat(audit).isEmpty();
    // The owner still sees everything as it was.
    assertThat(f.ok("GET", event, null).get("name").asText()).isEqualTo("Night");
    assertThat(f.ok("GET", event, null).get("ticketTypes").get(0).get("capacity").asInt()).isEqualTo(10);
    assertThat(f.ok("GET", "/v1/org/devices", null).get("devices").get(0).get("revoked").asBoolean()).isFalse();
  }
}
