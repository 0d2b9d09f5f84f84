package com.boxoffice.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample stream events in events/process-analytics-stream, as Lambda would deliver them, twice. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {

  @Test
  void theSamplesAddWhatTheirReadmeSaysOnceEvenWhenDeliveredTwice(LocalAws aws, LocalResources res) {
    var store = new DynamoAnalyticsStore(aws.dynamo(), res.table("BoxofficeTable"), Clock.systemUTC());
    var emf = new EmfCapture(Clock.systemUTC());
    var handler = new ProcessAnalyticsStreamHandler(new ChangeApplier(store,
        new EmfAnalyticsMetrics(emf.metrics(), ProcessAnalyticsStreamHandler.FUNCTION), Clock.systemUTC()));
    var dir = RepoRoot.find().resolve("events/process-analytics-stream");
    for (String sample : new String[] {"order-paid.json", "door-admission.json"}) {
      var event = EventLoader.loadDynamoDbEvent(dir.resolve(sample).toString());
      assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
      assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();
    }
    var totals = store.totals("evt-1").orElseThrow();
    assertThat(totals.get(Counter.ORDERS)).isEqualTo(1);
    assertThat(totals.get(Counter.TICKETS_SOLD)).isEqualTo(2);
    assertThat(totals.get(Counter.GROSS_AMOUNT)).isEqualTo(5000);
    assertThat(totals.get(Counter.CHECK_INS)).isEqualTo(1);
    assertThat(totals.get(Counter.ADMITTED)).isEqualTo(1);
    assertThat(store.slots("evt-1")).filteredOn(s -> s.slot().equals(Slot.type("evt-1", "general")))
        .singleElement().satisfies(s -> assertThat(s.get(Counter.TICKETS_SOLD)).isEqualTo(2));
    var lines = emf.lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1).get(EmfAnalyticsMetrics.DUPLICATES).asInt()).isEqualTo(1);
    assertThat(lines.get(1).get(EmfAnalyticsMetrics.APPLIED).asInt()).isZero();
    assertThat(store.watermark()).contains(Instant.ofEpochSecond(1796666530));
  }
}
