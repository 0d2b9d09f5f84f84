package com.boxoffice.shared.domain.analytics;

import com.boxoffice.shared.port.out.AnalyticsStore;
import com.boxoffice.shared.port.out.EventOwners;
import com.boxoffice.shared.port.out.EventTimeZones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an {@link AnalyticsQuery} from the aggregates within a time budget. The event must
 * belong to the caller's organization (another tenant's event is as absent as a missing one). The
 * series is a calendar spine in the event's time zone: every hour or day of the range, including
 * the 23- and 25-hour days of daylight-saving changes, zero where nothing happened. When the
 * aggregates cannot be read within the budget, the last good answer to the same question is served,
 * marked degraded with the reason; without one, {@link AnalyticsUnavailableException}.
 */
public final class AnalyticsReader {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsReader.class);
  /** An answer whose changes are older than this is stale. */
  public static final long STALE_AFTER_SECONDS = 300;

  private final AnalyticsStore store;
  private final EventOwners owners;
  private final EventTimeZones zones;
  private final Clock clock;
  private final Duration budget;
  private final Executor executor;
  private final Map<String, AnalyticsReport> lastGood;

  public AnalyticsReader(AnalyticsStore store, EventOwners owners, EventTimeZones zones, Clock clock,
      Duration budget, Executor executor, int snapshots) {
    this.store = store;
    this.owners = owners;
    this.zones = zones;
    this.clock = clock;
    this.budget = budget;
    this.executor = executor;
    this.lastGood = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, AnalyticsReport> eldest) {
        return size() > snapshots;
      }
    });
  }

  public AnalyticsReport read(AnalyticsQuery query) {
    String key = String.join("|", query.organizationId(), query.eventId(), query.bucket().name(),
        String.valueOf(query.cursor()), Integer.toString(query.limit()));
    CompletableFuture<AnalyticsReport> work = CompletableFuture.supplyAsync(() -> compute(query), executor);
    AnalyticsReport.DegradedReason reason;
    Throwable cause;
    try {
      AnalyticsReport report = work.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      lastGood.put(key, report);
      return report;
    } catch (TimeoutException e) {
      work.cancel(true);
      reason = AnalyticsReport.DegradedReason.AGGREGATES_TIMEOUT;
      cause = e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EventNotFoundException notFound) {
        throw notFound;
      }
      reason = AnalyticsReport.DegradedReason.AGGREGATES_UNAVAILABLE;
      cause = e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = AnalyticsReport.DegradedReason.AGGREGATES_UNAVAILABLE;
      cause = e;
    }
    AnalyticsReport snapshot = lastGood.get(key);
    LOG.warn("analytics aggregates not read eventId={} reason={} snapshot={} error={}",
        query.eventId(), reason.wire(), snapshot != null, String.valueOf(cause));
    if (snapshot == null) {
      throw new AnalyticsUnavailableException(reason, cause);
    }
    return snapshot.degraded(reason, clock.instant(), STALE_AFTER_SECONDS);
  }

  private AnalyticsReport compute(AnalyticsQuery q) {
    if (!owners.owns(q.organizationId(), q.eventId())) {
      throw new EventNotFoundException(q.eventId());
    }
    ZoneId zone = zones.zoneOf(q.eventId()).orElse(ZoneOffset.UTC);
    List<ZonedDateTime> spine = spine(q.from(), q.to(), q.bucket(), zone);
    Instant spineStart = spine.get(0).toInstant();
    Optional<StoredSlot> totalsSlot = store.totals(q.eventId());
    List<StoredSlot> hours = store.hours(q.eventId(), spineStart, q.to());
    AnalyticsStore.Page types = store.types(q.eventId(), q.cursor(), q.limit());
    Optional<Instant> asOf = store.watermark();

    TreeMap<Instant, Integer> index = new TreeMap<>();
    for (int i = 0; i < spine.size(); i++) {
      index.put(spine.get(i).toInstant(), i);
    }
    long[][] sums = new long[spine.size()][6];
    for (StoredSlot h : hours) {
      var bucket = index.floorEntry(h.slot().hourStart());
      if (bucket == null) {
        continue;
      }
      long[] s = sums[bucket.getValue()];
      s[0] += h.get(Counter.ORDERS);
      s[1] += h.get(Counter.TICKETS_SOLD);
      s[2] += h.get(Counter.GROSS_AMOUNT);
      s[3] += h.get(Counter.REFUNDED_AMOUNT);
      s[4] += h.get(Counter.CHECK_INS);
      s[5] += h.get(Counter.EXITS);
    }
    List<AnalyticsReport.Point> series = new ArrayList<>(spine.size());
    for (int i = 0; i < spine.size(); i++) {
      long[] s = sums[i];
      series.add(new AnalyticsReport.Point(spine.get(i).toOffsetDateTime(), s[0], s[1], s[2], s[3], s[4], s[5]));
    }

    StoredSlot t = totalsSlot.orElse(null);
    long sold = get(t, Counter.TICKETS_SOLD);
    long gross = get(t, Counter.GROSS_AMOUNT);
    long refunded = get(t, Counter.REFUNDED_AMOUNT);
    long capacity = get(t, Counter.CAPACITY);
    long checkIns = get(t, Counter.CHECK_INS);
    long exits = get(t, Counter.EXITS);
    var totals = new AnalyticsReport.Totals(t == null ? null : t.label(Delta.Label.CURRENCY), get(t, Counter.ORDERS),
        sold, gross, refunded, get(t, Counter.HOLDS), capacity, checkIns, exits, Math.max(0, checkIns - exits));
    var rates = new AnalyticsReport.Rates(
        AnalyticsReport.Rate.of(sold, capacity, AnalyticsReport.RateReason.NO_CAPACITY),
        AnalyticsReport.Rate.of(get(t, Counter.ADMITTED), sold, AnalyticsReport.RateReason.NO_SALES),
        AnalyticsReport.Rate.of(refunded, gross, AnalyticsReport.RateReason.NO_SALES));
    List<AnalyticsReport.TypeRow> rows = types.items().stream().map(s -> new AnalyticsReport.TypeRow(s.slot().id(),
        s.label(Delta.Label.NAME), s.get(Counter.CAPACITY), s.get(Counter.TICKETS_SOLD), s.get(Counter.HOLDS),
        s.get(Counter.ADMITTED), s.get(Counter.GROSS_AMOUNT))).toList();

    Instant now = clock.instant();
    Long lag = asOf.map(a -> Math.max(0, now.getEpochSecond() - a.getEpochSecond())).orElse(null);
    return new AnalyticsReport(q.eventId(), zone, q.from(), q.to(), q.bucket(), asOf.orElse(null), lag,
        lag == null || lag > STALE_AFTER_SECONDS, null, totals, rates, series, rows, types.next());
  }

  /**
   * The start of every bucket that overlaps {@code [from, to)}, on the calendar of {@code zone}:
   * hours step by elapsed time (a repeated wall-clock hour appears twice, a skipped one not at
   * all); days step by calendar date, so a daylight-saving day is 23 or 25 hours long.
   */
  public static List<ZonedDateTime> spine(Instant from, Instant to, AnalyticsQuery.Bucket bucket, ZoneId zone) {
    List<ZonedDateTime> out = new ArrayList<>();
    if (bucket == AnalyticsQuery.Bucket.HOUR) {
      Instant start = from.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
      for (Instant at = start; at.isBefore(to); at = at.plus(Duration.ofHours(1))) {
        out.add(at.atZone(zone));
      }
    } else {
      for (LocalDate day = from.atZone(zone).toLocalDate(); day.atStartOfDay(zone).toInstant().isBefore(to);
          day = day.plusDays(1)) {
        out.add(day.atStartOfDay(zone));
      }
    }
    return out;
  }

  private static long get(StoredSlot slot, Counter c) {
    return slot == null ? 0 : slot.get(c);
  }
}
