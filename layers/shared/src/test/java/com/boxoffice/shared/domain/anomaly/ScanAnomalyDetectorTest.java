package com.boxoffice.shared.domain.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryScanAnomalyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The detector on an in-memory scan log, run once a minute as the schedule does: ordinary door
 * traffic raises nothing, a scripted abuse pattern raises exactly the anomalies it should, and a
 * run repeated over the same scans writes and counts nothing twice.
 */
@Tag("fast")
class ScanAnomalyDetectorTest {
  static final String EVENT = "evt-1";
  static final Instant START = Instant.parse("2026-06-01T18:00:00Z");
  static final String[] GATES = {"north", "south", "east", "west"};

  final MutableClock clock = new MutableClock(START);
  final InMemoryScanAnomalyStore store = new InMemoryScanAnomalyStore().event(EVENT);
  final Map<AnomalyKind, Integer> counted = new EnumMap<>(AnomalyKind.class);
  int examined;
  final ScanAnomalyDetector detector = new ScanAnomalyDetector(store, (scans, found) -> {
    examined += scans;
    found.forEach((k, n) -> counted.merge(k, n, Integer::sum));
  }, AnomalySettings.DEFAULTS, clock);
  int nonce;

  ScanRecord scan(String ticketId, String scanner, String gate, Instant at, String result, String reason) {
    ScanRecord s = new ScanRecord(EVENT, ticketId, scanner, gate, "entry", "n-" + (++nonce), at, result, reason, false);
    store.scan(s);
    return s;
  }

  /** 1,000 distinct tickets at 4 gates over 20 minutes, one in 40 refused as not yet valid. */
  void ordinaryTraffic() {
    for (int i = 0; i < 1000; i++) {
      String gate = GATES[i % 4];
      boolean early = i % 40 == 39;
      scan("ord_t" + i + "-1", "s-" + gate, gate, START.plusMillis(1200L * i), early ? "invalid_time" : "ok",
          early ? "not_yet_valid" : null);
    }
  }

  /** Runs the detector once a minute until every scan up to {@code until} has settled. */
  List<Anomaly> runUntil(Instant until) {
    List<Anomaly> found = new ArrayList<>();
    while (clock.instant().isBefore(until.plus(ScanAnomalyDetector.SETTLE).plusSeconds(60))) {
      clock.advance(Duration.ofSeconds(60));
      found.addAll(detector.run().found());
    }
    return found;
  }

  @Test
  void ordinaryDoorTrafficRaisesNothing() {
    ordinaryTraffic();

    List<Anomaly> found = runUntil(START.plusSeconds(1200));

    assertThat(found).isEmpty();
    assertThat(store.anomalies()).isEmpty();
    assertThat(examined).as("every scan examined exactly once").isEqualTo(1000);
    assertThat(counted.values()).allMatch(n -> n == 0);
  }

  @Test
  void aScriptedAbusePatternRaisesExactlyTheExpectedAnomalies() {
    ordinaryTraffic();
    Instant t = START.plusSeconds(300);
    // a copied code: admitted at north, tried at south 5 s later and at east 3 s after that
    scan("ord_copy-1", "s-north", "north", t, "ok", null);
    scan("ord_copy-1", "s-south", "south", t.plusSeconds(5), "already_redeemed", "inside");
    scan("ord_copy-1", "s-east", "east", t.plusSeconds(8), "already_redeemed", "inside");
    // a second copy ten minutes after the admission
    scan("ord_late-1", "s-north", "north", t, "ok", null);
    scan("ord_late-1", "s-east", "east", t.plusSeconds(600), "already_redeemed", "inside");
    // staff scanning the same ticket twice at the same gate: nothing
    scan("ord_twice-1", "s-west", "west", t.plusSeconds(20), "ok", null);
    scan("ord_twice-1", "s-west", "west", t.plusSeconds(22), "already_redeemed", "inside");
    // a device fed with forgeries: 20 of 25 refused within two minutes
    for (int i = 0; i < 25; i++) {
      boolean forged = i % 5 != 0;
      scan(forged ? null : "ord_rogue" + i + "-1", "s-rogue", "south", t.plusSeconds(400 + 5L * i),
          forged ? "invalid" : "ok", forged ? "bad_signature" : null);
    }
    // someone guessing fallback codes: 6 misses in 30 s
    for (int i = 0; i < 6; i++) {
      scan(null, "s-west", "west", t.plusSeconds(700 + 5L * i), "invalid", "unknown_fallback_code");
    }

    List<Anomaly> found = runUntil(START.plusSeconds(1200));

    assertThat(found).extracting(a -> a.kind() + " " + a.subject()).containsExactlyInAnyOrder(
        "MULTI_GATE ord_copy-1", "READMISSION_ATTEMPT ord_late-1", "SCANNER_REFUSALS s-rogue",
        "FALLBACK_BURST s-west");
    Anomaly copy = found.stream().filter(a -> a.kind() == AnomalyKind.MULTI_GATE).findFirst().orElseThrow();
    assertThat(copy.gates()).containsExactly("north", "south");
    assertThat(copy.at()).isEqualTo(t.plusSeconds(5));
    assertThat(store.anomalies()).hasSize(4);
    assertThat(counted).containsEntry(AnomalyKind.MULTI_GATE, 1).containsEntry(AnomalyKind.READMISSION_ATTEMPT, 1)
        .containsEntry(AnomalyKind.SCANNER_REFUSALS, 1).containsEntry(AnomalyKind.FALLBACK_BURST, 1);
    assertThat(store.list(EVENT, 10).get(0).kind()).as("newest first").isEqualTo(AnomalyKind.FALLBACK_BURST);
  }

  @Test
  void anAdmissionOlderThanTheScansReadIsLookedUp() {
    scan("ord_old-1", "s-north", "north", START.minusSeconds(3600), "ok", null);
    scan("ord_old-1", "s-north", "north", START.plusSeconds(30), "already_redeemed", "inside");

    assertThat(runUntil(START.plusSeconds(30))).extracting(Anomaly::kind)
        .containsExactly(AnomalyKind.READMISSION_ATTEMPT);
  }

  @Test
  void aRunRepeatedOverTheSameScansWritesAndCountsNothingTwice() {
    Instant t = START.plusSeconds(10);
    scan("ord_copy-1", "s-north", "north", t, "ok", null);
    scan("ord_copy-1", "s-south", "south", t.plusSeconds(2), "already_redeemed", "inside");
    clock.set(t.plusSeconds(60));
    assertThat(detector.run().found()).hasSize(1);

    // as if the watermark write had been lost: the same scans again
    var again = ScanAnomalyDetector.find(store.scans(EVENT, START, clock.instant()), START, AnomalySettings.DEFAULTS,
        store::lastAdmission);
    assertThat(again).hasSize(1);
    assertThat(store.record(again.get(0))).isFalse();
    assertThat(detector.run().found()).isEmpty();
    assertThat(counted.get(AnomalyKind.MULTI_GATE)).isEqualTo(1);
  }
}
