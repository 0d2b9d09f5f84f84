package com.boxoffice.shared.domain.door;

/** The scanner has used up its refused scans for this window; nothing was written or logged. */
public final class ScanRateLimitedException extends RuntimeException {
  private final long retryAfterSeconds;

  public ScanRateLimitedException(long retryAfterSeconds) {
    super("scanner over its limit of refused scans, retry after " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
