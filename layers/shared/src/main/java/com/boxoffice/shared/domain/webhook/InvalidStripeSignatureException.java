package com.boxoffice.shared.domain.webhook;

/**
 * A webhook request whose {@code Stripe-Signature} does not prove it came from Stripe: no or a
 * malformed header, a timestamp outside the tolerance, or no {@code v1} signature that matches
 * any configured secret. The reason is for logs only; the caller is told just "invalid".
 */
public final class InvalidStripeSignatureException extends RuntimeException {
  /** Why the signature was refused. */
  public enum Reason { MISSING_HEADER, MALFORMED_HEADER, TIMESTAMP_OUT_OF_TOLERANCE, NO_MATCHING_SIGNATURE }

  private final Reason reason;

  public InvalidStripeSignatureException(Reason reason) {
    super("stripe signature refused: " + reason.name().toLowerCase(java.util.Locale.ROOT));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
