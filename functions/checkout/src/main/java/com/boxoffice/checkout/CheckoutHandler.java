package com.boxoffice.checkout;

import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.HttpLambda;
import com.boxoffice.shared.http.Router;

/** {@code POST /v1/checkout}, {@code POST /v1/guest/checkout} and the order status routes. */
public final class CheckoutHandler extends HttpLambda {
  public CheckoutHandler() {
    super("checkout", 16 * 1024, () -> new Router()
        .route("POST", "/v1/checkout", r -> { throw new ApiException(501, "not_implemented", "Not built yet."); }));
  }
}
