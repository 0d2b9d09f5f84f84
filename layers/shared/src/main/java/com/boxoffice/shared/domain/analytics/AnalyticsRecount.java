package com.boxoffice.shared.domain.analytics;

import com.boxoffice.shared.port.out.AnalyticsMetrics;
import com.boxoffice.shared.port.out.AnalyticsRecords;
import com.boxoffice.shared.port.out.AnalyticsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift repair: adds up what every record contributes ({@link Contributions}), compares it
 * with the stored counters and sets every slot that is off to the recounted numbers. A slot is
 * only repaired if no change reached it since it was read (its version), and an event whose
 * aggregates changed within the quiet period is left for the next run, so a change still on its
 * way through the stream is not counted twice.
 */
public final class AnalyticsRecount {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRecount.class);

  private final AnalyticsRecords records;
  private final AnalyticsStore store;
  private final AnalyticsMetrics metrics;
  private final Clock clock;
  private final Duration quiet;

  public AnalyticsRecount(AnalyticsRecords records, AnalyticsStore store, AnalyticsMetrics metrics,
      Clock clock, Duration quiet) {
    this.records = records;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.quiet = quiet;
  }

  /** What one recount found and did. */
  public record Result(int slotsChecked, int driftFound, int driftRepaired, int eventsDeferred) {}

  public Result run() {
    Delta truth = new Delta();
    Map<Slot, StoredSlot> stored = new LinkedHashMap<>();
    records.scan(f -> truth.plus(Contributions.of(f), 1), s -> stored.put(s.slot(), s));

    Instant busySince = clock.instant().minus(quiet);
    Set<String> busy = new HashSet<>();
    for (StoredSlot s : stored.values()) {
      if (s.appliedAt() != null && s.appliedAt().isAfter(busySince)) {
        busy.add(s.slot().eventId());
      }
    }
    Set<Slot> all = new HashSet<>(stored.keySet());
    all.addAll(truth.amounts().keySet());
    int found = 0;
    int repaired = 0;
    for (Slot slot : all) {
      Map<Counter, Long> want = new EnumMap<>(Counter.class);
      want.putAll(truth.amounts().getOrDefault(slot, Map.of()));
      StoredSlot have = stored.get(slot);
      Map<Counter, Long> haveValues = have == null ? Map.of() : have.counters();
      if (nonZero(want).equals(nonZero(haveValues))) {
        continue;
      }
      found++;
      if (busy.contains(slot.eventId())) {
        continue;
      }
      boolean done = store.repair(slot, want, have == null ? 0 : have.version());
      LOG.warn("analytics drift eventId={} slot={} stored={} recounted={} repaired={}",
          slot.eventId(), slot.key(), nonZero(haveValues), nonZero(want), done);
      if (done) {
        repaired++;
      }
    }
    Result result = new Result(all.size(), found, repaired, busy.size());
    metrics.recount(new AnalyticsMetrics.Recount(result.slotsChecked(), found, repaired, busy.size()));
    LOG.info("analytics recount slots={} drift={} repaired={} deferredEvents={}",
        all.size(), found, repaired, busy.size());
    return result;
  }

  private static Map<Counter, Long> nonZero(Map<Counter, Long> m) {
    Map<Counter, Long> out = new HashMap<>();
    m.forEach((k, v) -> {
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }
}
