package com.boxoffice.shared.domain.door;

import java.util.Locale;

/**
 * What the door is told to do about one scan, the {@code result} on the wire. Only {@link #OK}
 * lets someone in (or records them leaving); {@link #REFUSED} is never answered, it marks a scan
 * log entry of a scanner that was not assigned to the event.
 */
public enum ScanOutcome {
  OK,
  ALREADY_REDEEMED,
  INVALID,
  REVOKED,
  UNPAID,
  WRONG_EVENT,
  INVALID_TIME,
  REFUSED;

  /** The value in the JSON answer and the scan log, e.g. {@code already_redeemed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
