package com.boxoffice.orgorders;

import java.util.List;

/** The request bodies of the organizer-orders routes; unknown fields are refused by the strict reader. */
final class Bodies {
  private Bodies() {}

  /** {@code POST .../revoke}: an optional note kept in the audit log. */
  record Revoke(String reason) {}

  /** {@code PUT .../holder}. */
  record Holder(String holderName) {}

  /** {@code POST .../refunds}: the tickets to refund (none: the whole order) and whether their seats go back on sale. */
  record Refund(List<String> ticketIds, Boolean restock) {}

  /** {@code POST .../cancel}: an optional note kept in the audit log and the cancellation record. */
  record Cancel(String reason) {}
}
