package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.payment.RefundRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Refunds at the payment provider. Implementations translate provider failures into
 * {@code PaymentProviderException}.
 */
public interface Refunds {

  /**
   * A refund to make. {@code amount} null refunds whatever is left of the payment.
   *
   * @param idempotencyKey deterministic (see {@link #keyFor}), so a repeated request makes one refund
   * @param ticketIds the tickets the refund pays back, written into its metadata; empty for none
   * @param metadata further metadata (order id, reason)
   */
  record RefundRequest(String paymentIntentId, Long amount, String idempotencyKey, List<String> ticketIds,
      Map<String, String> metadata) {
    public RefundRequest {
      Objects.requireNonNull(paymentIntentId, "paymentIntentId");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      ticketIds = List.copyOf(ticketIds);
      metadata = Map.copyOf(metadata);
    }
  }

  /** Makes the refund, or returns the one a previous identical request (or an earlier full refund) made; its id. */
  String refund(RefundRequest request);

  /** The refunds made on a payment so far, newest first. */
  List<RefundRecord> forPayment(String paymentIntentId);

  /** The idempotency key of the full refund of a payment this system refuses. */
  static String keyFor(String paymentIntentId) {
    return "refund-refused-payment:" + paymentIntentId;
  }
}
