package com.boxoffice.shared.domain.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a group of counters lives: an event's totals, one of its ticket types, or one UTC hour of
 * its activity. {@link #key()} is the slot's stable name within the event ({@code TOTALS},
 * {@code TYPE#<ticketTypeId>}, {@code HOUR#<yyyy-MM-ddTHH>}).
 */
public record Slot(String eventId, Kind kind, String id) {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  /** The three kinds of slot. */
  public enum Kind { TOTALS, TYPE, HOUR }

  public Slot {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(kind, "kind");
    id = kind == Kind.TOTALS ? "" : Objects.requireNonNull(id, "id");
  }

  public static Slot totals(String eventId) {
    return new Slot(eventId, Kind.TOTALS, "");
  }

  public static Slot type(String eventId, String ticketTypeId) {
    return new Slot(eventId, Kind.TYPE, ticketTypeId);
  }

  public static Slot hour(String eventId, Instant at) {
    return new Slot(eventId, Kind.HOUR, HOUR.format(at.truncatedTo(ChronoUnit.HOURS)));
  }

  /** The start of an hour slot. */
  public Instant hourStart() {
    if (kind != Kind.HOUR) {
      throw new IllegalStateException("not an hour slot: " + this);
    }
    return Instant.parse(id + ":00:00Z");
  }

  public String key() {
    return switch (kind) {
      case TOTALS -> "TOTALS";
      case TYPE -> "TYPE#" + id;
      case HOUR -> "HOUR#" + id;
    };
  }

  /** The inverse of {@link #key()}. */
  public static Slot fromKey(String eventId, String key) {
    if (key.equals("TOTALS")) {
      return totals(eventId);
    }
    if (key.startsWith("TYPE#")) {
      return type(eventId, key.substring(5));
    }
    if (key.startsWith("HOUR#")) {
      return new Slot(eventId, Kind.HOUR, key.substring(5));
    }
    throw new IllegalArgumentException("not an analytics slot: " + key);
  }

  /** The key of the hour slot that holds {@code at}. */
  public static String hourKey(Instant at) {
    return "HOUR#" + HOUR.format(at.truncatedTo(ChronoUnit.HOURS));
  }
}
