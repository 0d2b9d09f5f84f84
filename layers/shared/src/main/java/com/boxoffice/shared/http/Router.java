package com.boxoffice.shared.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps {@code METHOD /path/{param}} routes to endpoint functions. An unknown path is 404
 * {@code route_not_found}; a known path with another method is 405 {@code method_not_allowed}.
 */
public final class Router {
  private record Route(String method, String[] segments, Function<HttpRequest, HttpResponse> endpoint) {}

  private final List<Route> routes = new ArrayList<>();

  public Router route(String method, String pathTemplate, Function<HttpRequest, HttpResponse> endpoint) {
    routes.add(new Route(method, split(pathTemplate), endpoint));
    return this;
  }

  /**
   * Dispatches on the route key API Gateway matched ({@code "POST /v1/checkout"}) when there is
   * one, else on the method and raw path (function URLs and the local runner's {@code $default}).
   */
  public HttpResponse dispatch(HttpRequest request, String routeKey) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = match(route, request, routeKey);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(request.method())) {
        Map<String, String> merged = new HashMap<>(params);
        merged.putAll(request.pathParams());
        return route.endpoint().apply(request.withPathParams(merged));
      }
    }
    if (pathKnown) {
      throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This path does not accept " + request.method() + ".");
    }
    throw new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No route for " + request.method() + " " + request.path() + ".");
  }

  private static Map<String, String> match(Route route, HttpRequest request, String routeKey) {
    if (routeKey != null && !routeKey.isBlank() && !routeKey.equals("$default")) {
      int space = routeKey.indexOf(' ');
      String keyPath = space < 0 ? routeKey : routeKey.substring(space + 1);
      return String.join("/", route.segments()).equals(String.join("/", split(keyPath))) ? Map.of() : null;
    }
    String[] actual = split(request.path());
    if (actual.length != route.segments().length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < actual.length; i++) {
      String expected = route.segments()[i];
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return null;
        }
        params.put(expected.substring(1, expected.length() - 1), actual[i]);
      } else if (!expected.equals(actual[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    // Leading and trailing slashes off, without a regular expression: this runs on every request.
    String p = path == null ? "" : path;
    int from = 0;
    int to = p.length();
    while (from < to && p.charAt(from) == '/') {
      from++;
    }
    while (to > from && p.charAt(to - 1) == '/') {
      to--;
    }
    String trimmed = p.substring(from, to);
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
