package com.boxoffice.webhook;

import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.HttpLambda;
import com.boxoffice.shared.http.Router;

/** Stripe's webhook endpoint, behind a Lambda function URL. */
public final class StripeWebhookHandler extends HttpLambda {
  public StripeWebhookHandler() {
    super("stripe-webhook", 256 * 1024, () -> new Router()
        .route("POST", "/", r -> { throw new ApiException(501, "not_implemented", "Not built yet."); }));
  }
}
