package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every decided scan leaves one audit entry, readable ones by ticket and event, the rest by event and hour. */
@ExtendWith(LocalAwsExtension.class)
class ScanLogTest {

  @Test
  void acceptedRefusedUnreadableAndUnassignedScansAreAllLogged(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    var ticket = f.issue(EVENT);
    String code = f.codes.codeFor(ticket);

    f.scan("s1", code, EVENT, "entry", "ok-1");
    f.scan("s1", code, EVENT, "entry", "again-1");
    f.scan("s1", "NOT A CODE AT ALL 1234", EVENT, "entry", "junk-1");
    f.scan("intruder", code, EVENT, "entry", "who-1");

    var byTicket = f.scanLog(ticket.ticketId());
    assertThat(byTicket).extracting(i -> i.get("result").s()).containsExactlyInAnyOrder("ok", "already_redeemed");
    var first = byTicket.stream().filter(i -> i.get("nonce").s().equals("ok-1")).findFirst().orElseThrow();
    assertThat(first.get("scannerId").s()).isEqualTo("s1");
    assertThat(first.get("gate").s()).isEqualTo("north");
    assertThat(first.get("gsi1pk").s()).isEqualTo("SCANS#" + EVENT);
    assertThat(first).doesNotContainKey("expiresAt");

    List<Map<String, AttributeValue>> unnamed = f.dynamo.query(b -> b.tableName(f.table)
        .keyConditionExpression("pk = :pk").consistentRead(true)
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SCANLOG#" + EVENT + "#2036-06-01T18")))).items();
    assertThat(unnamed).extracting(i -> i.get("nonce").s() + ":" + i.get("result").s() + ":" + i.get("reason").s())
        .containsExactlyInAnyOrder("junk-1:invalid:malformed", "who-1:refused:scanner_not_assigned");
  }
}
