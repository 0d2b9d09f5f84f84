package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.domain.anomaly.ScanRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the scan anomaly detector reads and writes: events whose doors may be open, each event's
 * scan log by time, a ticket's last admission, the per-event watermark (the end of the last
 * examined interval) and the anomaly entries, each written once.
 */
public interface ScanAnomalyStore {

  /** Events whose door window (tickets' validity) contains {@code at}. */
  List<String> activeEvents(Instant at);

  /** The event's scan log entries with {@code from < scannedAt <= upTo}, in the log's order. */
  List<ScanRecord> scans(String eventId, Instant from, Instant upTo);

  /** The ticket's last admission (an entry with result {@code ok}) before {@code before}. */
  Optional<ScanRecord> lastAdmission(String ticketId, Instant before);

  /** Where the last run stopped for this event; empty before its first run. */
  Optional<Instant> watermark(String eventId);

  void advanceWatermark(String eventId, Instant upTo);

  /** Writes the entry unless one with its id exists; true when it was new. */
  boolean record(Anomaly anomaly);

  /** The event's entries, newest first, at most {@code limit}. */
  List<Anomaly> list(String eventId, int limit);
}
