package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.port.out.PushGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link PushGateway} in memory: endpoints by ARN (one per token, as SNS does), every publish
 * recorded, and failures scripted per endpoint for the next publishes.
 */
public final class InMemoryPushGateway implements PushGateway {
  /** One publish that reached an endpoint. */
  public record Published(String endpointArn, String notificationId, String collapseKey) {}

  private final Map<String, String> endpointsByToken = new HashMap<>();
  private final Map<String, Boolean> enabled = new HashMap<>();
  private final Map<String, List<PushGatewayException>> scripted = new HashMap<>();
  private final List<Published> published = new ArrayList<>();

  @Override
  public synchronized String createEndpoint(Platform platform, String token, String deviceId) {
    String arn = endpointsByToken.computeIfAbsent(platform + ":" + token,
        t -> "arn:aws:sns:us-east-1:000000000000:endpoint/" + platform.name() + "/app/" + UUID.randomUUID());
    enabled.putIfAbsent(arn, true);
    return arn;
  }

  @Override
  public synchronized void enable(String endpointArn, String token) {
    if (!enabled.containsKey(endpointArn)) {
      throw new PushGatewayException(FailureKind.ENDPOINT_DISABLED, "NotFound", "endpoint does not exist");
    }
    enabled.put(endpointArn, true);
  }

  /** The provider disables the endpoint, as SNS does when APNs or FCM says the token is dead. */
  public synchronized void disable(String endpointArn) {
    enabled.put(endpointArn, false);
  }

  /** The next publishes to {@code endpointArn} fail with these, in order. */
  public synchronized void failNext(String endpointArn, PushGatewayException... failures) {
    scripted.computeIfAbsent(endpointArn, k -> new ArrayList<>()).addAll(List.of(failures));
  }

  @Override
  public synchronized String publish(String endpointArn, Platform platform, PushNotification n) {
    List<PushGatewayException> next = scripted.get(endpointArn);
    if (next != null && !next.isEmpty()) {
      throw next.remove(0);
    }
    Boolean on = enabled.get(endpointArn);
    if (on == null) {
      throw new PushGatewayException(FailureKind.ENDPOINT_DISABLED, "NotFound", "endpoint does not exist");
    }
    if (!on) {
      throw new PushGatewayException(FailureKind.ENDPOINT_DISABLED, "EndpointDisabled", "endpoint is disabled");
    }
    published.add(new Published(endpointArn, n.notificationId(), n.collapseKey()));
    return UUID.randomUUID().toString();
  }

  @Override
  public synchronized void deleteEndpoint(String endpointArn) {
    enabled.remove(endpointArn);
    endpointsByToken.values().remove(endpointArn);
  }

  public synchronized List<Published> published() {
    return List.copyOf(published);
  }

  public synchronized boolean exists(String endpointArn) {
    return enabled.containsKey(endpointArn);
  }
}
