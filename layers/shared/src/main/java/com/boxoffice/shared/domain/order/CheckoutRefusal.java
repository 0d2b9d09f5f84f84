package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.catalog.SalesWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a checkout was refused, as the domain sees it: no HTTP status, no wire text. Every refusal
 * is one permitted subtype, so the edge's mapper ({@code shared.http.Refusals}) is a switch the
 * compiler checks for completeness. The refusals the {@link com.boxoffice.shared.port.out.OrderStore}
 * reports ({@link SoldOutException}, {@link InventoryBusyException},
 * {@link InventoryUnavailableException}) are top-level types because adapters throw them; the
 * ones only {@link CheckoutService} decides are nested here.
 */
public abstract sealed class CheckoutRefusal extends RuntimeException
    permits CheckoutRefusal.Invalid, CheckoutRefusal.NotOnSale, CheckoutRefusal.TicketTypeNotOnSale,
        CheckoutRefusal.RateLimited,
        CheckoutRefusal.PaymentProviderUnavailable, CheckoutRefusal.PaymentProviderRejected,
        SoldOutException, InventoryBusyException, InventoryUnavailableException {

  CheckoutRefusal(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same request may succeed if sent again soon. */
  public abstract boolean transientRefusal();

  /** The request breaks a rule; {@code fields} names every offending field with what is wrong with it. */
  public static final class Invalid extends CheckoutRefusal {
    private final Map<String, String> fields;

    public Invalid(Map<String, String> fields) {
      super("invalid checkout request " + fields.keySet(), null);
      this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Field path to problem, in the order the rules found them. */
    public Map<String, String> fields() {
      return fields;
    }

    @Override
    public boolean transientRefusal() {
      return false;
    }
  }

  /** The event is not on sale now, or its tickets could not carry a code. */
  public static final class NotOnSale extends CheckoutRefusal {
    public NotOnSale(String eventId) {
      super("event not on sale " + eventId, null);
    }

    @Override
    public boolean transientRefusal() {
      return false;
    }
  }

  /**
   * The event is on sale but a ticket type asked for is outside its own sales window: not yet open,
   * or closed. {@code types} names each such type with where the request fell and the instant that
   * decides it (the opening for {@code NOT_YET_OPEN}, the close for {@code CLOSED}), in the order asked.
   */
  public static final class TicketTypeNotOnSale extends CheckoutRefusal {
    /** Why one ticket type does not sell now. */
    public record Outside(SalesWindow.Position position, Instant at) {
      public Outside {
        if (position == SalesWindow.Position.OPEN || at == null) {
          throw new IllegalArgumentException("a refusal names a window the request fell outside, and its edge");
        }
      }
    }

    private final String eventId;
    private final Map<String, Outside> types;

    public TicketTypeNotOnSale(String eventId, Map<String, Outside> types) {
      super("ticket types not on sale " + eventId + " " + types.keySet(), null);
      this.eventId = eventId;
      this.types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    public String eventId() {
      return eventId;
    }

    /** Ticket type id to why it does not sell now, in the order the request listed them. */
    public Map<String, Outside> types() {
      return types;
    }

    /** A type whose sales open later may sell to the same request then. */
    @Override
    public boolean transientRefusal() {
      return types.values().stream().anyMatch(o -> o.position() == SalesWindow.Position.NOT_YET_OPEN);
    }
  }

  /** A rate limit was reached; a slot frees up after {@code retryAfterSeconds}. */
  public static final class RateLimited extends CheckoutRefusal {
    private final String limit;
    private final long retryAfterSeconds;

    public RateLimited(String limit, long retryAfterSeconds) {
      super("rate limited " + limit, null);
      this.limit = limit;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public String limit() {
      return limit;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    @Override
    public boolean transientRefusal() {
      return true;
    }
  }

  /**
   * The payment provider could not be reached or its circuit is open; nothing was charged and no
   * seat is kept. {@code retryAfterSeconds} is 0 when there is no better hint than "soon".
   */
  public static final class PaymentProviderUnavailable extends CheckoutRefusal {
    private final long retryAfterSeconds;

    public PaymentProviderUnavailable(long retryAfterSeconds) {
      super("payment provider unavailable", null);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    @Override
    public boolean transientRefusal() {
      return true;
    }
  }

  /** The payment provider refused the request itself; nothing was charged and no seat is kept. */
  public static final class PaymentProviderRejected extends CheckoutRefusal {
    public PaymentProviderRejected() {
      super("payment provider rejected the session", null);
    }

    @Override
    public boolean transientRefusal() {
      return false;
    }
  }
}
