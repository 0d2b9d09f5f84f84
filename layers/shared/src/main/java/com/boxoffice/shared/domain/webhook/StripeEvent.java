package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.domain.payment.RefundRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified Stripe event as the domain reads it: its id, type, creation time, the few fields of
 * its {@code data.object} that decide anything, and the exact JSON it arrived as (for the retry
 * queue; never logged). Reading Stripe's JSON into this record is an adapter's job
 * ({@code adapter.stripe.StripeEventJson}).
 */
public record StripeEvent(String id, String type, Instant created, DataObject object, String payload) {

  /** The order id key this system puts in the metadata of every session and payment intent it creates. */
  public static final String ORDER_ID_METADATA = "orderId";

  /**
   * The fields of {@code data.object} the processor uses. Absent text is null, absent amounts 0.
   *
   * @param id the object's own id (the checkout session id for checkout events)
   * @param metadata the object's {@code metadata}, never null
   * @param payerEmail {@code customer_details.email}, else {@code customer_email}
   * @param refunds the charge's {@code refunds.data} when the event carries it, else null
   */
  public record DataObject(String id, String clientReferenceId, Map<String, String> metadata, String paymentStatus,
      String paymentIntent, long amountTotal, String currency, long amountRefunded, String payerEmail,
      List<RefundRecord> refunds) {

    public DataObject {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      refunds = refunds == null ? null : List.copyOf(refunds);
    }
  }

  /** The event JSON is not what Stripe sends (no id, type or data.object). */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }
  }

  public StripeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
    if (id.isBlank() || type.isBlank()) {
      throw new MalformedEventException("event lacks id or type");
    }
    if (id.length() > 255) {
      throw new MalformedEventException("event id too long");
    }
  }

  /** The order this event is about: {@code client_reference_id}, else {@code metadata.orderId}. */
  public Optional<String> orderId() {
    return nonBlank(object.clientReferenceId()).or(this::ourOrderId);
  }

  /**
   * The order id this system wrote into the object's metadata when it created the session or
   * payment intent. Unlike {@code client_reference_id}, which a Payment Link takes from its URL,
   * only whoever holds the API key sets metadata.
   */
  public Optional<String> ourOrderId() {
    return nonBlank(object.metadata().get(ORDER_ID_METADATA));
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
