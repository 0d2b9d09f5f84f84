package com.boxoffice.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API Gateway HTTP API / function URL events (payload 2.0), as the functions receive them. */
final class Events {
  private Events() {}

  static APIGatewayV2HTTPEvent http(String method, String path, String routeKey, String sub, String ip, String body,
      Map<String, String> headers) {
    return http(method, path, routeKey, sub, null, ip, body, headers);
  }

  /** {@code scope}: the token's space-separated OAuth scopes, as the authorizer passes the claim on (null: none). */
  static APIGatewayV2HTTPEvent http(String method, String path, String routeKey, String sub, String scope, String ip,
      String body, Map<String, String> headers) {
    // API Gateway HTTP APIs (payload 2.0) deliver header names in lower case.
    Map<String, String> h = new HashMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
    h.putIfAbsent("content-type", "application/json");
    var ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
        .withRequestId("req-" + UUID.randomUUID())
        .withStage("$default")
        .withRouteKey(routeKey)
        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
            .withSourceIp(ip).build());
    if (sub != null) {
      ctx.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
          .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
              .withClaims(scope == null ? Map.of("sub", sub) : Map.of("sub", sub, "scope", scope))
              .withScopes(List.of()).build()).build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withHeaders(h)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(ctx.build())
        .build();
  }

  static APIGatewayV2HTTPEvent scan(String scannerId, String eventId, String code, String nonce) {
    String body = "{\"code\":\"" + code + "\",\"eventId\":\"" + eventId
        + "\",\"direction\":\"entry\",\"nonce\":\"" + nonce + "\",\"gate\":\"north\"}";
    return http("POST", "/v1/scans", "POST /v1/scans", scannerId, "scanner", "198.51.100.7", body, Map.of());
  }

  /** A Stripe delivery to the webhook's function URL. */
  static APIGatewayV2HTTPEvent stripe(byte[] body, String signature) {
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    headers.put("stripe-signature", signature);
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath("/")
        .withHeaders(headers)
        .withBody(new String(body, StandardCharsets.UTF_8))
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("req-" + UUID.randomUUID())
            .withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/")
                .withSourceIp("3.18.12.63").build())
            .build())
        .build();
  }
}
