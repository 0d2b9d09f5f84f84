package com.boxoffice.devices;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The devices function as Lambda builds it (from its environment), on DynamoDB Local and moto's
 * SNS, with platform applications of this test's own.
 */
final class DevicesFixture {
  final LocalAws aws;
  final LocalResources res;
  final LocalSns motoSns;
  final SnsClient sns;
  final String apnsApp;
  final String fcmApp;
  final Map<String, String> env;
  final DevicesHandler handler;
  private final Random random = new Random();

  DevicesFixture(LocalAws aws, LocalResources res, LocalSns motoSns) {
    TestEnvironments.useLocalCredentials();
    this.aws = aws;
    this.res = res;
    this.motoSns = motoSns;
    this.sns = SnsClient.builder().endpointOverride(motoSns.endpoint()).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    this.apnsApp = sns.createPlatformApplication(b -> b.name("apns-" + res.stage()).platform("APNS")
        .attributes(Map.of())).platformApplicationArn();
    this.fcmApp = sns.createPlatformApplication(b -> b.name("fcm-" + res.stage()).platform("GCM")
        .attributes(Map.of())).platformApplicationArn();
    this.env = TestEnvironments.onLocalAws(aws, res);
    env.put("AWS_ENDPOINT_URL_SNS", motoSns.endpoint().toString());
    env.put("SNS_APNS_APPLICATION_ARN", apnsApp);
    env.put("SNS_FCM_APPLICATION_ARN", fcmApp);
    this.handler = new DevicesHandler(new Env(env));
  }

  String apnsToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  String fcmToken() {
    StringBuilder s = new StringBuilder("cXk3dGVzdA:APA91b");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 134; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  static Map<String, String> buyer(String sub) {
    return Map.of("sub", sub, "scope", "buyer");
  }

  APIGatewayV2HTTPResponse register(String sub, String platform, String token) {
    return handler.handleRequest(HttpApiEvents.request("POST", "/v1/devices").claims(buyer(sub))
        .body("{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\"}").build(), null);
  }

  APIGatewayV2HTTPResponse post(Map<String, String> claims, String body) {
    return handler.handleRequest(HttpApiEvents.request("POST", "/v1/devices").claims(claims).body(body).build(), null);
  }

  APIGatewayV2HTTPResponse delete(String sub, String deviceId) {
    return handler.handleRequest(HttpApiEvents.request("DELETE", "/v1/devices/" + deviceId)
        .routeKey("DELETE /v1/devices/{deviceId}").pathParameters(Map.of("deviceId", deviceId))
        .claims(buyer(sub)).build(), null);
  }

  APIGatewayV2HTTPResponse preferences(String sub, String method, String body) {
    return handler.handleRequest(HttpApiEvents.request(method, "/v1/push-preferences").claims(buyer(sub))
        .body(body).build(), null);
  }

  static JsonNode json(APIGatewayV2HTTPResponse r) {
    return HttpApiEvents.json(r);
  }
}
