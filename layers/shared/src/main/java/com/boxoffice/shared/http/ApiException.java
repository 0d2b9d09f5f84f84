package com.boxoffice.shared.http;

import java.util.Map;

/**
 * An outcome the caller must handle, carried to the edge as an HTTP status and a stable
 * snake_case code. Thrown by use cases and mapped to the one error envelope by {@link HttpLambda}.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final boolean retryable;
  private final Map<String, String> fields;
  private final Map<String, String> headers;

  public ApiException(int status, String code, String message, boolean retryable,
      Map<String, String> fields, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryable = retryable;
    this.fields = Map.copyOf(fields);
    this.headers = Map.copyOf(headers);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, false, Map.of(), Map.of());
  }

  public static ApiException badRequest(String code, String message, Map<String, String> fields) {
    return new ApiException(400, code, message, false, fields, Map.of());
  }

  public static ApiException validation(Map<String, String> fields) {
    return badRequest("validation_failed", "Some fields are missing or invalid.", fields);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException rateLimited(long retryAfterSeconds) {
    return new ApiException(429, "rate_limited", "Too many requests; try again in " + retryAfterSeconds + " s.",
        true, Map.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  public Map<String, String> fields() {
    return fields;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
