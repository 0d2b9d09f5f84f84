package com.boxoffice.shared.http;

import java.util.Map;

/**
 * A refusal decided at the HTTP edge (bad input, no identity, no such route) or a domain refusal
 * already translated by {@link Refusals}, carrying its {@link ErrorCode} (and so its status) to
 * {@link HttpLambda}, which renders the one error envelope. The domain never throws this.
 */
public class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, String> fields;
  private final Map<String, String> headers;

  public ApiException(ErrorCode code, String message, Map<String, String> fields, Map<String, String> headers) {
    super(message);
    this.code = code;
    this.fields = Map.copyOf(fields);
    this.headers = Map.copyOf(headers);
  }

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of(), Map.of());
  }

  public static ApiException badRequest(ErrorCode code, String message, Map<String, String> fields) {
    return new ApiException(code, message, fields, Map.of());
  }

  public static ApiException validation(Map<String, String> fields) {
    return badRequest(ErrorCode.VALIDATION_FAILED, "Some fields are missing or invalid.", fields);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorCode.NOT_FOUND, message);
  }

  public static ApiException rateLimited(long retryAfterSeconds) {
    return new ApiException(ErrorCode.RATE_LIMITED, "Too many requests; try again in " + retryAfterSeconds + " s.",
        Map.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public ErrorCode errorCode() {
    return code;
  }

  public int status() {
    return code.status();
  }

  /** The code's wire text. */
  public String code() {
    return code.wire();
  }

  public boolean retryable() {
    return code.retryable();
  }

  public Map<String, String> fields() {
    return fields;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
