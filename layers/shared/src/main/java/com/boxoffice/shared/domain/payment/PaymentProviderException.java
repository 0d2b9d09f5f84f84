package com.boxoffice.shared.domain.payment;

/**
 * A payment provider call that did not succeed, classified so callers need not know the
 * provider's exception types. {@link Kind#UNAVAILABLE} failures (timeouts, refused connections,
 * 5xx, 429) may succeed later and count against the circuit breaker; {@link Kind#REJECTED} ones
 * (invalid requests, card errors, bad credentials) will fail the same way again.
 */
public final class PaymentProviderException extends RuntimeException {
  /** The two ways a call fails. */
  public enum Kind { UNAVAILABLE, REJECTED }

  private final Kind kind;
  private final Integer httpStatus;
  private final String providerCode;
  private final String providerRequestId;

  public PaymentProviderException(Kind kind, String message, Integer httpStatus, String providerCode,
      String providerRequestId, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.providerCode = providerCode;
    this.providerRequestId = providerRequestId;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  public String providerCode() {
    return providerCode;
  }

  public String providerRequestId() {
    return providerRequestId;
  }
}
