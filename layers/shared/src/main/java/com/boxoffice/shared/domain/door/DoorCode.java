package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.code.TicketCodePayload;
import java.time.Instant;
import java.util.Objects;

/**
 * A code the door could read: the ticket it names, the event it is for, the window in which it
 * admits, and how it reached the door.
 *
 * @param counter for a rotating code, the time step it was shown in
 * @param codeVersion the ticket's code version the code was issued under; the admission write
 *     admits only the ticket's current one
 */
public record DoorCode(String ticketId, String eventId, Kind kind, Instant validFrom, Instant validUntil,
    int stepSeconds, long counter, int codeVersion) {

  /** A code of a ticket whose code was never reissued. */
  public DoorCode(String ticketId, String eventId, Kind kind, Instant validFrom, Instant validUntil, int stepSeconds,
      long counter) {
    this(ticketId, eventId, kind, validFrom, validUntil, stepSeconds, counter, 0);
  }

  /** A code typed by staff, a static (printed or emailed) signed code, or a rotating one from the app. */
  public enum Kind { FALLBACK, STATIC, ROTATING }

  public DoorCode {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  static DoorCode signed(TicketCodePayload p) {
    return new DoorCode(p.ticketId(), p.eventId(), p.rotating() ? Kind.ROTATING : Kind.STATIC, p.validFrom(),
        p.validUntil(), p.stepSeconds(), p.counter(), p.codeVersion());
  }

  /** A fallback entry is stored under its event, so it is always for the event it was looked up in. */
  static DoorCode fallback(String eventId, String ticketId, Instant validFrom, Instant validUntil, int codeVersion) {
    return new DoorCode(ticketId, eventId, Kind.FALLBACK, validFrom, validUntil, 0, 0, codeVersion);
  }
}
