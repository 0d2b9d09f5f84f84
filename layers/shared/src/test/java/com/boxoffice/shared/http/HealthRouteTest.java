package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.ReachabilityProbe;
import com.boxoffice.shared.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The health route as the edge answers it, with probes of our own port standing in for the table. */
class HealthRouteTest {

  /** A function whose routes count how often they ran, and whose start-up can be made to fail. */
  static final class ProbedLambda extends HttpLambda {
    ProbedLambda(Supplier<Router> init, MutableClock clock, HealthRoute health) {
      super("probed", 64, init, clock, health);
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final AtomicInteger routeCalls = new AtomicInteger();

  private Router routes() {
    return new Router().route("GET", "/v1/ping", r -> {
      routeCalls.incrementAndGet();
      return HttpResponse.ok(Map.of("pong", true));
    });
  }

  private static APIGatewayV2HTTPEvent get(String path, String routeKey, String stage) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withRouteKey(routeKey)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("req-health")
            .withStage(stage)
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path)
                .withSourceIp("203.0.113.9").build())
            .build())
        .build();
  }

  private static JsonNode body(APIGatewayV2HTTPResponse r) {
    return Json.read(r.getBody(), JsonNode.class);
  }

  @Test
  void aHealthyFunctionAnswers200WithoutRunningItsRoutes() {
    var lambda = new ProbedLambda(this::routes, clock, new HealthRoute("2.0.1", () -> () -> true));

    var response = lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody())
        .isEqualTo("{\"status\":\"ok\",\"version\":\"2.0.1\",\"checks\":{\"configuration\":\"ok\",\"table\":\"ok\"}}");
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store").containsEntry("X-Request-Id", "req-health");
    assertThat(routeCalls).hasValue(0);
  }

  @Test
  void theRouteIsFoundByPathUnderANamedStageAndOnTheDefaultRouteKey() {
    var lambda = new ProbedLambda(this::routes, clock, new HealthRoute("2.0.1", () -> () -> true));

    assertThat(lambda.handleRequest(get("/prod/v1/health", "$default", "prod"), null).getStatusCode()).isEqualTo(200);
    assertThat(lambda.handleRequest(get("/v1/health/", null, "$default"), null).getStatusCode()).isEqualTo(200);
    assertThat(lambda.handleRequest(get("/v1/ping", "GET /v1/ping", "$default"), null).getStatusCode()).isEqualTo(200);
    assertThat(routeCalls).as("only the ping reached the routes").hasValue(1);
  }

  @Test
  void aFailedStartUpIsNamedAsTheConfigurationCheckAndMendsOnItsRetry() {
    AtomicBoolean settingPresent = new AtomicBoolean(false);
    Supplier<Router> init = () -> {
      if (!settingPresent.get()) {
        new Env(Map.of()).required("CHECKOUT_SUCCESS_URL");
      }
      return routes();
    };
    var lambda = new ProbedLambda(init, clock, new HealthRoute("2.0.1", () -> () -> true));

    var failing = lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    assertThat(failing.getStatusCode()).isEqualTo(503);
    assertThat(body(failing).path("status").asText()).isEqualTo("failing");
    assertThat(body(failing).path("checks").path("configuration").asText()).isEqualTo("failing");
    assertThat(body(failing).path("checks").path("table").asText()).isEqualTo("ok");
    assertThat(failing.getBody()).doesNotContain("CHECKOUT_SUCCESS_URL").doesNotContain("error");
    assertThat(failing.getHeaders()).containsEntry("Cache-Control", "no-store");

    settingPresent.set(true);
    clock.advance(Duration.ofSeconds(1));
    var mended = lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    assertThat(mended.getStatusCode()).as(mended.getBody()).isEqualTo(200);
  }

  @Test
  void aTableThatStopsAnsweringTurnsTheAnswerTo503AndBackWhenItAnswersAgain() {
    AtomicBoolean up = new AtomicBoolean(true);
    ReachabilityProbe table = up::get;
    var lambda = new ProbedLambda(this::routes, clock, new HealthRoute("2.0.1", () -> table));

    assertThat(lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null).getStatusCode()).isEqualTo(200);
    up.set(false);
    var down = lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    assertThat(down.getStatusCode()).isEqualTo(503);
    assertThat(body(down).path("checks").path("configuration").asText()).isEqualTo("ok");
    assertThat(body(down).path("checks").path("table").asText()).isEqualTo("failing");
    up.set(true);
    assertThat(lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void aProbeThatCannotBeBuiltIsAFailingTableAndIsBuiltOnceItCan() {
    AtomicInteger builds = new AtomicInteger();
    AtomicBoolean buildable = new AtomicBoolean(false);
    Supplier<ReachabilityProbe> probe = () -> {
      if (!buildable.get()) {
        new Env(Map.of()).required("TABLE_NAME");
      }
      builds.incrementAndGet();
      return () -> true;
    };
    var lambda = new ProbedLambda(this::routes, clock, new HealthRoute("2.0.1", probe));

    var failing = lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    assertThat(failing.getStatusCode()).isEqualTo(503);
    assertThat(body(failing).path("checks").path("table").asText()).isEqualTo("failing");
    assertThat(failing.getBody()).doesNotContain("TABLE_NAME");

    buildable.set(true);
    lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    lambda.handleRequest(get("/v1/health", "GET /v1/health", "$default"), null);
    assertThat(builds).as("built once, then kept").hasValue(1);
  }

  @Test
  void aFunctionWithoutAHealthRouteDoesNotAnswerOne() {
    var lambda = new ProbedLambda(this::routes, clock, null);

    var response = lambda.handleRequest(get("/v1/health", "$default", "$default"), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(body(response).at("/error/code").asText()).isEqualTo("route_not_found");
  }

  @Test
  void theVersionComesFromAppVersionAndIsDevWithout() {
    assertThat(HealthRoute.version(new Env(Map.of("APP_VERSION", "v7")))).isEqualTo("v7");
    assertThat(HealthRoute.version(new Env(Map.of("APP_VERSION", " ")))).isEqualTo("dev");
    assertThat(HealthRoute.version(new Env(Map.of()))).isEqualTo("dev");
    assertThat(new HealthRoute(null, () -> () -> true).version()).isEqualTo("dev");
  }
}
