package com.boxoffice.shared.http;

import com.boxoffice.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response about to leave a handler: status, headers and a body that is already text. */
public record HttpResponse(int status, Map<String, String> headers, String body) {
  public HttpResponse {
    headers = Map.copyOf(headers);
  }

  public static HttpResponse json(int status, Object body) {
    return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
  }

  public static HttpResponse ok(Object body) {
    return json(200, body);
  }

  public HttpResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpResponse(status, h, body);
  }

  /** The one error envelope every function answers with. */
  public static HttpResponse error(ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("retryable", e.retryable());
    error.put("fields", e.fields());
    HttpResponse response = json(e.status(), Map.of("error", error));
    for (var h : e.headers().entrySet()) {
      response = response.withHeader(h.getKey(), h.getValue());
    }
    return response;
  }
}
