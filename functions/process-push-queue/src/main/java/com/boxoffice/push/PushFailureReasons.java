package com.boxoffice.push;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the provider's error codes into the few reasons a metric dimension may carry, so an
 * unexpected code cannot grow the number of metrics: {@code endpoint_disabled}, {@code not_found},
 * {@code invalid_parameter}, {@code throttled}, {@code provider_unavailable}, {@code network},
 * {@code other}.
 */
final class PushFailureReasons {
  private PushFailureReasons() {}

  static String bounded(String code) {
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    if (c.contains("endpointdisabled") || c.equals("endpoint_disabled")) {
      return "endpoint_disabled";
    }
    if (c.contains("notfound")) {
      return "not_found";
    }
    if (c.contains("invalidparameter")) {
      return "invalid_parameter";
    }
    if (c.contains("throttl")) {
      return "throttled";
    }
    if (c.equals("provider_unavailable") || c.startsWith("sns_5")) {
      return "provider_unavailable";
    }
    if (c.equals("network")) {
      return "network";
    }
    return "other";
  }

  static Map<String, Integer> bounded(Map<String, Integer> byCode) {
    Map<String, Integer> out = new TreeMap<>();
    byCode.forEach((code, n) -> out.merge(bounded(code), n, Integer::sum));
    return out;
  }
}
