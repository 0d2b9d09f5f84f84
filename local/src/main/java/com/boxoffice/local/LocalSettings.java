package com.boxoffice.local;

import java.util.Map;

/** Ports and Stripe mode of the local stack, overridable by environment variables. */
record LocalSettings(int dynamoPort, int sqsPort, int sesPort, int apiPort, int webhookPort, int stripeMockPort,
    String stripeSecretKey, int snsPort) {

  /** moto's SNS on a free port: for tests that start the stack next to others. */
  LocalSettings(int dynamoPort, int sqsPort, int sesPort, int apiPort, int webhookPort, int stripeMockPort,
      String stripeSecretKey) {
    this(dynamoPort, sqsPort, sesPort, apiPort, webhookPort, stripeMockPort, stripeSecretKey, 0);
  }

  static LocalSettings fromEnvironment(Map<String, String> env) {
    String key = env.get("STRIPE_SECRET_KEY");
    if (key != null && !key.isBlank() && !key.startsWith("sk_test_")) {
      throw new LocalSetupException("STRIPE_SECRET_KEY must be a test-mode key (sk_test_...) for local runs");
    }
    return new LocalSettings(
        port(env, "DYNAMODB_PORT", 8000),
        port(env, "SQS_PORT", 9324),
        port(env, "SES_PORT", 8005),
        port(env, "API_PORT", 3000),
        port(env, "WEBHOOK_PORT", 3001),
        port(env, "STRIPE_MOCK_PORT", 12111),
        key == null || key.isBlank() ? null : key,
        port(env, "SNS_PORT", 5005));
  }

  private static int port(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int p = Integer.parseInt(v.trim());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new LocalSetupException(name + " must be a TCP port number (1-65535)");
    }
  }
}
