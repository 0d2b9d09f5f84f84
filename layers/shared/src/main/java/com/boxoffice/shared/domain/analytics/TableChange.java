package com.boxoffice.shared.domain.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a stored record as the table's stream reports it: its unique id (the stream
 * record's event id), its sequence number (what a partial batch failure names), when it was
 * written, and the record's facts before and after (empty for a record that did not exist, or
 * that the analytics do not summarise).
 */
public record TableChange(String changeId, String sequenceNumber, Instant writtenAt,
    Optional<Facts> before, Optional<Facts> after) {
  public TableChange {
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
