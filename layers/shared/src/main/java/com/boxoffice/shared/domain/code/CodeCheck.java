package com.boxoffice.shared.domain.code;

/** The outcome of reading a scanned code: its verified payload, or why it is refused. */
public sealed interface CodeCheck {

  /** The tag matched under a key that still accepts codes. */
  record Verified(TicketCodePayload payload) implements CodeCheck {}

  /**
   * Not a code we issued, or no longer accepted.
   *
   * @param reason {@code malformed}, {@code unknown_version}, {@code unknown_key},
   *     {@code bad_signature} or {@code retired_key}
   */
  record Rejected(String reason) implements CodeCheck {}
}
