package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.domain.anomaly.ScanRecord;
import com.boxoffice.shared.port.out.ScanAnomalyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ScanAnomalyStore} in memory: a scan log, watermarks and anomaly entries by id. */
public final class InMemoryScanAnomalyStore implements ScanAnomalyStore {
  private final List<String> events = new ArrayList<>();
  private final List<ScanRecord> log = new ArrayList<>();
  private final Map<String, Instant> watermarks = new HashMap<>();
  private final Map<String, Anomaly> anomalies = new LinkedHashMap<>();

  public InMemoryScanAnomalyStore event(String eventId) {
    events.add(eventId);
    return this;
  }

  public InMemoryScanAnomalyStore scan(ScanRecord scan) {
    log.add(scan);
    return this;
  }

  public List<Anomaly> anomalies() {
    return List.copyOf(anomalies.values());
  }

  @Override
  public List<String> activeEvents(Instant at) {
    return List.copyOf(events);
  }

  @Override
  public List<ScanRecord> scans(String eventId, Instant from, Instant upTo) {
    return log.stream().filter(s -> s.eventId().equals(eventId) && s.scannedAt().isAfter(from)
        && !s.scannedAt().isAfter(upTo)).sorted(Comparator.comparing(ScanRecord::scannedAt)).toList();
  }

  @Override
  public Optional<ScanRecord> lastAdmission(String ticketId, Instant before) {
    return log.stream().filter(s -> ticketId.equals(s.ticketId()) && "entry".equals(s.direction())
        && "ok".equals(s.result()) && s.scannedAt().isBefore(before)).max(Comparator.comparing(ScanRecord::scannedAt));
  }

  @Override
  public Optional<Instant> watermark(String eventId) {
    return Optional.ofNullable(watermarks.get(eventId));
  }

  @Override
  public void advanceWatermark(String eventId, Instant upTo) {
    watermarks.put(eventId, upTo);
  }

  @Override
  public boolean record(Anomaly anomaly) {
    return anomalies.putIfAbsent(anomaly.eventId() + "#" + anomaly.id(), anomaly) == null;
  }

  @Override
  public List<Anomaly> list(String eventId, int limit) {
    return anomalies.values().stream().filter(a -> a.eventId().equals(eventId))
        .sorted(Comparator.comparing(Anomaly::at).reversed()).limit(limit).toList();
  }
}
