package com.boxoffice.shared.config;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What a scheduled function built at init: its collaborators, or the configuration error that
 * stopped it, logged once when it happened and thrown by every invocation after, naming the
 * setting. So a misconfigured function neither fails to load nor quietly does nothing.
 */
public final class Initialized<T> {
  private final T value;
  private final ConfigurationException failure;

  private Initialized(T value, ConfigurationException failure) {
    this.value = value;
    this.failure = failure;
  }

  /** Runs {@code build}; a {@link ConfigurationException} it throws is kept and logged. */
  public static <T> Initialized<T> attempt(Supplier<T> build, Logger log) {
    try {
      return new Initialized<>(build.get(), null);
    } catch (ConfigurationException e) {
      log.error("configuration invalid at init: {}", e.getMessage());
      return new Initialized<>(null, e);
    }
  }

  public static <T> Initialized<T> of(T value) {
    return new Initialized<>(value, null);
  }

  /** The value, or the init's configuration error. */
  public T get() {
    if (failure != null) {
      throw failure;
    }
    return value;
  }
}
