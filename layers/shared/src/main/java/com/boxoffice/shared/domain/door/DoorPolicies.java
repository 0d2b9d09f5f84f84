package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The door's refusals, each one {@link ScanReason} and the rule that gives it, in the order they
 * are tried; the first rule that holds decides. {@link #BEFORE_WRITE} runs on a code that could be
 * read, before the ticket is touched; {@link #AFTER_REFUSED_WRITE} explains a redemption write the
 * store refused, from the ticket item as it was. Adding a refusal is a constant in
 * {@link ScanReason} and a line in one of these lists.
 */
public final class DoorPolicies {
  private DoorPolicies() {}

  /** One refusal: its reason and when it applies. */
  public record Policy<C>(ScanReason reason, Predicate<C> applies) {}

  /** A readable code at the door, before anything is written. */
  public record CodeAtDoor(ScanRequest scan, DoorEvent event, DoorCode code) {}

  /**
   * A redemption write the store refused.
   *
   * @param before the ticket item as it was, or null when there is none
   * @param codeVersion the code version the scanned code carries
   */
  public record RefusedWrite(ScanRequest scan, TicketAtDoor before, int codeVersion) {
    public RefusedWrite(ScanRequest scan, TicketAtDoor before) {
      this(scan, before, 0);
    }
  }

  /** Rotating codes are accepted from the step before to the step after the current one. */
  static final int ROTATION_SKEW_STEPS = 1;

  public static final List<Policy<CodeAtDoor>> BEFORE_WRITE = List.of(
      new Policy<>(ScanReason.CODE_FOR_OTHER_EVENT, c -> !c.code().eventId().equals(c.scan().eventId())),
      new Policy<>(ScanReason.ROTATING_CODE_EXPIRED, c -> c.code().kind() == DoorCode.Kind.ROTATING
          && Math.abs(Math.floorDiv(c.scan().at().getEpochSecond(), c.code().stepSeconds()) - c.code().counter())
              > ROTATION_SKEW_STEPS),
      new Policy<>(ScanReason.STATIC_CODE_NOT_ACCEPTED, c -> c.code().kind() == DoorCode.Kind.STATIC
          && c.event().rotatingCodes() && !c.event().printedCodesAllowed()),
      new Policy<>(ScanReason.NOT_YET_VALID, c -> c.scan().at().isBefore(c.code().validFrom())),
      new Policy<>(ScanReason.EXPIRED, c -> !c.scan().at().isBefore(c.code().validUntil())),
      // Nobody is let in to a cancelled event; someone already inside can still be let out.
      new Policy<>(ScanReason.EVENT_CANCELLED, c -> c.event().status() == EventStatus.CANCELLED
          && c.scan().direction() == Direction.ENTRY));

  public static final List<Policy<RefusedWrite>> AFTER_REFUSED_WRITE = List.of(
      new Policy<>(ScanReason.UNKNOWN_TICKET, r -> r.before() == null),
      new Policy<>(ScanReason.TICKET_OF_OTHER_EVENT, r -> !r.before().eventId().equals(r.scan().eventId())),
      new Policy<>(ScanReason.REPLAYED, r -> r.before().lastChangeWas(r.scan())),
      // The same attempt changed the ticket before, and the ticket has moved on since (an exit,
      // another admission): answering it as new would let it in or out a second time.
      new Policy<>(ScanReason.SUPERSEDED, r -> r.before().applied(r.scan())),
      new Policy<>(ScanReason.REVOKED, r -> entryWith(r, TicketStatus.REVOKED)),
      new Policy<>(ScanReason.REFUNDED, r -> entryWith(r, TicketStatus.REFUNDED)),
      new Policy<>(ScanReason.CANCELLED, r -> entryWith(r, TicketStatus.CANCELLED)),
      // An organizer reissued the code: the one scanned no longer admits (someone inside may leave).
      new Policy<>(ScanReason.CODE_REISSUED, r -> r.scan().direction() == Direction.ENTRY
          && r.before().codeVersion() != r.codeVersion()),
      new Policy<>(ScanReason.INSIDE, r -> r.scan().direction() == Direction.ENTRY && r.before().inside()),
      new Policy<>(ScanReason.NO_REENTRY, r -> r.scan().direction() == Direction.ENTRY),
      new Policy<>(ScanReason.NOT_INSIDE, r -> r.scan().direction() == Direction.EXIT));

  private static boolean entryWith(RefusedWrite r, TicketStatus status) {
    return r.scan().direction() == Direction.ENTRY && r.before().status() == status;
  }

  /** The reason of the first policy that applies. */
  static <C> Optional<ScanReason> first(List<Policy<C>> policies, C context) {
    for (Policy<C> p : policies) {
      if (p.applies().test(context)) {
        return Optional.of(p.reason());
      }
    }
    return Optional.empty();
  }
}
