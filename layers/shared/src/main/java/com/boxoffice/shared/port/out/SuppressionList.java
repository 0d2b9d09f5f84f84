package com.boxoffice.shared.port.out;

import java.time.Instant;

/** Addresses that bounced for good or complained: later mail to them is skipped and recorded. */
public interface SuppressionList {

  boolean isSuppressed(String address);

  /** Adds the address; adding it again keeps the first reason. */
  void suppress(String address, String reason, Instant at);
}
