package com.boxoffice.shared.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * The account-wide send rate, shared by every instance of every sender: each send first reserves
 * a slot, and slots are handed out evenly at the configured rate.
 */
public interface SendPacer {

  /**
   * Reserves the next free slot and returns how long to wait for it (zero: send now), or empty
   * when the next free slot is further ahead than {@code maxWait} (nothing is reserved then).
   */
  Optional<Duration> reserve(Duration maxWait);
}
