package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.ScanLogProjection;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.door.Admissions;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScannerNotAssignedException;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Door devices through the organizer handler, checked at the door itself: {@link Admissions} on
 * {@link DynamoDoorStore} reads the assignment the organizer wrote, admits while it stands and
 * refuses the device's next scan once it is revoked.
 */
@ExtendWith(LocalAwsExtension.class)
class DeviceRoutesTest {
  private static final Instant SCAN_AT = Instant.parse("2036-07-01T19:00:00Z");

  @Test
  void anAssignedDeviceScansAndOnceRevokedItsNextScanIsRefused(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    String eventId = f.ok("POST", "/v1/org/events", OrganizerFixture.eventBody("Door night")).get("eventId").asText();
    JsonNode device = f.ok("POST", "/v1/org/devices", "{\"name\":\"North gate 1\"}");
    String deviceId = device.get("deviceId").asText();
    assertThat(device.get("revoked").asBoolean()).isFalse();

    JsonNode assigned = f.ok("POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + eventId + "\"}");
    assertThat(assigned.get("eventIds")).hasSize(1);
    assertThat(assigned.get("eventIds").get(0).asText()).isEqualTo(eventId);

    SignedTicketCodes codes = new SignedTicketCodes(SigningKeysSetting.parse("{\"active\":\"k1\",\"keys\":{\"k1\":"
        + "{\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}", "QR_SIGNING_KEYS"));
    var door = new Admissions(codes, new DynamoDoorStore(f.dynamo, f.table));
    Ticket first = ticket(f, eventId, "ord_dev_1");
    Ticket second = ticket(f, eventId, "ord_dev_2");

    var admitted = door.scan(scan(deviceId, eventId, codes.codeFor(first)));
    assertThat(admitted.admitted()).isTrue();
    // An admission reaches the scan log from the table's stream, as process-table-stream writes it.
    new TableStream(java.util.List.of(new ScanLogProjection(new DynamoDoorStore(f.dynamo, f.table))))
        .apply(new DynamoStreamReader(f.dynamo, aws.dynamoStreams(), f.table).poll())
        .ifPresent(failed -> {
          throw new AssertionError("stream record " + failed + " failed");
        });
    JsonNode listed = f.ok("GET", "/v1/org/devices", null).get("devices").get(0);
    assertThat(listed.get("lastScanAt").asText()).isEqualTo(SCAN_AT.toString());

    JsonNode revoked = f.ok("POST", "/v1/org/devices/" + deviceId + "/revoke", null);
    assertThat(revoked.get("revoked").asBoolean()).isTrue();
    assertThatThrownBy(() -> door.scan(scan(deviceId, eventId, codes.codeFor(second))))
        .isInstanceOf(ScannerNotAssignedException.class);

    var reassign = f.call("POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + eventId + "\"}");
    assertThat(reassign.getStatusCode()).isEqualTo(409);
    assertThat(json(reassign).path("error").path("code").asText()).isEqualTo("device_revoked");
    assertThat(f.ok("POST", "/v1/org/devices/" + deviceId + "/revoke", null).get("revoked").asBoolean()).isTrue();

    var actions = new java.util.ArrayList<String>();
    f.ok("GET", "/v1/org/audit", null).get("entries").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).contains("device.registered", "device.assigned", "device.revoked");
  }

  @Test
  void aDeviceCannotBeAssignedToAnotherOrganizationsEvent(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    String theirs = json(f.call(OrganizerFixture.organizer(OrganizerFixture.OTHER_ORG), "POST", "/v1/org/events",
        OrganizerFixture.eventBody("Theirs"), Map.of())).get("eventId").asText();
    String deviceId = f.ok("POST", "/v1/org/devices", "{\"name\":\"Gate\"}").get("deviceId").asText();
    String before = f.snapshot();

    var r = f.call("POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + theirs + "\"}");

    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("not_found");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  private static Ticket ticket(OrganizerFixture f, String eventId, String orderId) {
    Ticket t = new Ticket(Ticket.idFor(orderId, 1), eventId, orderId, 1, "general", "General", "Ada Lovelace",
        TicketStatus.VALID, SCAN_AT.minus(Duration.ofDays(1)), SCAN_AT.minus(Duration.ofHours(3)),
        SCAN_AT.plus(Duration.ofHours(6)));
    f.dynamo.putItem(b -> b.tableName(f.table).item(TicketItems.toItem(t)));
    return t;
  }

  private static ScanRequest scan(String deviceId, String eventId, String code) {
    return new ScanRequest(deviceId, eventId, Direction.ENTRY, UUID.randomUUID().toString(), "north", code, SCAN_AT);
  }
}
