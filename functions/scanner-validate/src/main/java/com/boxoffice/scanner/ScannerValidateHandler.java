package com.boxoffice.scanner;

import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.HttpLambda;
import com.boxoffice.shared.http.Router;

/** {@code POST /v1/scans}: verify a ticket code and admit its holder exactly once. */
public final class ScannerValidateHandler extends HttpLambda {
  public ScannerValidateHandler() {
    super("scanner-validate", 4 * 1024, () -> new Router()
        .route("POST", "/v1/scans", r -> { throw new ApiException(501, "not_implemented", "Not built yet."); }));
  }
}
