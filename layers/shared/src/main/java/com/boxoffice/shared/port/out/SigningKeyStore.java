package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.code.SigningKeys;

/** Where the ticket-code signing keys are kept; every function reads them from there at start and every few minutes. */
public interface SigningKeyStore {

  /** The keys as stored now, read fresh (not the copy this container started with). */
  SigningKeys current();

  /** Stores {@code keys} as the new current value. */
  void replace(SigningKeys keys);
}
