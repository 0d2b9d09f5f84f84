package com.boxoffice.shared.lambda;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part's SnapStart hooks, registered with the runtime's CRaC context. Lambda publishes a
 * version by running the function's init, calling every registered {@code beforeCheckpoint}, and
 * taking a snapshot of the JVM; a cold start then restores that snapshot and calls every
 * {@code afterRestore} before the first invocation.
 *
 * <p>{@code prime} exercises the hot path before the snapshot, so that the classes and first-use
 * state it loads are in the snapshot instead of in the first request; it must not change anything
 * a caller could see. Priming that fails is logged and the snapshot is taken without it: a slower
 * first request beats a version that cannot be published. {@code restored} recreates what must
 * not be shared by every container restored from the same snapshot (credentials, anything
 * random, connections). Outside SnapStart (tests, the local runner, a plain JVM) nothing calls the
 * hooks; tests call them directly.
 *
 * <p>The CRaC context holds its resources weakly: the owner keeps the returned {@code Priming} in
 * a field for as long as it lives.
 */
public final class Priming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  /** Every registered hook, weakly as the CRaC context holds them, for {@link #runAllAsASnapshotWould}. */
  private static final Queue<WeakReference<Priming>> REGISTERED = new ConcurrentLinkedQueue<>();

  private final String part;
  private final Runnable prime;
  private final Runnable restored;

  Priming(String part, Runnable prime, Runnable restored) {
    this.part = part;
    this.prime = prime;
    this.restored = restored;
  }

  /** Hooks registered with the global CRaC context; keep the result in a field. */
  public static Priming register(String part, Runnable prime, Runnable restored) {
    Priming hooks = new Priming(part, prime, restored);
    Core.getGlobalContext().register(hooks);
    REGISTERED.removeIf(ref -> ref.get() == null);
    REGISTERED.add(new WeakReference<>(hooks));
    return hooks;
  }

  /**
   * Runs every registered hook that is still alive as a snapshot and a restore would: all
   * {@code beforeCheckpoint} in reverse order of registration, then all {@code afterRestore} in
   * order. For where no SnapStart runs, such as the start-up benchmark, which measures the first
   * request after it.
   */
  public static void runAllAsASnapshotWould() {
    List<Priming> live = new ArrayList<>();
    for (WeakReference<Priming> ref : REGISTERED) {
      Priming hooks = ref.get();
      if (hooks != null) {
        live.add(hooks);
      }
    }
    for (int i = live.size() - 1; i >= 0; i--) {
      live.get(i).beforeCheckpoint(null);
    }
    for (Priming hooks : live) {
      hooks.afterRestore(null);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    try {
      prime.run();
      LOG.info("primed part={} ms={}", part, (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("priming failed part={}; the snapshot is taken without it: {}", part, e.toString());
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    restored.run();
    LOG.info("restored part={}", part);
  }
}
