package com.boxoffice.shared.domain.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The answer to an {@link AnalyticsQuery}: the event's totals and rates, the zero-filled series of
 * the range on the event's calendar, one page of ticket types, and how fresh all of it is.
 */
public record AnalyticsReport(String eventId, ZoneId timeZone, Instant from, Instant to,
    AnalyticsQuery.Bucket bucket, Instant asOf, Long lagSeconds, boolean stale, DegradedReason degradedReason,
    Totals totals, Rates rates, List<Point> series, List<TypeRow> ticketTypes, String next) {

  /** Why an answer comes from the last good snapshot instead of the aggregates. */
  public enum DegradedReason {
    AGGREGATES_TIMEOUT, AGGREGATES_UNAVAILABLE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Why a rate has no value. */
  public enum RateReason {
    NO_SALES, NO_CAPACITY;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public record Totals(String currency, long orders, long ticketsSold, long grossAmount, long refundedAmount,
      long holds, long capacity, long checkIns, long exits, long insideNow) {}

  /** A ratio rounded to four decimals, or no value and the reason. */
  public record Rate(Double value, RateReason reason) {
    public static Rate of(long numerator, long denominator, RateReason whenZero) {
      if (denominator == 0) {
        return new Rate(null, whenZero);
      }
      return new Rate(Math.round(numerator * 10_000.0 / denominator) / 10_000.0, null);
    }
  }

  public record Rates(Rate sellThrough, Rate checkInRate, Rate refundRate) {}

  public record Point(OffsetDateTime start, long orders, long ticketsSold, long grossAmount, long refundedAmount,
      long checkIns, long exits) {}

  public record TypeRow(String ticketTypeId, String name, long capacity, long sold, long held, long checkIns,
      long grossAmount) {}

  public boolean degraded() {
    return degradedReason != null;
  }

  /** This answer, served later from the snapshot: freshness measured again at {@code now}. */
  public AnalyticsReport degraded(DegradedReason reason, Instant now, long staleAfterSeconds) {
    Long lag = asOf == null ? null : Math.max(0, now.getEpochSecond() - asOf.getEpochSecond());
    return new AnalyticsReport(eventId, timeZone, from, to, bucket, asOf, lag,
        lag == null || lag > staleAfterSeconds, reason, totals, rates, series, ticketTypes, next);
  }
}
