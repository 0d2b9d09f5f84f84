package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.catalog.CatalogCache;
import java.time.Duration;

/**
 * What checkout keeps in its container to spare the hot keys of an on-sale (docs/architecture.md,
 * "Hot keys"), validated once at init.
 *
 * @param catalogTtl how long an event and its ticket types are trusted ({@link CatalogCache}); zero: read every time
 * @param soldOutHint how long a sold-out answer is given again without writing ({@link SoldOutHints}); zero: never
 */
public record CheckoutCaching(Duration catalogTtl, Duration soldOutHint) {
  /** What the template sets: 5 seconds of catalog, 2 seconds of sold-out hint. */
  public static final CheckoutCaching DEFAULT = new CheckoutCaching(CatalogCache.DEFAULT_TTL, SoldOutHints.DEFAULT_HINT);
  /** Every checkout reads the catalog and tries the counters. */
  public static final CheckoutCaching OFF = new CheckoutCaching(Duration.ZERO, Duration.ZERO);

  public CheckoutCaching {
    if (catalogTtl == null || catalogTtl.isNegative() || soldOutHint == null || soldOutHint.isNegative()) {
      throw new IllegalArgumentException("cache durations must be zero or more");
    }
  }
}
