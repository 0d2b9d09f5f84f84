package com.boxoffice.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to a function's environment. Every getter either returns a usable value
 * or throws a {@link ConfigurationException} naming the variable, so a misconfigured function
 * fails at init rather than halfway through a request.
 */
public final class Env {
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> optional(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigurationException(name, "is required but not set"));
  }

  public int intValue(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigurationException(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name, "must be a whole number");
    }
  }

  public double doubleValue(String name, double defaultValue, double min, double max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (!(value >= min && value <= max)) {
        throw new ConfigurationException(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name, "must be a number");
    }
  }

  public Duration millis(String name, long defaultMillis, long min, long max) {
    return Duration.ofMillis(intValue(name, (int) defaultMillis, (int) min, (int) max));
  }

  /** An absolute http(s) URL. */
  public URI url(String name) {
    String raw = required(name);
    try {
      URI uri = URI.create(raw);
      if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        throw new ConfigurationException(name, "must be an absolute http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(name, "must be an absolute http(s) URL");
    }
  }

  public Optional<URI> optionalUrl(String name) {
    return optional(name).map(v -> url(name));
  }

  public List<String> list(String name) {
    return Arrays.stream(required(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
