package com.boxoffice.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoScanAnomalyStore;
import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.domain.anomaly.AnomalyKind;
import com.boxoffice.shared.domain.anomaly.AnomalySettings;
import com.boxoffice.shared.domain.anomaly.ScanAnomalyDetector;
import com.boxoffice.shared.metrics.EmfAnomalyMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The detector on DynamoDB Local through the handler: scan log entries of known tickets (from
 * {@code gsi1}) and of codes that named none (the hourly partitions), a watermark so a scan is
 * examined once, anomaly entries written once, and the metric line the alarms watch.
 */
@ExtendWith(LocalAwsExtension.class)
class DetectScanAnomaliesTest {
  /** Later than the real clock: DynamoDB Local applies TTL against real time. */
  static final Instant NOW = Instant.parse("2036-06-01T19:00:00Z");

  static int sum(EmfCapture metrics, String name) {
    return metrics.lines().stream().mapToInt(l -> l.path(name).asInt()).sum();
  }

  @Test
  void aCopiedCodeAndAFallbackGuesserAreFoundOnceAndCounted(LocalAws aws, LocalResources res) {
    var log = new ScanLogFixture(aws, res);
    String event = "evt-anom-" + System.nanoTime() % 100_000;
    log.event(event, "org-1", NOW.plus(Duration.ofHours(1)));
    Instant t = NOW.minusSeconds(50);
    log.scan(event, "ord_copy-1", "s-north", "north", t, "ok", null);
    log.scan(event, "ord_copy-1", "s-south", "south", t.plusSeconds(4), "already_redeemed", "inside");
    for (int i = 0; i < 5; i++) {
      log.scan(event, null, "s-west", "west", t.plusSeconds(10 + i), "invalid", "unknown_fallback_code");
    }
    for (int i = 0; i < 20; i++) {
      log.scan(event, "ord_fine" + i + "-1", "s-east", "east", t.plusSeconds(i), "ok", null);
    }
    var clock = new MutableClock(NOW);
    var metrics = new EmfCapture(clock);
    var store = new DynamoScanAnomalyStore(aws.dynamo(), res.table("BoxofficeTable"));
    var handler = new DetectScanAnomaliesHandler(new ScanAnomalyDetector(store,
        new EmfAnomalyMetrics(metrics.metrics(), DetectScanAnomaliesHandler.FUNCTION), AnomalySettings.DEFAULTS, clock));

    Map<String, Object> first = handler.handleRequest(Map.of(), null);
    clock.advance(Duration.ofMinutes(1));
    Map<String, Object> second = handler.handleRequest(Map.of(), null);

    assertThat(first).containsEntry("anomalies", 2);
    assertThat(second).containsEntry("anomalies", 0).containsEntry("scansExamined", 0);
    assertThat(store.list(event, 10)).extracting(a -> a.kind() + " " + a.subject())
        .containsExactly("FALLBACK_BURST s-west", "MULTI_GATE ord_copy-1");
    Anomaly copy = store.list(event, 10).get(1);
    assertThat(copy.gates()).containsExactly("north", "south");
    assertThat(copy.at()).isEqualTo(t.plusSeconds(4));
    assertThat(sum(metrics, AnomalyKind.MULTI_GATE.metric())).isEqualTo(1);
    assertThat(sum(metrics, AnomalyKind.FALLBACK_BURST.metric())).isEqualTo(1);
    assertThat(sum(metrics, AnomalyKind.READMISSION_ATTEMPT.metric())).isZero();
  }

  @Test
  void theListOfOpenDoorsIsReadAtMostOnceInItsReuseTimeAndReadWider(LocalAws aws, LocalResources res) {
    var log = new ScanLogFixture(aws, res);
    var store = new DynamoScanAnomalyStore(aws.dynamo(), res.table("BoxofficeTable"), Duration.ofMinutes(10));
    String tag = "evt-ttl-" + System.nanoTime() % 100_000;
    log.event(tag + "a", "org-1", NOW);
    // its door opens (6 h before the start) five minutes from now: inside the wider read
    log.event(tag + "b", "org-1", NOW.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(5)));

    assertThat(store.activeEvents(NOW)).contains(tag + "a", tag + "b");
    log.event(tag + "c", "org-1", NOW);
    assertThat(store.activeEvents(NOW.plus(Duration.ofMinutes(9)))).as("reused").doesNotContain(tag + "c");
    assertThat(store.activeEvents(NOW.plus(Duration.ofMinutes(10)))).as("read again").contains(tag + "c");
  }
}
