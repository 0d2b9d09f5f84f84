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
 * @param codeVersion the ticket's code version the code was issued under (0: never reissued)
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

  /** A payload of a code that was never reissued. */
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
}
