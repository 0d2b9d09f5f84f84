package com.boxoffice.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events as the function tests send them, and their JSON
 * responses read back. {@code request("POST", "/v1/scans").subject("scanner-1").body(json).build()}
 * is what the JWT authorizer would hand the function for a signed-in caller.
 */
public final class HttpApiEvents {
  private HttpApiEvents() {}

  public static Builder request(String method, String path) {
    return new Builder(method, path);
  }

  /** The response body as a JSON tree; a body that is not JSON fails the test with the body shown. */
  public static JsonNode json(APIGatewayV2HTTPResponse response) {
    try {
      return Json.mapper().readTree(response.getBody());
    } catch (Exception e) {
      throw new IllegalStateException(response.getBody(), e);
    }
  }

  /** One request; the route key defaults to {@code "<method> <path>"}, the source IP to a documentation address. */
  public static final class Builder {
    private final String method;
    private final String path;
    private String routeKey;
    private Map<String, String> pathParameters = Map.of();
    private final Map<String, String> headers = new HashMap<>();
    private String body;
    private Map<String, String> claims;
    private String sourceIp = "198.51.100.7";

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
      this.routeKey = method + " " + path;
    }

    public Builder routeKey(String routeKey) {
      this.routeKey = routeKey;
      return this;
    }

    public Builder pathParameters(Map<String, String> pathParameters) {
      this.pathParameters = pathParameters;
      return this;
    }

    /** Headers as sent; {@code content-type: application/json} unless they say otherwise. */
    public Builder headers(Map<String, String> headers) {
      this.headers.putAll(headers);
      return this;
    }

    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** The JWT {@code sub} claim the authorizer passes on; null for an anonymous route. */
    public Builder subject(String subject) {
      this.claims = subject == null ? null : Map.of("sub", subject);
      return this;
    }

    /** Exactly these verified JWT claims (e.g. {@code sub} and {@code scope}); null for no token. */
    public Builder claims(Map<String, String> claims) {
      this.claims = claims;
      return this;
    }

    public Builder sourceIp(String sourceIp) {
      this.sourceIp = sourceIp;
      return this;
    }

    public APIGatewayV2HTTPEvent build() {
      Map<String, String> h = new HashMap<>(headers);
      h.putIfAbsent("content-type", "application/json");
      var ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
          .withRequestId("req-" + System.nanoTime())
          .withStage("$default")
          .withRouteKey(routeKey)
          .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
              .withSourceIp(sourceIp).build());
      if (claims != null) {
        ctx.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
            .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(claims).withScopes(List.of()).build()).build());
      }
      return APIGatewayV2HTTPEvent.builder()
          .withVersion("2.0")
          .withRouteKey(routeKey)
          .withRawPath(path)
          .withHeaders(h)
          .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
          .withBody(body)
          .withIsBase64Encoded(false)
          .withRequestContext(ctx.build())
          .build();
    }
  }
}
