package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.domain.door.Admissions;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.ScanOutcome;
import com.boxoffice.shared.domain.door.ScanReason;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reissuing a ticket's code through the route, then scanning at the real door (Admissions on
 * DynamoDB Local): the old QR code and the old fallback code are refused as {@code code_reissued},
 * the new ones admit.
 */
@ExtendWith(LocalAwsExtension.class)
class ReissueCodeTest {
  OrgOrdersFixture f;
  Admissions door;
  String event;
  /** During the event, when the seeded tickets are valid. */
  final Instant scanAt = com.boxoffice.shared.testing.SeededOrders.EVENT_STARTS_AT.plusSeconds(600);

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    f = new OrgOrdersFixture(aws, res);
    door = new Admissions(f.codes, new DynamoDoorStore(f.dynamo, f.table));
    event = f.event(f.org);
    f.dynamo.putItem(b -> b.tableName(f.table).item(Map.of(
        "pk", AttributeValue.fromS("SCANNER#gate-1"), "sk", AttributeValue.fromS("EVENT#" + event),
        "scannerId", AttributeValue.fromS("gate-1"), "eventId", AttributeValue.fromS(event),
        "revoked", AttributeValue.fromBool(false))));
  }

  @Test
  void theOldCodesAreRefusedAsReissuedAndTheNewOnesAdmit() {
    String orderId = f.paidOrder(event, 2, "ada@example.com");
    Ticket original = f.ticket(Ticket.idFor(orderId, 1));
    String oldQr = f.codes.codeFor(original);
    String oldFallback = f.codes.fallbackCodeFor(original);

    var response = f.call(f.org, "POST", "/v1/org/tickets/" + original.ticketId() + "/reissue-code", null, "r-1");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(OrgOrdersFixture.json(response).get("codeVersion").asInt()).isEqualTo(1);
    Ticket reissued = f.ticket(original.ticketId());
    assertThat(reissued.codeVersion()).isEqualTo(1);
    assertThat(f.codes.codeFor(reissued)).isNotEqualTo(oldQr);
    assertThat(f.codes.fallbackCodeFor(reissued)).isNotEqualTo(oldFallback);

    ScanResult oldQrScan = scan(oldQr);
    ScanResult oldFallbackScan = scan(oldFallback);
    assertThat(oldQrScan.result()).isEqualTo(ScanOutcome.INVALID);
    assertThat(oldQrScan.reason()).isEqualTo(ScanReason.CODE_REISSUED);
    assertThat(oldFallbackScan.reason()).isEqualTo(ScanReason.CODE_REISSUED);

    ScanResult newFallbackScan = scan(f.codes.fallbackCodeFor(reissued));
    assertThat(newFallbackScan.result()).isEqualTo(ScanOutcome.OK);
    assertThat(newFallbackScan.ticketId()).isEqualTo(original.ticketId());

    var audit = f.auditOf(f.org);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).action()).isEqualTo("ticket.code_reissued");
    assertThat(audit.get(0).before()).contains("\"codeVersion\":0");
    assertThat(audit.get(0).after()).contains("\"codeVersion\":1").doesNotContain(oldQr).doesNotContain(oldFallback);
  }

  @Test
  void onlyTheLatestOfSeveralReissuedCodesAdmitsAndTheOtherTicketsAreUntouched() {
    String orderId = f.paidOrder(event, 2, "ada@example.com");
    String ticketId = Ticket.idFor(orderId, 1);
    f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/reissue-code", null);
    String firstReissue = f.codes.codeFor(f.ticket(ticketId));
    f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/reissue-code", null);
    Ticket latest = f.ticket(ticketId);

    assertThat(latest.codeVersion()).isEqualTo(2);
    assertThat(scan(firstReissue).reason()).isEqualTo(ScanReason.CODE_REISSUED);
    assertThat(scan(f.codes.codeFor(latest)).result()).isEqualTo(ScanOutcome.OK);
    Ticket sibling = f.ticket(Ticket.idFor(orderId, 2));
    assertThat(sibling.codeVersion()).isZero();
    assertThat(scan(f.codes.codeFor(sibling)).result()).isEqualTo(ScanOutcome.OK);
  }

  private ScanResult scan(String code) {
    return door.scan(new ScanRequest("gate-1", event, Direction.ENTRY, UUID.randomUUID().toString(), "north", code,
        scanAt));
  }
}
