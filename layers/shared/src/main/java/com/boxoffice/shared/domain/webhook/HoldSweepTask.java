package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.domain.order.HoldSweeper;
import java.time.Instant;

/**
 * Looks at the seat holds that outlived their checkout and releases those nobody can pay for any
 * more, saying what it examined and did. The scheduler's {@code sweep-holds} task calls it; the
 * checkout side provides the implementation, e.g. {@code holdSweeper::sweep}.
 */
@FunctionalInterface
public interface HoldSweepTask {
  HoldSweeper.Result sweep(Instant now);
}
