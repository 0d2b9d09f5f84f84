package com.boxoffice.devices;

import com.boxoffice.shared.adapter.dynamo.DynamoDeviceStore;
import com.boxoffice.shared.adapter.dynamo.DynamoPushPreferences;
import com.boxoffice.shared.adapter.sns.SnsPushGateway;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.push.DeviceRegistry;
import com.boxoffice.shared.domain.push.InvalidDeviceException;
import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushPreferences;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.JwtScopes;
import com.boxoffice.shared.http.RequestBodies;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.http.Scope;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.PushGateway.FailureKind;
import com.boxoffice.shared.port.out.PushGateway.PushGatewayException;
import com.boxoffice.shared.port.out.PushPreferenceStore;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The buyer's device routes, each for a token with the {@code buyer} scope and acting for its
 * {@code sub}: {@code POST /v1/devices} registers or refreshes a device (201 when new, 200 when
 * known; a bad platform or token is 400 {@code validation_failed} naming the field, and nothing is
 * stored), {@code DELETE /v1/devices/{deviceId}} removes one (204; another buyer's device is 404),
 * {@code GET} and {@code PUT /v1/push-preferences} read and change the switch per category.
 */
public final class DevicesApi {
  static final String FUNCTION = "devices";
  private static final Pattern DEVICE_ID = Pattern.compile("dev_[0-9a-f]{24}");

  private final DeviceRegistry registry;
  private final PushPreferenceStore preferences;

  public DevicesApi(DeviceRegistry registry, PushPreferenceStore preferences) {
    this.registry = registry;
    this.preferences = preferences;
  }

  /** Reads the configuration and builds the clients, once per container. */
  static DevicesApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    Map<Platform, String> applications = platformApplications(env);
    AwsClients aws = new AwsClients(env);
    var dynamo = aws.dynamo();
    Clock clock = Clock.systemUTC();
    return new DevicesApi(new DeviceRegistry(new DynamoDeviceStore(dynamo, table),
        new SnsPushGateway(aws.sns(), applications), clock), new DynamoPushPreferences(dynamo, table));
  }

  /** The SNS platform application of each platform, by ARN. */
  static Map<Platform, String> platformApplications(Env env) {
    Map<Platform, String> applications = new EnumMap<>(Platform.class);
    applications.put(Platform.APNS, env.required("SNS_APNS_APPLICATION_ARN"));
    applications.put(Platform.FCM, env.required("SNS_FCM_APPLICATION_ARN"));
    return applications;
  }

  public Router router() {
    return new Router()
        .route("POST", "/v1/devices", this::register)
        .route("DELETE", "/v1/devices/{deviceId}", this::remove)
        .route("GET", "/v1/push-preferences", this::readPreferences)
        .route("PUT", "/v1/push-preferences", this::changePreferences);
  }

  private static String buyer(HttpRequest r) {
    String userId = r.claim("sub").filter(s -> !s.isBlank())
        .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "A buyer token is required."));
    JwtScopes.require(r, Scope.BUYER);
    LogContext.put("userId", userId);
    return userId;
  }

  private HttpResponse register(HttpRequest r) {
    String userId = buyer(r);
    DeviceBody body = RequestBodies.read(r.body(), DeviceBody.class);
    DeviceRegistry.Registered registered;
    try {
      registered = registry.register(userId, body.platform(), body.token());
    } catch (InvalidDeviceException e) {
      throw ApiException.validation(e.fields());
    } catch (PushGatewayException e) {
      throw providerRefusal(e);
    }
    LogContext.put("deviceId", registered.device().deviceId());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("deviceId", registered.device().deviceId());
    view.put("platform", registered.device().platform().wire());
    view.put("status", "active");
    return HttpResponse.json(registered.created() ? 201 : 200, view);
  }

  private HttpResponse remove(HttpRequest r) {
    String userId = buyer(r);
    String deviceId = r.pathParam("deviceId");
    if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
      throw ApiException.notFound("No such device.");
    }
    LogContext.put("deviceId", deviceId);
    boolean removed;
    try {
      removed = registry.remove(userId, deviceId);
    } catch (PushGatewayException e) {
      throw providerRefusal(e);
    }
    if (!removed) {
      throw ApiException.notFound("No such device.");
    }
    return new HttpResponse(204, Map.of(), "");
  }

  private HttpResponse readPreferences(HttpRequest r) {
    return HttpResponse.ok(view(preferences.find(buyer(r))));
  }

  private HttpResponse changePreferences(HttpRequest r) {
    String userId = buyer(r);
    PreferencesBody body = RequestBodies.read(r.body(), PreferencesBody.class);
    Map<PushCategory, Boolean> changes = new EnumMap<>(PushCategory.class);
    if (body.orderUpdates() != null) {
      changes.put(PushCategory.ORDER_UPDATES, body.orderUpdates());
    }
    if (body.eventReminders() != null) {
      changes.put(PushCategory.EVENT_REMINDERS, body.eventReminders());
    }
    if (body.eventChanges() != null) {
      changes.put(PushCategory.EVENT_CHANGES, body.eventChanges());
    }
    PushPreferences updated = preferences.find(userId).with(changes);
    preferences.save(userId, updated);
    return HttpResponse.ok(view(updated));
  }

  static Map<String, Object> view(PushPreferences p) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (PushCategory c : PushCategory.values()) {
      v.put(c.field(), p.allows(c));
    }
    return v;
  }

  /** The provider refused or failed: a token SNS calls invalid is the caller's, anything else passes. */
  private static ApiException providerRefusal(PushGatewayException e) {
    if (e.kind() == FailureKind.REJECTED) {
      return ApiException.validation(Map.of("token", "refused by the push provider"));
    }
    return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
        "The push provider cannot be reached right now; nothing was stored. Try again shortly.",
        Map.of(), Map.of("Retry-After", "5"));
  }
}
