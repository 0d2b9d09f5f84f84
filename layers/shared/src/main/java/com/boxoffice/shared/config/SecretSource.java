package com.boxoffice.shared.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a secret setting. {@code NAME} set in the environment wins (the local runner and tests
 * use this); otherwise {@code NAME_SECRET_ARN} names a Secrets Manager secret whose string value
 * is fetched once, at init. Secret values are never logged.
 */
public final class SecretSource {
  private final Env env;
  private final Function<String, String> secretsManager;

  /**
   * @param secretsManager fetches a secret's string value by ARN; called only when a secret is
   *     configured by ARN, so local runs never need AWS credentials
   */
  public SecretSource(Env env, Function<String, String> secretsManager) {
    this.env = env;
    this.secretsManager = secretsManager;
  }

  public String required(String name) {
    return optional(name).orElseThrow(() ->
        new ConfigurationException(name, "is required: set " + name + " or " + name + "_SECRET_ARN"));
  }

  public Optional<String> optional(String name) {
    Optional<String> direct = env.optional(name);
    if (direct.isPresent()) {
      return direct;
    }
    Optional<String> arn = env.optional(name + "_SECRET_ARN");
    if (arn.isEmpty()) {
      return Optional.empty();
    }
    String value;
    try {
      value = secretsManager.apply(arn.get());
    } catch (RuntimeException e) {
      throw new ConfigurationException(name + "_SECRET_ARN", "secret could not be read (" + e.getClass().getSimpleName() + ")");
    }
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(name + "_SECRET_ARN", "secret is empty");
    }
    return Optional.of(value.trim());
  }
}
