package com.boxoffice.catalog;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * The public storefront catalog, {@code GET /v1/events} and {@code GET /v1/events/{eventId}}, with
 * no token (docs/organizer.md, "Storefront catalog"). Wired in {@link CatalogWiring}, routed by
 * {@link CatalogApi}.
 */
public final class CatalogHandler extends HttpLambda {
  /** The catalog takes no body. */
  static final int MAX_BODY_BYTES = 1024;

  public CatalogHandler() {
    this(Env.system());
  }

  public CatalogHandler(Env env) {
    super(CatalogWiring.FUNCTION, MAX_BODY_BYTES, () -> CatalogWiring.fromEnv(env).router());
  }

  public CatalogHandler(CatalogApi api) {
    super(CatalogWiring.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
