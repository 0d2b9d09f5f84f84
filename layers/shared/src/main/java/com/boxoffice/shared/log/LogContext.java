package com.boxoffice.shared.log;

import org.slf4j.MDC;

/**
 * Keys every JSON log line carries while a request or a queue message is being handled:
 * {@code function}, {@code requestId}, and the ids of what is being worked on ({@code orderId},
 * {@code ticketId}, {@code stripeEventId}, {@code jobId}...). Never secrets, bodies or addresses.
 */
public final class LogContext {
  private LogContext() {}

  public static void begin(String function, String requestId) {
    MDC.clear();
    MDC.put("function", function);
    MDC.put("requestId", requestId);
  }

  public static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  public static void remove(String key) {
    MDC.remove(key);
  }

  public static void clear() {
    MDC.clear();
  }
}
