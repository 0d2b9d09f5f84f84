package com.boxoffice.devices;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * {@code POST /v1/devices}, {@code DELETE /v1/devices/{deviceId}} and {@code GET}/{@code PUT
 * /v1/push-preferences}: a buyer's devices for push notifications and what they want to hear
 * about. Everything is wired in {@link DevicesApi}; configuration is read once, at init.
 */
public final class DevicesHandler extends HttpLambda {
  /** A registration is a platform and a token of at most 4 KB. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  /** What the Lambda runtime calls. */
  public DevicesHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public DevicesHandler(Env env) {
    super(DevicesApi.FUNCTION, MAX_BODY_BYTES, () -> DevicesApi.fromEnv(env).router());
  }

  /** What tests call, with every collaborator already built. */
  public DevicesHandler(DevicesApi api) {
    super(DevicesApi.FUNCTION, MAX_BODY_BYTES, api::router);
  }
}
