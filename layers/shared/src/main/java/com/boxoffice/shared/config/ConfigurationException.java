package com.boxoffice.shared.config;

/** A required setting is missing or malformed; the message names the setting, never its value. */
public final class ConfigurationException extends RuntimeException {
  private final String setting;

  public ConfigurationException(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
