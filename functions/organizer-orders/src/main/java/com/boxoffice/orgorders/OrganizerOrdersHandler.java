package com.boxoffice.orgorders;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;
import java.time.Clock;

/**
 * The organizer's routes for orders and tickets under {@code /v1/org/...}: finding orders,
 * revoking a ticket, changing its holder, reissuing its code, sending the confirmation again. Wired
 * in {@link OrganizerOrdersWiring}, routed by {@link OrganizerOrdersApi}.
 */
public final class OrganizerOrdersHandler extends HttpLambda {
  /** Organizer bodies are small; anything bigger is refused with 413 before it is parsed. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  /** What the Lambda runtime calls. */
  public OrganizerOrdersHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public OrganizerOrdersHandler(Env env) {
    super(OrganizerOrdersWiring.FUNCTION, MAX_BODY_BYTES, () -> OrganizerOrdersWiring.fromEnv(env).router(),
        Clock.systemUTC());
  }

  /** What tests call, with every collaborator already built. */
  public OrganizerOrdersHandler(OrganizerOrdersApi api) {
    super(OrganizerOrdersWiring.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
