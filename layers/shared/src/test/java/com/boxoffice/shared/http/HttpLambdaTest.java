package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLambdaTest {

  record Greeting(String name, int times) {}

  static final class EchoLambda extends HttpLambda {
    EchoLambda() {
      super("echo", 64, () -> new Router()
          .route("POST", "/v1/echo", r -> HttpResponse.ok(RequestBodies.read(r.body(), Greeting.class)))
          .route("GET", "/v1/things/{id}", r -> HttpResponse.ok(Map.of("id", r.pathParam("id"))))
          .route("GET", "/v1/boom", r -> { throw new IllegalStateException("secret detail"); }));
    }
  }

  static final class MisconfiguredLambda extends HttpLambda {
    MisconfiguredLambda() {
      super("broken", 64, () -> {
        new Env(Map.of()).required("TABLE_NAME");
        return new Router();
      });
    }
  }

  private static APIGatewayV2HTTPEvent event(String method, String path, String body) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withRouteKey("$default")
        .withBody(body)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("req-1")
            .withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                .withSourceIp("203.0.113.9").build())
            .build())
        .build();
  }

  private static JsonNode error(APIGatewayV2HTTPResponse response) throws Exception {
    return Json.mapper().readTree(response.getBody()).path("error");
  }

  @Test
  void answersWithTheEndpointsBodyAndTheRequestId() {
    var response = new EchoLambda().handleRequest(event("POST", "/v1/echo", "{\"name\":\"ada\",\"times\":2}"), null);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("{\"name\":\"ada\",\"times\":2}");
    assertThat(response.getHeaders()).containsEntry("X-Request-Id", "req-1");
  }

  @Test
  void decodesBase64BodiesAndStripsTheStageFromThePath() {
    var e = event("POST", "/prod/v1/echo", Base64.getEncoder().encodeToString(
        "{\"name\":\"bo\",\"times\":1}".getBytes(StandardCharsets.UTF_8)));
    e.setIsBase64Encoded(true);
    e.getRequestContext().setStage("prod");
    assertThat(new EchoLambda().handleRequest(e, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void matchesPathParameters() {
    var response = new EchoLambda().handleRequest(event("GET", "/v1/things/abc", null), null);
    assertThat(response.getBody()).isEqualTo("{\"id\":\"abc\"}");
  }

  @Test
  void unknownRouteAndWrongMethodGetTheirOwnCodes() throws Exception {
    var notFound = new EchoLambda().handleRequest(event("GET", "/v2/nothing", null), null);
    assertThat(notFound.getStatusCode()).isEqualTo(404);
    assertThat(error(notFound).path("code").asText()).isEqualTo("route_not_found");
    var wrongMethod = new EchoLambda().handleRequest(event("DELETE", "/v1/echo", null), null);
    assertThat(wrongMethod.getStatusCode()).isEqualTo(405);
    assertThat(error(wrongMethod).path("code").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void malformedBodiesAreRefusedWithTheFieldNamed() throws Exception {
    record Case(String body, String code, String field) {}
    for (Case c : List.of(
        new Case("{not json", "malformed_json", null),
        new Case("", "malformed_json", null),
        new Case("[]", "malformed_json", null),
        new Case("{\"name\":\"a\",\"times\":1,\"admin\":true}", "unknown_field", "admin"),
        new Case("{\"name\":\"a\",\"times\":\"many\"}", "invalid_field", "times"),
        new Case("{\"name\":\"a\",\"times\":1} trailing", "malformed_json", null))) {
      var response = new EchoLambda().handleRequest(event("POST", "/v1/echo", c.body()), null);
      assertThat(response.getStatusCode()).as(c.body()).isEqualTo(400);
      JsonNode error = error(response);
      assertThat(error.path("code").asText()).as(c.body()).isEqualTo(c.code());
      assertThat(error.path("retryable").asBoolean()).isFalse();
      if (c.field() != null) {
        assertThat(error.path("fields").has(c.field())).as(c.body()).isTrue();
      }
    }
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    var response = new EchoLambda().handleRequest(event("POST", "/v1/echo", "{\"name\":\"" + "x".repeat(100) + "\"}"), null);
    assertThat(response.getStatusCode()).isEqualTo(413);
    assertThat(error(response).path("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() throws Exception {
    var response = new EchoLambda().handleRequest(event("GET", "/v1/boom", null), null);
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(error(response).path("code").asText()).isEqualTo("internal_error");
    assertThat(response.getBody()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
  }

  @Test
  void misconfiguredFunctionAnswers503WithoutNamingTheSettingAndDoesNothing() throws Exception {
    var response = new MisconfiguredLambda().handleRequest(event("GET", "/anything", null), null);
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(error(response).path("code").asText()).isEqualTo("configuration_error");
    assertThat(response.getBody()).doesNotContain("TABLE_NAME");
    assertThat(response.getHeaders()).containsKey("X-Request-Id");
  }

  /** Starts only once {@code failures} start-ups have failed the way a Secrets Manager outage does. */
  static final class FlakyStartLambda extends HttpLambda {
    FlakyStartLambda(java.util.concurrent.atomic.AtomicInteger failures, java.time.Clock clock) {
      super("flaky", 64, () -> {
        if (failures.getAndDecrement() > 0) {
          throw new com.boxoffice.shared.config.SecretUnavailableException("STRIPE_SECRET_KEY_SECRET_ARN",
              "secret could not be read (SecretsManagerException)", null);
        }
        return new Router().route("GET", "/v1/ping", r -> HttpResponse.ok(Map.of("pong", true)));
      }, clock);
    }
  }

  @Test
  void aStartUpThatFailedForNowIs503RetryableAndIsTriedAgainAfterItsBackoff() throws Exception {
    var clock = new com.boxoffice.shared.testing.MutableClock(java.time.Instant.parse("2026-12-07T10:00:00Z"));
    var lambda = new FlakyStartLambda(new java.util.concurrent.atomic.AtomicInteger(2), clock);

    var first = lambda.handleRequest(event("GET", "/v1/ping", null), null);
    assertThat(first.getStatusCode()).isEqualTo(503);
    assertThat(error(first).path("code").asText()).isEqualTo("service_unavailable");
    assertThat(error(first).path("retryable").asBoolean()).isTrue();
    assertThat(first.getHeaders()).containsEntry("Retry-After", "1");
    assertThat(first.getBody()).doesNotContain("STRIPE").doesNotContain("Secret").doesNotContain("ARN");

    // Within the backoff nothing is tried; after it, one more failure, then a working function.
    assertThat(lambda.handleRequest(event("GET", "/v1/ping", null), null).getStatusCode()).isEqualTo(503);
    clock.advance(java.time.Duration.ofSeconds(1));
    var second = lambda.handleRequest(event("GET", "/v1/ping", null), null);
    assertThat(second.getStatusCode()).isEqualTo(503);
    assertThat(second.getHeaders()).containsEntry("Retry-After", "2");
    clock.advance(java.time.Duration.ofSeconds(2));
    var healed = lambda.handleRequest(event("GET", "/v1/ping", null), null);
    assertThat(healed.getStatusCode()).as(healed.getBody()).isEqualTo(200);
  }

  @Test
  void configurationExceptionNamesTheVariable() {
    var env = new Env(Map.of("N", "abc", "U", "ftp://x"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> env.intValue("N", 1, 0, 10))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("N");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> env.url("U"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("U");
  }

  @Test
  void primingSendsOneRequestThroughTheEdgeThatReachesNoEndpoint() throws Exception {
    var reached = new java.util.concurrent.atomic.AtomicInteger();
    var builds = new java.util.concurrent.atomic.AtomicInteger();
    HttpLambda lambda = new HttpLambda("counting", 64, () -> {
      builds.incrementAndGet();
      return new Router()
          .route("GET", "/v1/things/{id}", r -> {
            reached.incrementAndGet();
            return HttpResponse.ok(Map.of());
          })
          .route("POST", "/v1/echo", r -> {
            reached.incrementAndGet();
            return HttpResponse.ok(Map.of());
          });
    }) { };
    lambda.priming().beforeCheckpoint(null);
    lambda.priming().afterRestore(null);
    assertThat(reached).as("no endpoint runs before the snapshot").hasValue(0);
    assertThat(builds).hasValue(1);
    assertThat(lambda.handleRequest(event("GET", "/v1/things/x", null), null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void aFunctionThatCouldNotStartBeforeTheSnapshotTriesAgainOnTheFirstRequestAfterARestore() throws Exception {
    var env = new java.util.HashMap<String, String>();
    HttpLambda lambda = new HttpLambda("late-config", 64, () -> {
      new Env(env).required("TABLE_NAME");
      return new Router().route("GET", "/v1/things/{id}", r -> HttpResponse.ok(Map.of("ok", true)));
    }) { };
    lambda.priming().beforeCheckpoint(null);
    env.put("TABLE_NAME", "boxoffice-test");
    lambda.priming().afterRestore(null);
    assertThat(lambda.handleRequest(event("GET", "/v1/things/x", null), null).getStatusCode()).isEqualTo(200);
  }
}
