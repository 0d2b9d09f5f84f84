package com.boxoffice.shared.domain.order;

/**
 * Seats could not be held for a reason that says nothing about how many are left: the store was
 * throttled, refused the write as invalid, or cancelled it without saying which condition failed.
 * Nothing was held; the request may be retried. Never reported as sold out.
 */
public final class InventoryUnavailableException extends CheckoutRefusal {
  private final String reason;

  public InventoryUnavailableException(String reason, Throwable cause) {
    super("ticket inventory unavailable: " + reason, cause);
    this.reason = reason;
  }

  /** What the store said, for logs (e.g. {@code ThrottlingError}); never shown to clients. */
  public String reason() {
    return reason;
  }

  @Override
  public boolean transientRefusal() {
    return true;
  }
}
