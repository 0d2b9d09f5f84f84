package com.boxoffice.shared.domain.webhook;

import java.time.Instant;

/**
 * Releases seat holds that outlived their checkout (for example a hold whose checkout session was
 * never created). The scheduler's {@code sweep-holds} task calls it; the checkout side provides
 * the implementation, e.g. {@code holdSweeper::sweep}.
 */
@FunctionalInterface
public interface HoldSweepTask {
  void sweep(Instant now);
}
