package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.code.SigningKeys;

/** Where the ticket-code signing keys are kept; every function reads them from there at start and every few minutes. */
public interface SigningKeyStore {

  /** The keys as stored at one version; {@code version} is opaque and names exactly this value. */
  record Stored(SigningKeys keys, String version) {}

  /** The keys as stored now, read fresh (not the copy this container started with), with their version. */
  Stored current();

  /**
   * Stores {@code keys} as the new current value if the current value is still {@code expectedVersion};
   * false, changing nothing that any reader sees, when another write got there first.
   */
  boolean replace(SigningKeys keys, String expectedVersion);
}
