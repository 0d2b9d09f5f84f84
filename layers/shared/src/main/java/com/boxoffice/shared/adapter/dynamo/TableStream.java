package com.boxoffice.shared.adapter.dynamo;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link TableProjection} over a batch of the main table's stream records, in order.
 * A record that fails stops the batch: its sequence number is returned, and the caller reports
 * it as the batch's failure, so the stream delivers it, and everything after it, again; the
 * records before it are done (each projection being idempotent, a repeat is harmless).
 */
public final class TableStream {
  private static final Logger LOG = LoggerFactory.getLogger(TableStream.class);

  private final List<TableProjection> projections;

  public TableStream(List<TableProjection> projections) {
    this.projections = List.copyOf(projections);
  }

  /** @return the sequence number of the first record that failed, or empty when all were applied */
  public Optional<String> apply(List<TableChange> batch) {
    for (TableChange change : batch) {
      try {
        for (TableProjection p : projections) {
          p.apply(change);
        }
      } catch (RuntimeException e) {
        LOG.error("stream record failed sequenceNumber={} kind={} error={}", change.sequenceNumber(), change.kind(),
            e.toString());
        return Optional.of(change.sequenceNumber());
      }
    }
    return Optional.empty();
  }
}
