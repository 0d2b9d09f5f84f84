package com.boxoffice.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.log.LogContext;
import java.util.Map;
import java.util.UUID;

/**
 * The edge every scheduled function shares: holds what the function built at init (or the
 * configuration error that stopped it, thrown by every invocation, naming the setting), and runs
 * each invocation with the log context set to the function and the request id (a fresh one when
 * Lambda gives none, as the local runner does), cleared afterwards. The subclass keeps the
 * runtime's no-argument constructor and the constructors its tests use, and says what one run does.
 *
 * @param <T> everything one run needs, built once per container
 */
public abstract class ScheduledLambda<T> implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final String function;
  private final Initialized<T> tasks;
  private final Priming priming;

  /**
   * Under SnapStart the snapshot holds what init built; a run is never primed, since every run
   * acts (sends, redrives, sweeps), so only the SDK clients prime themselves. After a restore, a
   * failed build or secrets read before the snapshot are tried again on the next run.
   */
  protected ScheduledLambda(String function, Initialized<T> tasks) {
    this.function = function;
    this.tasks = tasks;
    this.priming = Priming.register(function, () -> { }, tasks::restored);
  }

  /** The SnapStart hooks; tests call them directly. */
  public final Priming priming() {
    return priming;
  }

  @Override
  public final Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    LogContext.begin(function, context != null && context.getAwsRequestId() != null
        ? context.getAwsRequestId() : UUID.randomUUID().toString());
    try {
      return run(tasks.get(), input, context);
    } finally {
      LogContext.clear();
    }
  }

  /** One invocation; {@code context} is null when a test or the local runner calls without one. */
  protected abstract Map<String, Object> run(T tasks, Map<String, Object> input, Context context);
}
