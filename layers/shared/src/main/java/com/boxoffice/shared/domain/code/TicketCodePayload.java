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
 * @param codeVersion the ticket's code version the code was issued under (0: never reissued); a
 *     code whose version is not the ticket's current one was retired by a reissue
 *     ({@link #issuedForCodeVersion})
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
   * codeVersion} on the ticket item, absent meaning 0). Rotating codes always carry their version;
   * static codes carry one once the ticket was reissued, and 0 before. The door's admission write
   * makes the same comparison on the ticket item, so an old code is refused as {@code code_reissued}.
   */
  public boolean issuedForCodeVersion(int ticketCodeVersion) {
    return codeVersion == ticketCodeVersion;
  }
}
