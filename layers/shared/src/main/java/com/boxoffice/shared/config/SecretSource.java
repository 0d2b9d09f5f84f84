package com.boxoffice.shared.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a secret setting. {@code NAME} set in the environment wins (the local runner and tests
 * use this); otherwise {@code NAME_SECRET_ARN} names a Secrets Manager secret whose string value
 * is fetched at init. A secret that cannot be read, or has no value yet, is a
 * {@link SecretUnavailableException}: the function tries again on a later request rather than
 * keep the failure. Each read is reported to the {@link SecretWatch} of the running build, which
 * reads the secrets again on a TTL so a rotated or withdrawn value takes effect without a deploy.
 * Secret values are never logged.
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
    String setting = name + "_SECRET_ARN";
    String value;
    try {
      value = secretsManager.apply(arn.get());
    } catch (RuntimeException e) {
      throw new SecretUnavailableException(setting, "secret could not be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (value == null || value.isBlank()) {
      throw new SecretUnavailableException(setting, "secret has no value", null);
    }
    String read = value;
    SecretWatch.current().ifPresent(w -> w.read(arn.get(), secretsManager, read));
    return Optional.of(value.trim());
  }
}
