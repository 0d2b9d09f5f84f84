package com.boxoffice.shared.domain.analytics;

/** The aggregates could not be read in time and there is no earlier answer to fall back on. */
public final class AnalyticsUnavailableException extends RuntimeException {
  private final AnalyticsReport.DegradedReason reason;

  public AnalyticsUnavailableException(AnalyticsReport.DegradedReason reason, Throwable cause) {
    super("analytics unavailable: " + reason.wire(), cause);
    this.reason = reason;
  }

  public AnalyticsReport.DegradedReason reason() {
    return reason;
  }
}
