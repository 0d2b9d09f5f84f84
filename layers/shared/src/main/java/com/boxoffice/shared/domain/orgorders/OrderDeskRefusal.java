package com.boxoffice.shared.domain.orgorders;

/**
 * Why the order desk did not do what an organizer asked, one type per reason; the HTTP edge gives
 * each its error code. Nothing was changed when one is thrown.
 */
public abstract sealed class OrderDeskRefusal extends RuntimeException {
  private OrderDeskRefusal(String message) {
    super(message);
  }

  /** No such order, ticket or event, or one another organization owns: the same answer for both. */
  public static final class NotFound extends OrderDeskRefusal {
    public NotFound(String what) {
      super("No such " + what + ".");
    }
  }

  /** The ticket no longer admits (revoked, refunded or cancelled), so it cannot be changed this way. */
  public static final class TicketNotValid extends OrderDeskRefusal {
    public TicketNotValid() {
      super("This ticket is no longer valid.");
    }
  }

  /** The order has no paid tickets to act on. */
  public static final class OrderNotPaid extends OrderDeskRefusal {
    public OrderNotPaid() {
      super("This order has no paid tickets.");
    }
  }

  /** The ticket's code cannot be reissued again (limit reached or the event id is too long for it). */
  public static final class CodeNotReissuable extends OrderDeskRefusal {
    public CodeNotReissuable(String why) {
      super("This ticket's code cannot be reissued: " + why + ".");
    }
  }

  /** A refund names tickets that are not this order's valid tickets, or nothing is left to refund. */
  public static final class NotRefundable extends OrderDeskRefusal {
    public NotRefundable(String why) {
      super(why);
    }
  }

  /** The payment provider did not make the refund; nothing was recorded, the same request may be sent again. */
  public static final class ProviderFailed extends OrderDeskRefusal {
    private final boolean retryable;

    public ProviderFailed(boolean retryable) {
      super(retryable ? "The payment provider could not be reached; nothing was refunded. Try again shortly."
          : "The payment provider refused the refund.");
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  /** The event cannot be cancelled from its current state (for example it is a draft). */
  public static final class EventNotCancellable extends OrderDeskRefusal {
    public EventNotCancellable(String why) {
      super(why);
    }
  }

  /**
   * The store could not serve the read in time (its partitions were busy); nothing changed, and
   * the same request may be sent again shortly.
   */
  public static final class StoreBusy extends OrderDeskRefusal {
    public StoreBusy(String detail) {
      super("The records could not be read right now (" + detail + "); try again shortly.");
    }
  }
}
