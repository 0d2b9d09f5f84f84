package com.boxoffice.shared.port.out;

/**
 * Hands one finished MIME message to the mail provider. Failures come back as a {@link
 * MailerException} of one of three kinds, which decide what happens to the job.
 */
public interface Mailer {

  /** Sends the message and returns the provider's message id. */
  String send(String from, String to, byte[] mime, String template) throws MailerException;

  /** Why a send failed, as far as retrying goes. */
  enum FailureKind {
    /** The provider asked us to slow down: retry later, the message itself is fine. */
    THROTTLED,
    /** A 5xx, a timeout, a network error, a paused account: retry later with backoff. */
    TRANSIENT,
    /** The provider refused this message (bad address, rejected content): never retry. */
    PERMANENT
  }

  /** A failed send with its kind and the provider's error code. */
  final class MailerException extends Exception {
    private final FailureKind kind;
    private final String code;

    public MailerException(FailureKind kind, String code, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
      this.code = code;
    }

    public FailureKind kind() {
      return kind;
    }

    public String code() {
      return code;
    }
  }
}
