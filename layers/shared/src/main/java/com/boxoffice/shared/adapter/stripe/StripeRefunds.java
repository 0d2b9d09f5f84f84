package com.boxoffice.shared.adapter.stripe;

import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.port.out.Refunds;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Refunds} through Stripe's Refunds API with one shared {@link StripeClient}. Every refund
 * carries the caller's deterministic idempotency key, so a retry of ours within Stripe's 24 hours
 * returns the same refund; a payment that is already refunded in full ({@code charge_already_refunded})
 * answers with the refund that exists, so a retry after those 24 hours makes no second one either.
 * Failures become {@code PaymentProviderException} as in {@link StripePaymentGateway}.
 */
public final class StripeRefunds implements Refunds {
  static final String ALREADY_REFUNDED = "charge_already_refunded";

  private final StripeClient stripe;

  public StripeRefunds(StripeClient stripe) {
    this.stripe = stripe;
  }

  @Override
  public String refund(RefundRequest r) {
    var params = RefundCreateParams.builder().setPaymentIntent(r.paymentIntentId());
    if (r.amount() != null) {
      params.setAmount(r.amount());
    }
    for (Map.Entry<String, String> e : r.metadata().entrySet()) {
      params.putMetadata(e.getKey(), e.getValue());
    }
    params.putMetadata(RefundRecord.TICKETS_METADATA, RefundRecord.formatTickets(r.ticketIds()));
    try {
      return stripe.v1().refunds().create(params.build(),
          RequestOptions.builder().setIdempotencyKey(r.idempotencyKey()).build()).getId();
    } catch (InvalidRequestException e) {
      if (ALREADY_REFUNDED.equals(e.getCode()) && r.amount() == null) {
        List<RefundRecord> existing = forPayment(r.paymentIntentId());
        if (!existing.isEmpty()) {
          return existing.get(0).refundId();
        }
      }
      throw StripePaymentGateway.translate(e);
    } catch (StripeException e) {
      throw StripePaymentGateway.translate(e);
    }
  }

  @Override
  public List<RefundRecord> forPayment(String paymentIntentId) {
    try {
      var page = stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(paymentIntentId)
          .setLimit(100L).build());
      List<RefundRecord> refunds = new ArrayList<>();
      for (Refund refund : page.getData()) {
        refunds.add(toRecord(refund));
      }
      return refunds;
    } catch (StripeException e) {
      throw StripePaymentGateway.translate(e);
    }
  }

  static RefundRecord toRecord(Refund r) {
    String status = r.getStatus() == null ? "" : r.getStatus();
    String named = r.getMetadata() == null ? null : r.getMetadata().get(RefundRecord.TICKETS_METADATA);
    return new RefundRecord(r.getId(), r.getAmount() == null ? 0 : r.getAmount(),
        !status.equals("failed") && !status.equals("canceled"), RefundRecord.parseTickets(named));
  }
}
