package com.boxoffice.analytics.api;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * {@code GET /v1/org/events/{id}/analytics}: an organizer's sales and door figures for one of its
 * events. Everything is wired in {@link AnalyticsApi}; configuration is read once, at init.
 */
public final class AnalyticsApiHandler extends HttpLambda {
  /** A GET has no body worth reading. */
  static final int MAX_BODY_BYTES = 1024;

  /** What the Lambda runtime calls. */
  public AnalyticsApiHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public AnalyticsApiHandler(Env env) {
    super(AnalyticsApi.FUNCTION, MAX_BODY_BYTES, () -> AnalyticsApi.fromEnv(env).router());
  }

  /** What tests call, with every collaborator already built. */
  public AnalyticsApiHandler(AnalyticsApi api) {
    super(AnalyticsApi.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
