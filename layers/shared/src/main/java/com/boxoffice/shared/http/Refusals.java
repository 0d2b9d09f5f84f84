package com.boxoffice.shared.http;

import com.boxoffice.shared.domain.order.CheckoutRefusal;
import com.boxoffice.shared.domain.order.InventoryBusyException;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.domain.orgorders.OrderDeskRefusal;
import com.boxoffice.shared.domain.organizer.OrganizerRefusal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where domain refusals become HTTP: an {@link ErrorCode} (and so a status), the
 * client-facing message, the {@code fields} and any {@code Retry-After}. The domain throws typed
 * refusals with no status; {@link HttpLambda} and {@link IdempotentRoutes} ask this class what
 * they mean on the wire. Anything it does not know is an unexpected failure.
 */
public final class Refusals {
  static final String PAYMENT_UNAVAILABLE_MESSAGE =
      "We could not reach the payment provider. Your card has not been charged; please try again in a moment.";

  private Refusals() {}

  /** The answer for {@code e} if it is a known refusal; empty for anything unexpected. */
  public static Optional<ApiException> toApi(RuntimeException e) {
    return switch (e) {
      case ApiException api -> Optional.of(api);
      case CheckoutRefusal refusal -> Optional.of(checkout(refusal));
      case OrderDeskRefusal refusal -> Optional.of(orderDesk(refusal));
      case OrganizerRefusal refusal -> Optional.of(organizer(refusal));
      default -> Optional.empty();
    };
  }

  static ApiException orderDesk(OrderDeskRefusal refusal) {
    ErrorCode code = switch (refusal) {
      case OrderDeskRefusal.NotFound n -> ErrorCode.NOT_FOUND;
      case OrderDeskRefusal.TicketNotValid t -> ErrorCode.TICKET_NOT_VALID;
      case OrderDeskRefusal.OrderNotPaid o -> ErrorCode.ORDER_NOT_PAID;
      case OrderDeskRefusal.CodeNotReissuable c -> ErrorCode.CODE_NOT_REISSUABLE;
      case OrderDeskRefusal.NotRefundable r -> ErrorCode.NOT_REFUNDABLE;
      case OrderDeskRefusal.EventNotCancellable e -> ErrorCode.EVENT_NOT_CANCELLABLE;
      case OrderDeskRefusal.StoreBusy b -> ErrorCode.SERVICE_UNAVAILABLE;
      case OrderDeskRefusal.ProviderFailed p ->
          p.retryable() ? ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE : ErrorCode.PAYMENT_PROVIDER_REJECTED;
    };
    return new ApiException(code, refusal.getMessage());
  }

  static ApiException checkout(CheckoutRefusal refusal) {
    return switch (refusal) {
      case CheckoutRefusal.Invalid invalid -> ApiException.validation(invalid.fields());
      case CheckoutRefusal.NotOnSale n ->
          new ApiException(ErrorCode.EVENT_NOT_ON_SALE, "Tickets for this event are not on sale.");
      case CheckoutRefusal.TicketTypeNotOnSale t -> {
        Map<String, String> why = new LinkedHashMap<>();
        t.types().forEach((type, outside) -> why.put(type, switch (outside.position()) {
          case NOT_YET_OPEN -> "on sale from " + outside.at();
          case CLOSED -> "sales closed at " + outside.at();
          case OPEN -> throw new IllegalStateException("an open window is never refused");
        }));
        yield new ApiException(ErrorCode.TICKET_TYPE_NOT_ON_SALE,
            "Some of these tickets are not on sale at this time.", why, Map.of());
      }
      case SoldOutException soldOut -> {
        Map<String, String> left = new LinkedHashMap<>();
        soldOut.available().forEach((type, count) -> left.put(type, count + " left"));
        yield new ApiException(ErrorCode.SOLD_OUT, "Not enough tickets are left for this order.", left, Map.of());
      }
      case InventoryBusyException busy -> new ApiException(ErrorCode.INVENTORY_BUSY,
          "Many people are buying these tickets right now; please try again.", Map.of(), Map.of("Retry-After", "1"));
      case InventoryUnavailableException unavailable -> new ApiException(ErrorCode.INVENTORY_UNAVAILABLE,
          "We could not reserve seats just now and nothing was held; please try again.", Map.of(),
          Map.of("Retry-After", "1"));
      case CheckoutRefusal.RateLimited limited -> ApiException.rateLimited(limited.retryAfterSeconds());
      case CheckoutRefusal.PaymentProviderUnavailable p -> new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE,
          PAYMENT_UNAVAILABLE_MESSAGE, Map.of(),
          p.retryAfterSeconds() > 0 ? Map.of("Retry-After", Long.toString(p.retryAfterSeconds())) : Map.of());
      case CheckoutRefusal.PaymentProviderRejected r -> new ApiException(ErrorCode.PAYMENT_PROVIDER_REJECTED,
          "The payment provider refused to start this payment. Your card has not been charged.");
    };
  }

  static ApiException organizer(OrganizerRefusal refusal) {
    return switch (refusal) {
      case OrganizerRefusal.NotFound n -> ApiException.notFound("No such record.");
      case OrganizerRefusal.Invalid invalid -> ApiException.validation(invalid.fields());
      case OrganizerRefusal.TransitionRefused t -> new ApiException(ErrorCode.INVALID_TRANSITION,
          "The event is " + t.from().name() + " and cannot " + t.transition().name().toLowerCase(java.util.Locale.ROOT)
              + ".", Map.of("status", t.from().name()), Map.of());
      case OrganizerRefusal.NotEditable n -> new ApiException(ErrorCode.EVENT_NOT_EDITABLE,
          "The event is " + n.status().name() + " and can no longer be changed.", Map.of("status", n.status().name()),
          Map.of());
      case OrganizerRefusal.CapacityBelowCommitted c -> new ApiException(ErrorCode.CAPACITY_BELOW_COMMITTED,
          "Capacity cannot go below the tickets sold or held.", Map.of("capacity", "at least " + c.committed()),
          Map.of());
      case OrganizerRefusal.DeviceRevoked r -> new ApiException(ErrorCode.DEVICE_REVOKED,
          "The device was revoked; register a new one.");
      case OrganizerRefusal.KeyRotationConflict k -> new ApiException(ErrorCode.KEY_ROTATION_CONFLICT,
          "The signing keys changed since this rotation was asked for; nothing was rotated.",
          k.activeKeyId() == null ? Map.of() : Map.of("activeKeyId", k.activeKeyId()), Map.of());
      case OrganizerRefusal.ConcurrentChange c -> new ApiException(ErrorCode.CONCURRENT_CHANGE,
          "Someone changed this at the same moment; read it again and retry.", Map.of(), Map.of("Retry-After", "1"));
    };
  }
}
