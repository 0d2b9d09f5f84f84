package com.boxoffice.shared.domain.analytics;

import com.boxoffice.shared.port.out.AnalyticsMetrics;
import com.boxoffice.shared.port.out.AnalyticsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of table changes to the analytics, in order, each exactly once. At the first
 * change that cannot be written it stops and names that change's sequence number, so the stream
 * hands it (and everything after it) back; what was applied before stays applied, and a change
 * delivered again is recognised by its id and changes nothing.
 */
public final class ChangeApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

  private final AnalyticsStore store;
  private final AnalyticsMetrics metrics;
  private final Clock clock;

  public ChangeApplier(AnalyticsStore store, AnalyticsMetrics metrics, Clock clock) {
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The sequence number of the first change not applied; empty when the whole batch was. */
  public Optional<String> apply(List<TableChange> batch) {
    Instant now = clock.instant();
    int applied = 0;
    int duplicates = 0;
    int ignored = 0;
    Instant through = null;
    Instant oldest = null;
    String failedAt = null;
    for (TableChange change : batch) {
      oldest = oldest == null || change.writtenAt().isBefore(oldest) ? change.writtenAt() : oldest;
      Delta delta = Contributions.change(change.before(), change.after());
      if (delta.isEmpty()) {
        ignored++;
        continue;
      }
      try {
        if (store.apply(change.changeId(), delta, now) == AnalyticsStore.Applied.APPLIED) {
          applied++;
        } else {
          duplicates++;
        }
        through = through == null || change.writtenAt().isAfter(through) ? change.writtenAt() : through;
      } catch (RuntimeException e) {
        LOG.warn("analytics change not applied changeId={} sequenceNumber={} error={}",
            change.changeId(), change.sequenceNumber(), e.toString());
        failedAt = change.sequenceNumber();
        break;
      }
    }
    if (through != null) {
      try {
        store.advanceWatermark(through);
      } catch (RuntimeException e) {
        // The counters are right; only the freshness mark lags until the next batch moves it.
        LOG.warn("analytics watermark not moved error={}", e.toString());
      }
    }
    long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis());
    metrics.batch(new AnalyticsMetrics.Batch(applied, duplicates, ignored, failedAt == null ? 0 : 1, age));
    LOG.info("analytics batch records={} applied={} duplicates={} ignored={} failedAt={}",
        batch.size(), applied, duplicates, ignored, failedAt);
    return Optional.ofNullable(failedAt);
  }
}
