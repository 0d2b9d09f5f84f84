package com.boxoffice.shared.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the handlers see it, free of any API Gateway type: header names lower-case,
 * the body already base64-decoded, the JWT claims the authorizer verified (empty for routes
 * without an authorizer), and the path parameters of the matched route.
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, String> query,
    Map<String, String> pathParams,
    byte[] body,
    Map<String, String> claims,
    String sourceIp,
    String requestId) {

  public HttpRequest {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    pathParams = Map.copyOf(pathParams);
    claims = Map.copyOf(claims);
    body = body == null ? new byte[0] : body;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }

  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw ApiException.notFound("No such resource.");
    }
    return value;
  }

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  public HttpRequest withPathParams(Map<String, String> params) {
    return new HttpRequest(method, path, headers, query, params, body, claims, sourceIp, requestId);
  }
}
