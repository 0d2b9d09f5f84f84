package com.boxoffice.local;

import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalSns;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS mobile push for the local stack: moto's server on 127.0.0.1 with one platform application
 * per platform (what an operator creates in AWS with the APNs and FCM credentials), and the pushes
 * it recorded, readable at {@code /local/pushes}: per message the endpoint, the device id (the
 * endpoint's custom user data), the token's platform, the title and the notification id.
 */
final class LocalPushes implements AutoCloseable {
  private final LocalSns moto;
  private final String apnsApplicationArn;
  private final String fcmApplicationArn;

  private LocalPushes(LocalSns moto, String apns, String fcm) {
    this.moto = moto;
    this.apnsApplicationArn = apns;
    this.fcmApplicationArn = fcm;
  }

  /** Starts moto on {@code port} (0: any free port) and creates the two platform applications. */
  static LocalPushes start(int port) {
    LocalSns moto;
    try {
      moto = LocalSns.start(port);
    } catch (IllegalStateException e) {
      throw new LocalSetupException(e.getMessage());
    }
    try (SnsClient sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
      String apns = sns.createPlatformApplication(b -> b.name("boxoffice-local-apns").platform("APNS")
          .attributes(Map.of())).platformApplicationArn();
      String fcm = sns.createPlatformApplication(b -> b.name("boxoffice-local-fcm").platform("GCM")
          .attributes(Map.of())).platformApplicationArn();
      return new LocalPushes(moto, apns, fcm);
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
  }

  URI endpoint() {
    return moto.endpoint();
  }

  String apnsApplicationArn() {
    return apnsApplicationArn;
  }

  String fcmApplicationArn() {
    return fcmApplicationArn;
  }

  /** What moto recorded, as JSON: {@code {"pushes":[{"endpointArn", "notificationId", "title", "body"}]}}. */
  String json() {
    List<Map<String, Object>> pushes = new ArrayList<>();
    for (LocalSns.Published p : moto.published()) {
      Map<String, Object> push = new LinkedHashMap<>();
      push.put("endpointArn", p.endpointArn());
      push.put("messageId", p.messageId());
      try {
        var structure = Json.read(p.message(), com.fasterxml.jackson.databind.JsonNode.class);
        var apns = Json.read(structure.path("APNS").asText(), com.fasterxml.jackson.databind.JsonNode.class);
        push.put("notificationId", apns.path("notificationId").asText(null));
        push.put("category", apns.path("category").asText(null));
        push.put("title", apns.path("aps").path("alert").path("title").asText(null));
        push.put("body", apns.path("aps").path("alert").path("body").asText(null));
      } catch (RuntimeException notOurs) {
        push.put("message", p.message());
      }
      pushes.add(push);
    }
    return Json.write(Map.of("pushes", pushes));
  }

  @Override
  public void close() {
    moto.close();
  }
}
