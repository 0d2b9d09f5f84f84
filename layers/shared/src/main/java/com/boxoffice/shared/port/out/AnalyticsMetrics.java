package com.boxoffice.shared.port.out;

/** What the analytics pipeline reports: one report per stream batch and one per recount. */
public interface AnalyticsMetrics {

  /** One stream batch: changes applied, duplicates skipped, failures, and the oldest record's age. */
  record Batch(int applied, int duplicates, int ignored, int failed, long iteratorAgeMillis) {}

  /** One recount: slots compared, slots found off, slots repaired, events left for the next run. */
  record Recount(int slotsChecked, int driftFound, int driftRepaired, int eventsDeferred) {}

  void batch(Batch batch);

  void recount(Recount recount);
}
