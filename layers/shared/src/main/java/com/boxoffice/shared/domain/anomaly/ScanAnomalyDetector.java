package com.boxoffice.shared.domain.anomaly;

import com.boxoffice.shared.port.out.AnomalyMetrics;
import com.boxoffice.shared.port.out.ScanAnomalyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for abuse in the scan log, off the door's path (docs/door.md, "Anomaly detection"). Each
 * run examines, per event whose door may be open, the scans after the event's watermark up to a
 * few seconds ago ({@link #SETTLE}, so writes still in flight are not skipped), reading
 * {@link AnomalySettings#lookback} further back so every window is whole. Every rule fires on the
 * scan that crosses its threshold, so the answer does not depend on where one run ended and the
 * next began, and each anomaly's id is deterministic: a run repeated after a crash writes nothing
 * twice and counts nothing twice.
 */
public final class ScanAnomalyDetector {
  private static final Logger LOG = LoggerFactory.getLogger(ScanAnomalyDetector.class);
  /** How long after a scan the detector waits before it takes the scan's time as examined. */
  public static final Duration SETTLE = Duration.ofSeconds(10);

  private final ScanAnomalyStore store;
  private final AnomalyMetrics metrics;
  private final AnomalySettings settings;
  private final Clock clock;

  public ScanAnomalyDetector(ScanAnomalyStore store, AnomalyMetrics metrics, AnomalySettings settings, Clock clock) {
    this.store = store;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  /** What one run did. */
  public record Run(int events, int scansExamined, List<Anomaly> found) {}

  public Run run() {
    Instant now = clock.instant();
    Instant upTo = now.minus(SETTLE);
    Map<AnomalyKind, Integer> counts = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      counts.put(k, 0);
    }
    List<Anomaly> found = new ArrayList<>();
    int examined = 0;
    List<String> events = store.activeEvents(now);
    for (String eventId : events) {
      // a first run starts one window back rather than at the beginning of the log
      Instant from = store.watermark(eventId).orElse(upTo.minus(settings.lookback()));
      if (!upTo.isAfter(from)) {
        continue;
      }
      List<ScanRecord> scans = new ArrayList<>(store.scans(eventId, from.minus(settings.lookback()), upTo));
      scans.sort(ScanRecord::order);
      examined += (int) scans.stream().filter(s -> s.scannedAt().isAfter(from)).count();
      for (Anomaly a : find(scans, from, settings, store::lastAdmission)) {
        if (store.record(a)) {
          counts.merge(a.kind(), 1, Integer::sum);
          found.add(a);
          LOG.warn("scan anomaly eventId={} kind={} subject={} at={} scans={} gates={}", a.eventId(), a.kind().wire(),
              a.subject(), a.at(), a.scans(), a.gates());
        }
      }
      store.advanceWatermark(eventId, upTo);
    }
    metrics.run(examined, counts);
    return new Run(events.size(), examined, found);
  }

  /**
   * The anomalies among {@code scans} (one event's, in the log's order) that scans after {@code
   * from} bring about; earlier scans are context only.
   *
   * @param lastAdmission the ticket's last admission before a time, for admissions older than the scans given
   */
  public static List<Anomaly> find(List<ScanRecord> scans, Instant from, AnomalySettings settings,
      BiFunction<String, Instant, Optional<ScanRecord>> lastAdmission) {
    List<Anomaly> out = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      ScanRecord s = scans.get(i);
      if (!s.scannedAt().isAfter(from)) {
        continue;
      }
      multiGate(scans, i, settings).ifPresent(out::add);
      scannerRefusals(scans, i, settings).ifPresent(out::add);
      fallbackBurst(scans, i, settings).ifPresent(out::add);
      readmission(scans, i, settings, lastAdmission).ifPresent(out::add);
    }
    return out;
  }

  /** Scans before index {@code i} within {@code window} of it that {@code same} says belong with it. */
  private static List<ScanRecord> before(List<ScanRecord> scans, int i, Duration window,
      java.util.function.Predicate<ScanRecord> same) {
    Instant start = scans.get(i).scannedAt().minus(window);
    List<ScanRecord> out = new ArrayList<>();
    for (int j = i - 1; j >= 0 && !scans.get(j).scannedAt().isBefore(start); j--) {
      if (same.test(scans.get(j))) {
        out.add(0, scans.get(j));
      }
    }
    return out;
  }

  private static Optional<Anomaly> multiGate(List<ScanRecord> scans, int i, AnomalySettings st) {
    ScanRecord s = scans.get(i);
    if (s.ticketId() == null || !s.entry() || s.replayed()) {
      return Optional.empty();
    }
    List<ScanRecord> earlier = before(scans, i, st.multiGateWindow(),
        o -> s.ticketId().equals(o.ticketId()) && o.entry() && !o.replayed());
    LinkedHashSet<String> gates = new LinkedHashSet<>();
    earlier.forEach(o -> gates.add(o.gateOrUnknown()));
    // fires on the scan that brings the number of gates up to the threshold, once per crossing
    if (gates.contains(s.gateOrUnknown()) || gates.size() != st.multiGateGates() - 1) {
      return Optional.empty();
    }
    gates.add(s.gateOrUnknown());
    return Optional.of(new Anomaly(s.eventId(), AnomalyKind.MULTI_GATE, s.ticketId(), s.scannedAt(),
        earlier.size() + 1, new ArrayList<>(gates), "tried at " + gates.size() + " gates within "
            + st.multiGateWindow().toSeconds() + " s"));
  }

  private static boolean refusing(List<ScanRecord> scans, int i, AnomalySettings st) {
    ScanRecord s = scans.get(i);
    List<ScanRecord> window = before(scans, i, st.refusalWindow(), o -> o.scannerId().equals(s.scannerId()));
    window.add(s);
    long refused = window.stream().filter(ScanRecord::refusedCode).count();
    return window.size() >= st.refusalMinScans() && refused >= st.refusalShare() * window.size();
  }

  private static Optional<Anomaly> scannerRefusals(List<ScanRecord> scans, int i, AnomalySettings st) {
    ScanRecord s = scans.get(i);
    if (!s.refusedCode() || !refusing(scans, i, st)) {
      return Optional.empty();
    }
    // only on the crossing: the scanner's previous scan (within the window) was not over the threshold
    for (int j = i - 1; j >= 0 && !scans.get(j).scannedAt().isBefore(s.scannedAt().minus(st.refusalWindow())); j--) {
      if (scans.get(j).scannerId().equals(s.scannerId())) {
        if (refusing(scans, j, st)) {
          return Optional.empty();
        }
        break;
      }
    }
    List<ScanRecord> window = before(scans, i, st.refusalWindow(), o -> o.scannerId().equals(s.scannerId()));
    window.add(s);
    long refused = window.stream().filter(ScanRecord::refusedCode).count();
    LinkedHashSet<String> gates = new LinkedHashSet<>();
    window.forEach(o -> gates.add(o.gateOrUnknown()));
    return Optional.of(new Anomaly(s.eventId(), AnomalyKind.SCANNER_REFUSALS, s.scannerId(), s.scannedAt(),
        window.size(), new ArrayList<>(gates), refused + " of " + window.size() + " codes refused within "
            + st.refusalWindow().toSeconds() + " s"));
  }

  private static Optional<Anomaly> fallbackBurst(List<ScanRecord> scans, int i, AnomalySettings st) {
    ScanRecord s = scans.get(i);
    if (!s.unknownFallback()) {
      return Optional.empty();
    }
    List<ScanRecord> earlier = before(scans, i, st.fallbackWindow(),
        o -> o.scannerId().equals(s.scannerId()) && o.unknownFallback());
    if (earlier.size() != st.fallbackBurst() - 1) {
      return Optional.empty();
    }
    LinkedHashSet<String> gates = new LinkedHashSet<>();
    earlier.forEach(o -> gates.add(o.gateOrUnknown()));
    gates.add(s.gateOrUnknown());
    return Optional.of(new Anomaly(s.eventId(), AnomalyKind.FALLBACK_BURST, s.scannerId(), s.scannedAt(),
        earlier.size() + 1, new ArrayList<>(gates), st.fallbackBurst() + " unknown fallback codes within "
            + st.fallbackWindow().toSeconds() + " s"));
  }

  private static Optional<Anomaly> readmission(List<ScanRecord> scans, int i, AnomalySettings st,
      BiFunction<String, Instant, Optional<ScanRecord>> lastAdmission) {
    ScanRecord s = scans.get(i);
    if (s.ticketId() == null || !s.alreadyIn()) {
      return Optional.empty();
    }
    Optional<ScanRecord> admission = Optional.empty();
    for (int j = i - 1; j >= 0; j--) {
      ScanRecord o = scans.get(j);
      if (s.ticketId().equals(o.ticketId()) && o.entry() && o.admitted()) {
        admission = Optional.of(o);
        break;
      }
    }
    if (admission.isEmpty()) {
      admission = lastAdmission.apply(s.ticketId(), s.scannedAt());
    }
    if (admission.isPresent()) {
      ScanRecord a = admission.get();
      Duration since = Duration.between(a.scannedAt(), s.scannedAt());
      boolean sameGate = a.gateOrUnknown().equals(s.gateOrUnknown());
      if (sameGate && since.compareTo(st.readmissionGrace()) <= 0) {
        return Optional.empty(); // staff scanned twice
      }
      if (!sameGate && since.compareTo(st.multiGateWindow()) <= 0) {
        return Optional.empty(); // reported as multi_gate
      }
    }
    List<String> gates = new ArrayList<>();
    admission.ifPresent(a -> gates.add(a.gateOrUnknown()));
    if (!gates.contains(s.gateOrUnknown())) {
      gates.add(s.gateOrUnknown());
    }
    return Optional.of(new Anomaly(s.eventId(), AnomalyKind.READMISSION_ATTEMPT, s.ticketId(), s.scannedAt(), 1, gates,
        admission.map(a -> "admitted at " + a.scannedAt() + ", presented again").orElse("presented again after admission")));
  }
}
