package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushNotification;

/**
 * The mobile push provider (Amazon SNS in front of APNs and FCM): one endpoint per device, which
 * holds the token, and one publish per notification and device. The provider's credentials stay
 * with the provider.
 */
public interface PushGateway {

  /** Why a call failed, as far as what to do next goes. */
  enum FailureKind {
    /** The provider asks us to slow down: retry later; says nothing about the device. */
    THROTTLED,
    /** The provider or the network failed: retry later; says nothing about the device. */
    UNAVAILABLE,
    /** The endpoint is disabled or gone, or the token unregistered: the device is unreachable. */
    ENDPOINT_DISABLED,
    /** The provider refused this delivery (an invalid token or payload): counts against the device. */
    REJECTED
  }

  /** A failed call with its kind and the provider's error code. */
  final class PushGatewayException extends RuntimeException {
    private final FailureKind kind;
    private final String code;

    public PushGatewayException(FailureKind kind, String code, String message) {
      super(message);
      this.kind = kind;
      this.code = code;
    }

    public FailureKind kind() {
      return kind;
    }

    public String code() {
      return code;
    }
  }

  /** Creates (or finds, for a token it already has) the endpoint of a device; returns its ARN. */
  String createEndpoint(Platform platform, String token, String deviceId);

  /** Re-enables an endpoint with its current token, after the device registered again. */
  void enable(String endpointArn, String token);

  /** Sends one notification to one endpoint; returns the provider's message id. */
  String publish(String endpointArn, Platform platform, PushNotification notification);

  /** Deletes an endpoint; deleting one that is gone already is fine. */
  void deleteEndpoint(String endpointArn);
}
