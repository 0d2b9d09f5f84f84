package com.boxoffice.checkout;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HealthRoute;
import com.boxoffice.shared.http.HttpLambda;
import java.time.Clock;

/**
 * {@code POST /v1/checkout} (signed in), {@code POST /v1/guest/checkout}, and the order status
 * routes {@code GET /v1/orders/{orderId}} (the buyer who owns it) and
 * {@code GET /v1/guest/orders/{orderId}} (with the order's access token), plus the unauthenticated
 * {@code GET /v1/health} ({@link HealthRoute}: configuration and table). Everything is wired in
 * {@link CheckoutWiring} (configuration, read once at init) and routed by {@link CheckoutApi}.
 */
public final class CheckoutHandler extends HttpLambda {
  /** Checkout bodies are small; anything bigger is refused with 413 before it is parsed. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  /** What the Lambda runtime calls. */
  public CheckoutHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public CheckoutHandler(Env env) {
    super(CheckoutWiring.FUNCTION, MAX_BODY_BYTES, () -> CheckoutWiring.fromEnv(env).router(), Clock.systemUTC(),
        CheckoutWiring.health(env));
  }

  /** What tests call, with every collaborator already built. */
  public CheckoutHandler(CheckoutApi api) {
    super(CheckoutWiring.FUNCTION, MAX_BODY_BYTES, api::router);
  }

  /** What tests call to reach the health route, with its probe already built. */
  public CheckoutHandler(CheckoutApi api, HealthRoute health) {
    super(CheckoutWiring.FUNCTION, MAX_BODY_BYTES, api::router, Clock.systemUTC(), health);
  }
}
