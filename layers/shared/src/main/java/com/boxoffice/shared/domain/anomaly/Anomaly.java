package com.boxoffice.shared.domain.anomaly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One anomaly found in an event's scan log. Its {@link #id} is deterministic (kind, subject and the
 * time of the scan that crossed the threshold), so finding it again writes nothing new.
 *
 * @param subject the ticket id (multi-gate, readmission) or scanner id (refusals, fallback burst)
 * @param at when the scan that crossed the threshold happened
 * @param scans how many scans make up the pattern
 * @param gates the gates involved, in the order they were seen
 */
public record Anomaly(String eventId, AnomalyKind kind, String subject, Instant at, int scans, List<String> gates,
    String detail) {

  public Anomaly {
    gates = List.copyOf(gates);
  }

  /** Fixed width, so ids sort by time as text. */
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  public String id() {
    return MILLIS.format(at) + "#" + kind.wire() + "#" + subject;
  }

  /** The kind by its wire name. */
  public static AnomalyKind kindOf(String wire) {
    for (AnomalyKind k : AnomalyKind.values()) {
      if (k.wire().equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown anomaly kind " + wire);
  }
}
