package com.boxoffice.shared.metrics;

import com.boxoffice.shared.domain.webhook.StripeEventType;
import com.boxoffice.shared.port.out.WebhookMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WebhookMetrics} as one Embedded Metric Format line per delivery, under {@code function}
 * and {@code function}+{@code outcome}+{@code eventType}: {@value #EVENTS} (1 per delivery) and 1 or 0 for
 * {@value #DUPLICATES}, {@value #QUEUED} and {@value #SIGNATURE_FAILURES} (which an alarm watches).
 * The event type is one this system acts on, {@value #OTHER_TYPE} for any other, or
 * {@value #UNVERIFIED_TYPE} when the delivery was refused before it was parsed: never a free string.
 */
public final class EmfWebhookMetrics implements WebhookMetrics {
  public static final String EVENTS = "WebhookEvents";
  public static final String DUPLICATES = "WebhookDuplicates";
  public static final String QUEUED = "WebhookQueuedForRetry";
  public static final String SIGNATURE_FAILURES = "WebhookSignatureFailures";
  static final String OTHER_TYPE = "other";
  static final String UNVERIFIED_TYPE = "unverified";

  private final EmfMetrics emf;
  private final String function;

  public EmfWebhookMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void deliveryEnded(Outcome outcome, Optional<StripeEventType> type) {
    boolean parsed = outcome != Outcome.INVALID_SIGNATURE && outcome != Outcome.MALFORMED;
    String eventType = type.map(StripeEventType::wire).orElse(parsed ? OTHER_TYPE : UNVERIFIED_TYPE);
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(EVENTS, 1);
    values.put(DUPLICATES, outcome == Outcome.DUPLICATE ? 1 : 0);
    values.put(QUEUED, outcome == Outcome.QUEUED ? 1 : 0);
    values.put(SIGNATURE_FAILURES, outcome == Outcome.INVALID_SIGNATURE ? 1 : 0);
    emf.emit(function, Map.of(EmfMetrics.Dimension.EVENT_TYPE, eventType,
        EmfMetrics.Dimension.OUTCOME, outcome.name().toLowerCase(Locale.ROOT)), values);
  }
}
