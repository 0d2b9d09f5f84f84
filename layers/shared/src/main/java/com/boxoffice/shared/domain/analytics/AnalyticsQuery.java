package com.boxoffice.shared.domain.analytics;

import java.time.Instant;

/**
 * One question to the analytics: an event, the range {@code [from, to)}, the series' bucket, and
 * which page of ticket types ({@code cursor} null for the first).
 */
public record AnalyticsQuery(String organizationId, String eventId, Instant from, Instant to, Bucket bucket,
    String cursor, int limit) {

  /** The width of one point of the series, on the event's calendar. */
  public enum Bucket {
    HOUR, DAY;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
