package com.boxoffice.shared.domain.order;

/**
 * Seats could not be held because other orders kept writing the same ticket types at the same
 * moment; nothing was held and the request may be retried at once.
 */
public final class InventoryBusyException extends CheckoutRefusal {
  public InventoryBusyException(Throwable cause) {
    super("ticket inventory is busy", cause);
  }

  @Override
  public boolean transientRefusal() {
    return true;
  }
}
