package com.boxoffice.shared.port.out;

/**
 * Asks one dependency whether it answers right now, as cheaply as it can, for the health route.
 * A probe never throws and never changes anything: it says yes or no, and the adapter logs why not.
 */
@FunctionalInterface
public interface ReachabilityProbe {

  /** True when the dependency answered a trivial request just now. */
  boolean answers();
}
