package com.boxoffice.shared.domain.door;

/** The scanner is not assigned to the event, or its assignment was revoked. */
public final class ScannerNotAssignedException extends RuntimeException {
  public ScannerNotAssignedException(String scannerId, String eventId) {
    super("scanner " + scannerId + " is not assigned to event " + eventId);
  }
}
