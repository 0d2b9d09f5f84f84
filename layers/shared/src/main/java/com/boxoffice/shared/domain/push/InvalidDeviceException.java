package com.boxoffice.shared.domain.push;

import java.util.Map;

/** A device registration that can never be stored: each offending field with what is wrong with it. */
public final class InvalidDeviceException extends RuntimeException {
  private final Map<String, String> fields;

  public InvalidDeviceException(Map<String, String> fields) {
    super("invalid device registration: " + fields.keySet());
    this.fields = Map.copyOf(fields);
  }

  public Map<String, String> fields() {
    return fields;
  }
}
