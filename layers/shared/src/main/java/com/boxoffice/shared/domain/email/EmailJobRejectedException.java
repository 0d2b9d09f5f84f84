package com.boxoffice.shared.domain.email;

/**
 * A job that can never be sent as it stands: an unknown template, variables that do not fit the
 * template, an address that is not an address. It goes to the dead-letter queue with {@link
 * #reason()} and is not retried.
 */
public final class EmailJobRejectedException extends RuntimeException {
  private final String reason;

  public EmailJobRejectedException(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  /** A stable snake_case code: {@code unknown_template}, {@code missing_variables}, {@code invalid_address}. */
  public String reason() {
    return reason;
  }
}
