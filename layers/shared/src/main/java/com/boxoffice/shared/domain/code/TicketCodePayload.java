package com.boxoffice.shared.domain.code;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signed ticket code says, once its tag has been checked: which ticket of which event, the
 * window in which it admits, and for rotating codes the time step it was shown in.
 *
 * @param keyNumber the number of the signing key ({@code k<n>})
 * @param stepSeconds the rotation step, 0 for a static (printable) code
 * @param counter the time step the rotating code belongs to ({@code epochSecond / stepSeconds})
 * @param codeVersion for a rotating code, the ticket's {@code codeVersion} its secret was derived
 *     for; a code whose version is not the ticket's current one comes from a secret the ticket's
 *     reissue retired ({@link #issuedForCodeVersion})
 */
public record TicketCodePayload(
    int keyNumber,
    String ticketId,
    String eventId,
    Instant validFrom,
    Instant validUntil,
    int stepSeconds,
    long counter,
    int codeVersion) {

  /** A static code, or a rotating one of a ticket never reissued. */
  public TicketCodePayload(int keyNumber, String ticketId, String eventId, Instant validFrom, Instant validUntil,
      int stepSeconds, long counter) {
    this(keyNumber, ticketId, eventId, validFrom, validUntil, stepSeconds, counter, 0);
  }

  public TicketCodePayload {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  public boolean rotating() {
    return stepSeconds > 0;
  }

  /**
   * Whether this code was made from the secret of the ticket's current code version ({@code
   * codeVersion} on the ticket item, absent meaning 0). Static codes carry no version and always
   * answer true: what a reissue does to them is the ticket's business, not the code's.
   */
  public boolean issuedForCodeVersion(int ticketCodeVersion) {
    return !rotating() || codeVersion == ticketCodeVersion;
  }
}
