package com.boxoffice.shared.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The account-wide send rate, shared by every instance of every sender: each send first reserves
 * a slot, and slots are handed out evenly at the configured rate.
 */
public interface SendPacer {

  /**
   * Reserves the next free slot and returns its instant (now or earlier: send at once), or empty
   * when the next free slot is further ahead than {@code maxWait} (nothing is reserved then). The
   * slot is an instant rather than a wait so that the time the reservation itself took is not
   * added to the send: a sender leaves on its slot, or finds that it is late for it.
   */
  Optional<Instant> reserve(Duration maxWait);
}
