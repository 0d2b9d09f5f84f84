package com.boxoffice.shared.config;

/**
 * A secret configured by ARN could not be read just now (Secrets Manager failed, refused, or the
 * secret has no value yet). Unlike a {@link ConfigurationException} on an environment variable,
 * this can mend without a deploy, so a function keeps trying on later requests. The message names
 * the setting and the failure's type, never a value; it is for logs, not for callers.
 */
public final class SecretUnavailableException extends RuntimeException {
  private final String setting;

  public SecretUnavailableException(String setting, String problem, Throwable cause) {
    super(setting + ": " + problem, cause);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
