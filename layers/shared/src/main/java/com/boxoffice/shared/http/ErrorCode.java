package com.boxoffice.shared.http;

/**
 * Every error code the HTTP functions answer with, each with the one status it is sent with and
 * whether the client may retry. {@link #wire()} is the snake_case text in the error envelope and
 * never changes once published; adding a code is one constant here plus a line in docs/api.md
 * (or the function's own doc) and docs/openapi.yaml.
 *
 * <p>{@link #finalAnswer()} says whether the same request would get the same refusal later, which
 * is what an {@code Idempotency-Key} may keep: a 4xx that is not retryable, except {@code sold_out}
 * (holds expire and seats come back).
 */
public enum ErrorCode {
  // Request shape (any function)
  MALFORMED_JSON("malformed_json", 400),
  MALFORMED_BODY("malformed_body", 400),
  MALFORMED_EVENT("malformed_event", 400),
  UNKNOWN_FIELD("unknown_field", 400),
  INVALID_FIELD("invalid_field", 400),
  VALIDATION_FAILED("validation_failed", 400),
  INVALID_IDEMPOTENCY_KEY("invalid_idempotency_key", 400),
  UNAUTHENTICATED("unauthenticated", 401),
  INSUFFICIENT_SCOPE("insufficient_scope", 403),
  ORGANIZATION_REQUIRED("organization_required", 403),
  NOT_FOUND("not_found", 404),
  ROUTE_NOT_FOUND("route_not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  PAYLOAD_TOO_LARGE("payload_too_large", 413),
  RATE_LIMITED("rate_limited", 429, true),
  INTERNAL_ERROR("internal_error", 500, true),
  CONFIGURATION_ERROR("configuration_error", 503),
  SERVICE_UNAVAILABLE("service_unavailable", 503, true),

  // Idempotency-Key
  REQUEST_IN_PROGRESS("request_in_progress", 409, true),
  IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422),

  // Checkout
  EVENT_NOT_ON_SALE("event_not_on_sale", 409),
  /** Not final: a type whose sales open later sells to the same request then. */
  TICKET_TYPE_NOT_ON_SALE("ticket_type_not_on_sale", 409, false, false),
  SOLD_OUT("sold_out", 409, false, false),
  PAYMENT_PROVIDER_REJECTED("payment_provider_rejected", 502),
  PAYMENT_PROVIDER_UNAVAILABLE("payment_provider_unavailable", 503, true),
  INVENTORY_BUSY("inventory_busy", 503, true),
  INVENTORY_UNAVAILABLE("inventory_unavailable", 503, true),

  // Door
  SCANNER_NOT_ASSIGNED("scanner_not_assigned", 403),

  // Organizer orders and tickets
  TICKET_NOT_VALID("ticket_not_valid", 409),
  ORDER_NOT_PAID("order_not_paid", 409),
  CODE_NOT_REISSUABLE("code_not_reissuable", 409),
  NOT_REFUNDABLE("not_refundable", 409),
  EVENT_NOT_CANCELLABLE("event_not_cancellable", 409),

  // Organizer
  INVALID_TRANSITION("invalid_transition", 409),
  EVENT_NOT_EDITABLE("event_not_editable", 409),
  CAPACITY_BELOW_COMMITTED("capacity_below_committed", 409),
  DEVICE_REVOKED("device_revoked", 409),
  CONCURRENT_CHANGE("concurrent_change", 409, true),
  /** Not retryable as is: a blind retry would rotate twice; the caller reads the active key first. */
  KEY_ROTATION_CONFLICT("key_rotation_conflict", 409),

  // Stripe webhook
  INVALID_SIGNATURE("invalid_signature", 400),
  EVENT_IN_PROGRESS("event_in_progress", 409, true),
  RETRY_UNAVAILABLE("retry_unavailable", 500, true),

  // Analytics
  RANGE_TOO_LARGE("range_too_large", 400),
  ANALYTICS_UNAVAILABLE("analytics_unavailable", 503, true);

  private final String wire;
  private final int status;
  private final boolean retryable;
  private final boolean finalAnswer;

  ErrorCode(String wire, int status) {
    this(wire, status, false);
  }

  ErrorCode(String wire, int status, boolean retryable) {
    this(wire, status, retryable, status < 500 && !retryable);
  }

  ErrorCode(String wire, int status, boolean retryable, boolean finalAnswer) {
    this.wire = wire;
    this.status = status;
    this.retryable = retryable;
    this.finalAnswer = finalAnswer;
  }

  /** The code as it appears in {@code error.code}. */
  public String wire() {
    return wire;
  }

  public int status() {
    return status;
  }

  /** Sent as {@code error.retryable}: the same request may succeed later. */
  public boolean retryable() {
    return retryable;
  }

  /** The same request would be refused the same way later, so the answer may be stored and replayed. */
  public boolean finalAnswer() {
    return finalAnswer;
  }

  @Override
  public String toString() {
    return wire;
  }
}
