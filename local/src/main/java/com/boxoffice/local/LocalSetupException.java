package com.boxoffice.local;

/** The local stack cannot start; the message says why and what to do about it. */
public final class LocalSetupException extends RuntimeException {
  LocalSetupException(String message) {
    super(message);
  }
}
