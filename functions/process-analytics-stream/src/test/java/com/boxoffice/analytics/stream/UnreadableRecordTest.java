package com.boxoffice.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Delta;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.port.out.AnalyticsStore;
import com.boxoffice.shared.testing.EmfCapture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A ticket whose admission time arrives as a value of no known kind is neither counted as admitted
 * nor as not admitted: its record is the batch's item failure, after the records before it.
 */
@Tag("fast")
class UnreadableRecordTest {
  private static final Instant NOW = Instant.parse("2036-06-01T19:00:00Z");

  private static DynamodbEvent.DynamodbStreamRecord admission(String seq, AttributeValue firstAdmittedAt) {
    Map<String, AttributeValue> after = new HashMap<>(Map.of("pk", new AttributeValue("TICKET#t-" + seq),
        "sk", new AttributeValue("TICKET"), "eventId", new AttributeValue("evt-1"),
        "ticketTypeId", new AttributeValue("general")));
    after.put("firstAdmittedAt", firstAdmittedAt);
    var r = new DynamodbEvent.DynamodbStreamRecord();
    r.setEventID("change-" + seq);
    r.setEventName("INSERT");
    StreamRecord d = new StreamRecord();
    d.setSequenceNumber(seq);
    d.setApproximateCreationDateTime(java.util.Date.from(NOW));
    d.setNewImage(after);
    r.setDynamodb(d);
    return r;
  }

  @Test
  void theRecordIsReportedAndTheOnesBeforeItAreCounted() {
    var store = new RecordingStore();
    var handler = new ProcessAnalyticsStreamHandler(new ChangeApplier(store,
        new EmfAnalyticsMetrics(new EmfCapture(Clock.fixed(NOW, ZoneOffset.UTC)).metrics(),
            ProcessAnalyticsStreamHandler.FUNCTION), Clock.fixed(NOW, ZoneOffset.UTC)));
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(admission("100", new AttributeValue(NOW.toString())),
        admission("200", new AttributeValue()), admission("300", new AttributeValue(NOW.toString()))));

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("200");
    assertThat(store.applied).containsExactly("change-100");
    assertThat(store.admitted).isEqualTo(1);
  }

  /** Takes the changes' ids and their admissions; the reads the handler never makes are refused. */
  static final class RecordingStore implements AnalyticsStore {
    final List<String> applied = new ArrayList<>();
    long admitted;

    @Override
    public Applied apply(String changeId, Delta delta, Instant appliedAt) {
      applied.add(changeId);
      admitted += delta.amounts().getOrDefault(Slot.totals("evt-1"), Map.of()).getOrDefault(Counter.ADMITTED, 0L);
      return Applied.APPLIED;
    }

    @Override
    public void advanceWatermark(Instant appliedThrough) {}

    @Override
    public Optional<Instant> watermark() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredSlot> slots(String eventId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredSlot> totals(String eventId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredSlot> hours(String eventId, Instant from, Instant to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page types(String eventId, String cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean repair(Slot slot, Map<Counter, Long> values, long expectedVersion) {
      throw new UnsupportedOperationException();
    }
  }
}
