package com.boxoffice.shared.domain.door;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a scan got its outcome, the {@code reason} on the wire (docs/door.md). Each reason belongs
 * to exactly one {@link ScanOutcome}, so a refusal is named by its reason alone. A new refusal is
 * one constant here and one policy in {@link DoorPolicies}.
 */
public enum ScanReason {
  // An admission or exit that went through.
  REENTRY(ScanOutcome.OK, Shows.PLAIN),
  REPLAYED(ScanOutcome.OK, Shows.REPLAY),

  // The code itself (SignedTicketCodes' verdicts and the fallback index).
  MALFORMED(ScanOutcome.INVALID, Shows.PLAIN),
  UNKNOWN_VERSION(ScanOutcome.INVALID, Shows.PLAIN),
  UNKNOWN_KEY(ScanOutcome.INVALID, Shows.PLAIN),
  BAD_SIGNATURE(ScanOutcome.INVALID, Shows.PLAIN),
  RETIRED_KEY(ScanOutcome.INVALID, Shows.PLAIN),
  UNKNOWN_FALLBACK_CODE(ScanOutcome.INVALID, Shows.PLAIN),

  // Checked on a readable code before anything is written.
  CODE_FOR_OTHER_EVENT(ScanOutcome.WRONG_EVENT, Shows.PLAIN),
  ROTATING_CODE_EXPIRED(ScanOutcome.INVALID_TIME, Shows.PLAIN),
  STATIC_CODE_NOT_ACCEPTED(ScanOutcome.INVALID, Shows.PLAIN),
  NOT_YET_VALID(ScanOutcome.INVALID_TIME, Shows.PLAIN),
  EXPIRED(ScanOutcome.INVALID_TIME, Shows.PLAIN),
  EVENT_CANCELLED(ScanOutcome.INVALID, Shows.PLAIN),

  // Read from the ticket item a refused redemption write returned.
  UNKNOWN_TICKET(ScanOutcome.INVALID, Shows.PLAIN),
  TICKET_OF_OTHER_EVENT(ScanOutcome.WRONG_EVENT, Shows.ID_ONLY),
  SUPERSEDED(ScanOutcome.ALREADY_REDEEMED, Shows.REPLAY_AND_PREVIOUS),
  REVOKED(ScanOutcome.REVOKED, Shows.PLAIN),
  REFUNDED(ScanOutcome.UNPAID, Shows.PLAIN),
  CANCELLED(ScanOutcome.UNPAID, Shows.PLAIN),
  /** The code is of an earlier version: an organizer reissued the ticket's code since. */
  CODE_REISSUED(ScanOutcome.INVALID, Shows.PLAIN),
  INSIDE(ScanOutcome.ALREADY_REDEEMED, Shows.PREVIOUS),
  NO_REENTRY(ScanOutcome.ALREADY_REDEEMED, Shows.PREVIOUS),
  NOT_INSIDE(ScanOutcome.INVALID, Shows.PREVIOUS),

  // Only in the scan log: the scanner was refused before any code was read.
  SCANNER_NOT_ASSIGNED(ScanOutcome.REFUSED, Shows.PLAIN);

  /**
   * What an answer with this reason carries: the ticket's fields when it is known (or only its id,
   * for a ticket that is not this event's to describe), and whether the last change or a replay.
   */
  enum Shows {
    ID_ONLY,
    PLAIN,
    PREVIOUS,
    REPLAY,
    REPLAY_AND_PREVIOUS
  }

  private static final Map<String, ScanReason> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ScanReason::wire, Function.identity()));

  private final ScanOutcome outcome;
  private final Shows shows;

  ScanReason(ScanOutcome outcome, Shows shows) {
    this.outcome = outcome;
    this.shows = shows;
  }

  public ScanOutcome outcome() {
    return outcome;
  }

  /** The value in the JSON answer and the scan log, e.g. {@code code_for_other_event}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The answer carries the ticket's type and holder when the ticket is known. */
  boolean showsTicket() {
    return shows != Shows.ID_ONLY;
  }

  /** The answer names when, where and by whom the ticket was last let in or out. */
  boolean showsPrevious() {
    return shows == Shows.PREVIOUS || shows == Shows.REPLAY_AND_PREVIOUS;
  }

  /** The answer repeats an attempt that was already applied; nothing is written. */
  boolean replayed() {
    return shows == Shows.REPLAY || shows == Shows.REPLAY_AND_PREVIOUS;
  }

  /** The reason with this wire value, if there is one. */
  public static Optional<ScanReason> fromWire(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }
}
