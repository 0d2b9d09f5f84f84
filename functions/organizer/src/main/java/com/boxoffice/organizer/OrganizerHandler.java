package com.boxoffice.organizer;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * The organizer API under {@code /v1/org} (docs/organizer.md): events and their status, ticket
 * types, door devices and the audit log of the caller's organization. Wired in
 * {@link OrganizerWiring}, routed by {@link OrganizerApi}.
 */
public final class OrganizerHandler extends HttpLambda {
  /** Organizer bodies are small; anything bigger is refused with 413 before it is parsed. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  /** What the Lambda runtime calls. */
  public OrganizerHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public OrganizerHandler(Env env) {
    super(OrganizerWiring.FUNCTION, MAX_BODY_BYTES, () -> OrganizerWiring.fromEnv(env).router());
  }

  /** What tests call, with every collaborator already built. */
  public OrganizerHandler(OrganizerApi api) {
    super(OrganizerWiring.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
