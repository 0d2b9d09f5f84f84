package com.boxoffice.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.lambda.Priming;
import com.boxoffice.shared.log.LogContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge every HTTP function shares: turns an API Gateway HTTP API (payload 2.0) or function
 * URL event into an {@link HttpRequest}, dispatches it through the function's {@link Router},
 * and turns the outcome into a response that always carries {@code X-Request-Id}. Typed
 * outcomes (edge refusals and domain refusals, through {@link Refusals}) become the error envelope;
 * anything unexpected is logged and answered as 500 {@code internal_error} without a stack trace. A
 * function whose start-up failed answers 503 instead of failing every cold start:
 * {@code configuration_error} for a setting that is missing or malformed,
 * {@code service_unavailable} (retryable, with {@code Retry-After}) for anything else, such as a
 * secret that could not be read; neither body names a setting or an internal. The start-up is tried
 * again on a later request (see {@link Initialized}), so a passing failure mends without a new
 * container. A function that hands in a {@link HealthRoute} answers {@code GET /v1/health} here,
 * before its routes and whether or not its start-up succeeded.
 */
public abstract class HttpLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpLambda.class);

  private final String functionName;
  private final int maxBodyBytes;
  private final Initialized<Router> router;
  private final Optional<HealthRoute> health;
  private final Priming priming;

  protected HttpLambda(String functionName, int maxBodyBytes, Supplier<Router> init) {
    this(functionName, maxBodyBytes, init, Clock.systemUTC());
  }

  /** With the clock that times start-up retries and secret refreshes. */
  protected HttpLambda(String functionName, int maxBodyBytes, Supplier<Router> init, Clock clock) {
    this(functionName, maxBodyBytes, init, clock, null);
  }

  /** Also answering {@code GET /v1/health} with {@code health}; null for a function without one. */
  protected HttpLambda(String functionName, int maxBodyBytes, Supplier<Router> init, Clock clock, HealthRoute health) {
    this.functionName = functionName;
    this.maxBodyBytes = maxBodyBytes;
    this.health = Optional.ofNullable(health);
    LogContext.put("function", functionName);
    this.router = Initialized.attempt(init, LOG, clock, Initialized.SECRETS_TTL);
    this.priming = Priming.register(functionName, this::prime, router::restored);
  }

  /** Route key of the request priming sends through the edge; no function routes it. */
  static final String PRIMING_ROUTE = "GET /_priming";

  /**
   * Before a SnapStart snapshot: one request through the whole edge (event to request, router,
   * refusal, error envelope, response, log lines) on a route no function has, so it reaches no
   * endpoint and changes nothing. The SDK clients prime themselves ({@code AwsClients}).
   */
  private void prime() {
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey(PRIMING_ROUTE).withRawPath("/_priming")
        .withHeaders(Map.of("content-type", "application/json"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("priming")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/_priming").build())
            .build())
        .build();
    handleRequest(event, null);
  }

  /** The SnapStart hooks; tests call them directly. */
  public final Priming priming() {
    return priming;
  }

  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String requestId = requestId(event, context);
    LogContext.begin(functionName, requestId);
    try {
      HttpResponse response = handle(event, requestId);
      return toApiGateway(response.withHeader("X-Request-Id", requestId));
    } finally {
      LogContext.clear();
    }
  }

  private HttpResponse handle(APIGatewayV2HTTPEvent event, String requestId) {
    try {
      if (health.isPresent() && event != null && HealthRoute.isFor(routeKey(event), path(event))) {
        return health.get().answer(method(event), this::configured);
      }
      Router routes = router();
      HttpRequest request = toRequest(event, requestId);
      if (request.body().length > maxBodyBytes) {
        throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes.");
      }
      HttpResponse response = routes.dispatch(request, routeKey(event));
      LOG.info("request done status={}", response.status());
      return response;
    } catch (RuntimeException thrown) {
      Optional<ApiException> refusal = Refusals.toApi(thrown);
      if (refusal.isEmpty()) {
        LOG.error("request failed unexpectedly", thrown);
        return HttpResponse.error(new ApiException(ErrorCode.INTERNAL_ERROR,
            "Something went wrong on our side; quote the request id if you contact us."));
      }
      ApiException e = refusal.get();
      if (e.status() >= 500) {
        LOG.warn("request failed status={} code={}", e.status(), e.code());
      } else {
        LOG.info("request refused status={} code={}", e.status(), e.code());
      }
      return HttpResponse.error(e);
    }
  }

  /** The routes, or the 503 that says the function could not start; the log has the reason. */
  private Router router() {
    try {
      return router.get();
    } catch (ConfigurationException e) {
      throw new ApiException(ErrorCode.CONFIGURATION_ERROR, "The service is misconfigured; nothing was done.");
    } catch (Initialized.Unavailable e) {
      throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
          "The service cannot reach what it needs right now; nothing was done. Try again shortly.", Map.of(),
          Map.of("Retry-After", Long.toString(router.retryAfterSeconds())));
    }
  }

  /** Whether the function's start-up built its routes, building them again first when a retry is due. */
  private boolean configured() {
    try {
      router.get();
      return true;
    } catch (ConfigurationException | Initialized.Unavailable e) {
      return false;
    }
  }

  private static String routeKey(APIGatewayV2HTTPEvent event) {
    return event.getRouteKey();
  }

  private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
    if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    if (context != null && context.getAwsRequestId() != null) {
      return context.getAwsRequestId();
    }
    return UUID.randomUUID().toString();
  }

  static HttpRequest toRequest(APIGatewayV2HTTPEvent event, String requestId) {
    if (event == null) {
      throw new ApiException(ErrorCode.MALFORMED_EVENT, "The event is empty.");
    }
    var ctx = event.getRequestContext();
    String method = method(event);
    String path = path(event);
    Map<String, String> headers = new HashMap<>();
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    }
    byte[] body = new byte[0];
    if (event.getBody() != null) {
      if (event.getIsBase64Encoded()) {
        try {
          body = Base64.getDecoder().decode(event.getBody());
        } catch (IllegalArgumentException e) {
          throw new ApiException(ErrorCode.MALFORMED_BODY, "The body is marked base64 but is not.");
        }
      } else {
        body = event.getBody().getBytes(StandardCharsets.UTF_8);
      }
    }
    Map<String, String> claims = Map.of();
    if (ctx != null && ctx.getAuthorizer() != null && ctx.getAuthorizer().getJwt() != null
        && ctx.getAuthorizer().getJwt().getClaims() != null) {
      claims = ctx.getAuthorizer().getJwt().getClaims();
    }
    String sourceIp = ctx != null && ctx.getHttp() != null ? ctx.getHttp().getSourceIp() : null;
    return new HttpRequest(method, path, headers,
        event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
        event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
        body, claims, sourceIp == null ? "unknown" : sourceIp, requestId);
  }

  private static String method(APIGatewayV2HTTPEvent event) {
    var ctx = event.getRequestContext();
    return ctx != null && ctx.getHttp() != null && ctx.getHttp().getMethod() != null
        ? ctx.getHttp().getMethod().toUpperCase(Locale.ROOT) : "GET";
  }

  /** The request path without a named stage's prefix. */
  private static String path(APIGatewayV2HTTPEvent event) {
    var ctx = event.getRequestContext();
    String path = event.getRawPath() != null ? event.getRawPath()
        : ctx != null && ctx.getHttp() != null ? ctx.getHttp().getPath() : "/";
    if (ctx != null && ctx.getStage() != null && !ctx.getStage().equals("$default")
        && path.startsWith("/" + ctx.getStage() + "/")) {
      path = path.substring(ctx.getStage().length() + 1);
    }
    return path;
  }

  private static APIGatewayV2HTTPResponse toApiGateway(HttpResponse response) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }
}
