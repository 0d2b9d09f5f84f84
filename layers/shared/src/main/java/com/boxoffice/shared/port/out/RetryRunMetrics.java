package com.boxoffice.shared.port.out;

/**
 * What one run of the scheduled retry function reports for operators: the retry queue drain, the
 * reconciliation of pending orders (and whether it stopped before it checked every one), and the
 * hold sweep. Counts only.
 */
public interface RetryRunMetrics {

  /** Events taken from the retry queue and what became of them; failed ones stay queued (or reach the DLQ). */
  record Retries(int received, int processed, int duplicates, int failed, int accessDenied) {}

  /** Pending orders settled against the provider; {@code truncated} when some were left unchecked. */
  record Reconciliation(int checked, int paid, int refused, int expired, int leftPending, int failed,
      boolean truncated) {}

  /** Stale holds examined and released. */
  record HoldSweep(int examined, int released, int flagged, int failed) {}

  void retries(Retries run);

  void reconciliation(Reconciliation run);

  void holdSweep(HoldSweep run);
}
