package com.boxoffice.tablestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.boxoffice.shared.adapter.dynamo.TableChange;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A record holding a value of no known kind fails alone, as the batch's item failure. */
@Tag("fast")
class UnreadableRecordTest {

  private static DynamodbEvent.DynamodbStreamRecord record(String seq, Map<String, AttributeValue> image) {
    var r = new DynamodbEvent.DynamodbStreamRecord();
    r.setEventID("id-" + seq);
    r.setEventName("MODIFY");
    StreamRecord d = new StreamRecord();
    d.setSequenceNumber(seq);
    d.setNewImage(image);
    r.setDynamodb(d);
    return r;
  }

  @Test
  void theRecordsBeforeItAreAppliedAndItIsReportedSoItIsRetriedNotDroppedOrLooped() {
    List<String> applied = new ArrayList<>();
    var capture = new EmfCapture(new MutableClock(StreamFixture.NOW));
    var handler = new ProcessTableStreamHandler(new TableStream(List.of(c -> applied.add(c.sequenceNumber()))),
        capture.metrics());
    Map<String, AttributeValue> ok = Map.of("pk", new AttributeValue("TICKET#t1"), "sk", new AttributeValue("TICKET"));
    Map<String, AttributeValue> unknown = Map.of("pk", new AttributeValue("TICKET#t1"),
        "sk", new AttributeValue("TICKET"), "venue", new AttributeValue());
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(record("100", ok), record("200", unknown), record("300", ok)));

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(applied).containsExactly("100");
    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("200");
    assertThat(capture.only().get("StreamRecords").asInt()).isEqualTo(3);
    assertThat(capture.only().get("StreamRecordsFailed").asInt()).isEqualTo(1);
  }

  @Test
  void aProjectionFailingBeforeTheUnreadableRecordIsTheOneReported() {
    var handler = new ProcessTableStreamHandler(new TableStream(List.of((TableChange c) -> {
      throw new IllegalStateException("throttled");
    })), new EmfCapture(new MutableClock(StreamFixture.NOW)).metrics());
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(record("100", Map.of("pk", new AttributeValue("TICKET#t1"))),
        record("200", Map.of("pk", new AttributeValue()))));

    assertThat(handler.handleRequest(event, null).getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).containsExactly("100");
  }
}
