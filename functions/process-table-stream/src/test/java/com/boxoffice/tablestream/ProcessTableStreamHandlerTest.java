package com.boxoffice.tablestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.adapter.dynamo.ScanLogProjection;
import com.boxoffice.shared.adapter.dynamo.TableProjection;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream consumer on DynamoDB Local's own stream: what the door's writes become in the scan log. */
@ExtendWith(LocalAwsExtension.class)
class ProcessTableStreamHandlerTest {

  private static ProcessTableStreamHandler handler(StreamFixture f, TableProjection... more) {
    List<TableProjection> projections = new ArrayList<>();
    projections.add(new ScanLogProjection(f.door));
    projections.addAll(List.of(more));
    return new ProcessTableStreamHandler(new TableStream(projections),
        new EmfCapture(new MutableClock(StreamFixture.NOW)).metrics());
  }

  @Test
  void anAdmissionAndAnExitBecomeOneEntryEachEvenWhenTheBatchIsDeliveredTwice(LocalAws aws, LocalResources res) {
    var f = new StreamFixture(aws, res);
    var handler = handler(f);
    Ticket t = f.issue();
    f.door.enter(t.ticketId(), f.scan("s1", "n-1", Direction.ENTRY, StreamFixture.NOW), true);
    f.door.exit(t.ticketId(), f.scan("s2", "x-1", Direction.EXIT, StreamFixture.NOW.plusSeconds(60)));
    f.door.enter(t.ticketId(), f.scan("s1", "n-2", Direction.ENTRY, StreamFixture.NOW.plusSeconds(120)), true);

    var batch = f.nextBatch();
    assertThat(batch.getRecords()).as("the ticket's insert and its three door changes").hasSize(4);
    assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
    assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).as("delivered again").isEmpty();

    var log = f.scanLog(t.ticketId());
    assertThat(log).extracting(e -> e.get("nonce").s() + ":" + e.get("direction").s() + ":" + e.get("result").s()
        + ":" + (e.containsKey("reason") ? e.get("reason").s() : "-"))
        .containsExactlyInAnyOrder("n-1:entry:ok:-", "x-1:exit:ok:-", "n-2:entry:ok:reentry");
    var first = log.stream().filter(e -> e.get("nonce").s().equals("n-1")).findFirst().orElseThrow();
    assertThat(first.get("sk").s()).isEqualTo("SCAN#" + StreamFixture.NOW + "#n-1#s1");
    assertThat(first.get("scannerId").s()).isEqualTo("s1");
    assertThat(first.get("gate").s()).isEqualTo("north");
    assertThat(first.get("gsi1pk").s()).isEqualTo("SCANS#" + StreamFixture.EVENT);
    assertThat(first).as("admissions are kept").doesNotContainKey("expiresAt");
  }

  @Test
  void aTicketChangeNoScanMadeWritesNothing(LocalAws aws, LocalResources res) {
    var f = new StreamFixture(aws, res);
    var handler = handler(f);
    Ticket t = f.issue();
    f.door.enter(t.ticketId(), f.scan("s1", "n-1", Direction.ENTRY, StreamFixture.NOW), false);
    f.dynamo.updateItem(b -> b.tableName(f.table).key(Map.of("pk", AttributeValue.fromS("TICKET#" + t.ticketId()),
            "sk", AttributeValue.fromS("TICKET"))).updateExpression("SET #s = :s")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("REVOKED"))));

    // A status this version does not know (a later release's): not a scan, so not even read.
    f.dynamo.updateItem(b -> b.tableName(f.table).key(Map.of("pk", AttributeValue.fromS("TICKET#" + t.ticketId()),
            "sk", AttributeValue.fromS("TICKET"))).updateExpression("SET #s = :s")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SOMETHING_NEW"))));

    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).isEmpty();
    assertThat(f.scanLog(t.ticketId())).as("the admission only, not the later changes").hasSize(1);
  }

  @Test
  void aRecordThatFailsIsReportedAndTheRecordsBeforeItAreDone(LocalAws aws, LocalResources res) {
    var f = new StreamFixture(aws, res);
    Ticket a = f.issue();
    Ticket b = f.issue();
    f.door.enter(a.ticketId(), f.scan("s1", "n-a", Direction.ENTRY, StreamFixture.NOW), false);
    f.door.enter(b.ticketId(), f.scan("s1", "n-b", Direction.ENTRY, StreamFixture.NOW), false);
    var batch = f.nextBatch();
    String failing = batch.getRecords().stream()
        .filter(r -> r.getEventName().equals("MODIFY")
            && r.getDynamodb().getNewImage().get("ticketId").getS().equals(b.ticketId()))
        .findFirst().orElseThrow().getDynamodb().getSequenceNumber();
    var handler = handler(f, change -> {
      if (change.sequenceNumber().equals(failing)) {
        throw new IllegalStateException("a projection could not write");
      }
    });

    var response = handler.handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).extracting(x -> x.getItemIdentifier()).containsExactly(failing);
    assertThat(f.scanLog(a.ticketId())).as("applied before the failure").hasSize(1);
    // What Lambda does next: it delivers the batch again from the failed record.
    var retry = handler(f).handleRequest(batch, null);
    assertThat(retry.getBatchItemFailures()).isEmpty();
    assertThat(f.scanLog(b.ticketId())).hasSize(1);
    assertThat(f.scanLog(a.ticketId())).as("still one").hasSize(1);
  }

  @Test
  void theSampleBatchWritesTheAdmissionAndIgnoresTheRefund(LocalAws aws, LocalResources res) {
    var f = new StreamFixture(aws, res);
    var event = EventLoader.loadDynamoDbEvent(
        RepoRoot.find().resolve("events/process-table-stream/ticket-admitted.json").toString());

    assertThat(handler(f).handleRequest(event, null).getBatchItemFailures()).isEmpty();

    var log = f.scanLog("ord_0a1b2c3d4e5f60718293a4b5-1");
    assertThat(log).hasSize(1);
    assertThat(log.get(0).get("scannerId").s()).isEqualTo("scanner-demo");
    assertThat(log.get(0).get("result").s()).isEqualTo("ok");
    assertThat(f.scanLog("ord_0a1b2c3d4e5f60718293a4b5-2")).isEmpty();
  }
}
