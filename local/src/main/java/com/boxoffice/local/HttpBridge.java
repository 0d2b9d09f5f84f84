package com.boxoffice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 that does what API Gateway's HTTP API (or a Lambda function URL)
 * does in front of a function: matches the route, checks the bearer token on routes guarded by
 * the JWT authorizer, builds the same payload-2.0 event, calls the handler and writes its
 * response back. Gateway-level refusals use API Gateway's own shape ({@code {"message": ...}}).
 */
final class HttpBridge implements AutoCloseable {
  private static final int MAX_BODY = 10 * 1024 * 1024;
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  /** A route and the handler behind it. */
  record Binding(LocalTemplate.Route route, String functionName, int timeoutSeconds,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpBridge(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** An HTTP API: each binding is one route; the token check is {@code authorizer}. */
  static HttpBridge api(int port, List<Binding> bindings,
      Function<String, Optional<Map<String, String>>> authorizer, Map<String, LocalRoute> localRoutes)
      throws IOException {
    return start(port, exchange -> {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      for (var local : localRoutes.entrySet()) {
        if (path.startsWith(local.getKey())) {
          LocalRoute.Answer answer = local.getValue().handle(method, path.substring(local.getKey().length()));
          send(exchange, answer.status(), Map.of("Content-Type", answer.contentType()), answer.body());
          return;
        }
      }
      for (Binding b : bindings) {
        Map<String, String> params = match(b.route().path(), path);
        if (params == null || !b.route().method().equals(method)) {
          continue;
        }
        Map<String, String> claims = null;
        if (b.route().authorized()) {
          Optional<Map<String, String>> verified = authorizer.apply(exchange.getRequestHeaders().getFirst("Authorization"));
          if (verified.isEmpty()) {
            send(exchange, 401, Map.of("Content-Type", "application/json"), "{\"message\":\"Unauthorized\"}");
            return;
          }
          claims = verified.get();
        }
        invoke(exchange, b, method + " " + b.route().path(), params, claims);
        return;
      }
      send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
    });
  }

  /** A function URL: every method and path goes to the one handler, route key {@code $default}. */
  static HttpBridge functionUrl(int port, Binding binding) throws IOException {
    return start(port, exchange -> invoke(exchange, binding, "$default", Map.of(), null));
  }

  /** A route of the local stack itself (not of the deployed API), e.g. paying an order. */
  interface LocalRoute {
    record Answer(int status, String contentType, String body) {}

    Answer handle(String method, String rest) throws IOException;
  }

  private interface ExchangeHandler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private static HttpBridge start(int port, ExchangeHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (RuntimeException e) {
        e.printStackTrace();
        send(exchange, 502, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}");
      }
    });
    server.start();
    return new HttpBridge(server, executor);
  }

  private static void invoke(HttpExchange exchange, Binding b, String routeKey, Map<String, String> pathParams,
      Map<String, String> claims) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      send(exchange, 413, Map.of("Content-Type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
      return;
    }
    APIGatewayV2HTTPEvent event = event(exchange, routeKey, pathParams, claims, body);
    APIGatewayV2HTTPResponse response = b.handler().handleRequest(event, new LocalContext(b.functionName(), b.timeoutSeconds()));
    Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
    String text = response.getBody() == null ? "" : response.getBody();
    if (response.getIsBase64Encoded()) {
      byte[] raw = Base64.getDecoder().decode(text);
      sendBytes(exchange, response.getStatusCode(), headers, raw);
    } else {
      send(exchange, response.getStatusCode(), headers, text);
    }
  }

  static APIGatewayV2HTTPEvent event(HttpExchange exchange, String routeKey, Map<String, String> pathParams,
      Map<String, String> claims, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.merge(k, v, (a, c) -> a + "," + c);
      }
    }
    String contentType = headers.getOrDefault("content-type", "");
    boolean text = body.length == 0 || contentType.startsWith("text/") || contentType.contains("json")
        || contentType.contains("x-www-form-urlencoded") || contentType.contains("xml");
    Instant now = Instant.now();
    var authorizer = claims == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
            .withClaims(claims).withScopes(List.of()).build())
        .build();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(exchange.getRequestURI().getRawPath())
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withPathParameters(pathParams.isEmpty() ? null : pathParams)
        .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
            : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !text)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId("000000000000")
            .withApiId("local")
            .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
            .withRequestId(UUID.randomUUID().toString())
            .withRouteKey(routeKey)
            .withStage("$default")
            .withTime(REQUEST_TIME.format(now))
            .withTimeEpoch(now.toEpochMilli())
            .withAuthorizer(authorizer)
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                .withPath(exchange.getRequestURI().getRawPath())
                .withProtocol(exchange.getProtocol())
                .withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build())
            .build())
        .build();
  }

  /** Path parameters if {@code template} (e.g. {@code /v1/orders/{orderId}}) matches {@code path}. */
  static Map<String, String> match(String template, String path) {
    String[] t = template.replaceAll("^/+|/+$", "").split("/");
    String[] p = path.replaceAll("^/+|/+$", "").split("/");
    if (t.length != p.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("}")) {
        if (p[i].isEmpty()) {
          return null;
        }
        params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
      } else if (!t[i].equals(p[i])) {
        return null;
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
    sendBytes(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendBytes(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
