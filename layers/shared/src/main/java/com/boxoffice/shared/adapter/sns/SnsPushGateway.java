package com.boxoffice.shared.adapter.sns;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.PushGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Amazon SNS mobile push: one platform application per platform (created by the operator with the
 * APNs or FCM credentials, named to the function by ARN), one platform endpoint per device, and a
 * publish per notification and device with the payload written for each platform. SNS errors are
 * translated into {@link PushGateway.FailureKind}s: a disabled or missing endpoint means the device
 * is unreachable, an invalid parameter is a refusal of this device, throttling and 5xx or network
 * failures are passing. An {@code AccessDenied} is not translated: only an IAM change mends it.
 */
public final class SnsPushGateway implements PushGateway {
  static final String APNS_COLLAPSE_ID = "AWS.SNS.MOBILE.APNS.COLLAPSE_ID";

  private final SnsClient sns;
  private final Map<Platform, String> applications;

  public SnsPushGateway(SnsClient sns, Map<Platform, String> applicationArns) {
    this.sns = sns;
    this.applications = Map.copyOf(applicationArns);
  }

  @Override
  public String createEndpoint(Platform platform, String token, String deviceId) {
    String application = applications.get(platform);
    if (application == null) {
      throw new PushGatewayException(FailureKind.REJECTED, "no_platform_application",
          "no platform application is configured for " + platform.wire());
    }
    return call(() -> sns.createPlatformEndpoint(b -> b.platformApplicationArn(application).token(token)
        .customUserData(deviceId)).endpointArn());
  }

  @Override
  public void enable(String endpointArn, String token) {
    call(() -> sns.setEndpointAttributes(b -> b.endpointArn(endpointArn)
        .attributes(Map.of("Enabled", "true", "Token", token))));
  }

  @Override
  public String publish(String endpointArn, Platform platform, PushNotification n) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    if (n.collapseKey() != null && platform == Platform.APNS) {
      attributes.put(APNS_COLLAPSE_ID, MessageAttributeValue.builder().dataType("String")
          .stringValue(n.collapseKey()).build());
    }
    String message = message(n);
    return call(() -> sns.publish(b -> b.targetArn(endpointArn).messageStructure("json").message(message)
        .messageAttributes(attributes)).messageId());
  }

  @Override
  public void deleteEndpoint(String endpointArn) {
    try {
      call(() -> sns.deleteEndpoint(b -> b.endpointArn(endpointArn)));
    } catch (PushGatewayException e) {
      if (e.kind() != FailureKind.ENDPOINT_DISABLED) {
        throw e;
      }
    }
  }

  /** The JSON message structure: a text fallback and the payload each platform expects. */
  static String message(PushNotification n) {
    Map<String, Object> alert = Map.of("title", n.title(), "body", n.body());
    Map<String, Object> apns = new LinkedHashMap<>();
    apns.put("aps", Map.of("alert", alert, "sound", "default"));
    apns.put("notificationId", n.notificationId());
    apns.put("category", n.category().wire());
    apns.putAll(n.data());
    Map<String, String> data = new LinkedHashMap<>(n.data());
    data.put("notificationId", n.notificationId());
    data.put("category", n.category().wire());
    Map<String, Object> fcmMessage = new LinkedHashMap<>();
    fcmMessage.put("notification", alert);
    fcmMessage.put("data", data);
    if (n.collapseKey() != null) {
      fcmMessage.put("android", Map.of("collapse_key", n.collapseKey()));
    }
    Map<String, String> structure = new LinkedHashMap<>();
    structure.put("default", n.title() + ": " + n.body());
    structure.put("APNS", Json.write(apns));
    structure.put("APNS_SANDBOX", Json.write(apns));
    structure.put("GCM", Json.write(Map.of("fcmV1Message", Map.of("message", fcmMessage))));
    return Json.write(structure);
  }

  private interface SnsCall<T> {
    T run();
  }

  private static <T> T call(SnsCall<T> c) {
    try {
      return c.run();
    } catch (EndpointDisabledException | NotFoundException e) {
      throw new PushGatewayException(FailureKind.ENDPOINT_DISABLED, code(e, "endpoint_disabled"), e.getMessage());
    } catch (InvalidParameterException | InvalidParameterValueException e) {
      throw new PushGatewayException(FailureKind.REJECTED, code(e, "invalid_parameter"), e.getMessage());
    } catch (SnsException e) {
      if (AwsFailures.isAccessDenied(e)) {
        throw e;
      }
      String code = code(e, "sns_" + e.statusCode());
      if (e.isThrottlingException() || e.statusCode() == 429 || code.toLowerCase().contains("throttl")) {
        throw new PushGatewayException(FailureKind.THROTTLED, "throttled", e.getMessage());
      }
      if (e.statusCode() >= 500) {
        throw new PushGatewayException(FailureKind.UNAVAILABLE, "provider_unavailable", e.getMessage());
      }
      throw new PushGatewayException(FailureKind.REJECTED, code, e.getMessage());
    } catch (SdkClientException e) {
      throw new PushGatewayException(FailureKind.UNAVAILABLE, "network", e.getMessage());
    }
  }

  private static String code(SnsException e, String fallback) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? e.awsErrorDetails().errorCode() : fallback;
  }
}
