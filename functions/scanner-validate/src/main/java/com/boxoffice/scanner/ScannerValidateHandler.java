package com.boxoffice.scanner;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * {@code POST /v1/scans}: verify a ticket code and admit its holder exactly once. Everything is
 * wired in {@link ScanApi}; configuration is read once, at init.
 */
public final class ScannerValidateHandler extends HttpLambda {
  /** A scan body is a code and a few ids; anything bigger is refused with 413 before parsing. */
  static final int MAX_BODY_BYTES = 4 * 1024;

  /** What the Lambda runtime calls. */
  public ScannerValidateHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public ScannerValidateHandler(Env env) {
    super(ScanApi.FUNCTION, MAX_BODY_BYTES, () -> ScanApi.fromEnv(env).router());
  }

  /** What tests call, with every collaborator already built. */
  public ScannerValidateHandler(ScanApi api) {
    super(ScanApi.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
