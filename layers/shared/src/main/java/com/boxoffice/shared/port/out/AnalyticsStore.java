package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Delta;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the analytics counters are kept. {@link #apply} is exactly-once per change id: the change's
 * marker and its counter additions are written together or not at all, so a repeated change
 * changes nothing and says so.
 */
public interface AnalyticsStore {

  /** What {@link #apply} did. */
  enum Applied { APPLIED, DUPLICATE }

  /** Adds {@code delta} unless the change {@code changeId} was applied before. */
  Applied apply(String changeId, Delta delta, Instant appliedAt);

  /** Moves the time through which changes have been applied forward (never back). */
  void advanceWatermark(Instant appliedThrough);

  /** The time through which changes have been applied; empty before the first change. */
  Optional<Instant> watermark();

  /** Every slot of one event with its counters; an empty list when the event has none. */
  List<StoredSlot> slots(String eventId);

  /** The event's totals slot. */
  Optional<StoredSlot> totals(String eventId);

  /** The hour slots of an event whose hour starts in {@code [from, to)}. */
  List<StoredSlot> hours(String eventId, Instant from, Instant to);

  /** One page of an event's ticket-type slots, in id order, after {@code cursor} (null: from the start). */
  Page types(String eventId, String cursor, int limit);

  /** A page of ticket-type slots and the cursor of the next page (null on the last). */
  record Page(List<StoredSlot> items, String next) {}

  /**
   * Sets the counters of {@code slot} to {@code values} (absent counters to zero) if its version is
   * still {@code expectedVersion} (0: the slot does not exist); false when a change came in between.
   */
  boolean repair(Slot slot, Map<Counter, Long> values, long expectedVersion);
}
