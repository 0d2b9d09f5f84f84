package com.boxoffice.shared.domain.email;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the mail provider reported back about mail already sent: a bounce or a complaint, and the
 * addresses it concerns. Whether an address is then suppressed is decided here: a permanent
 * bounce and a complaint suppress, a transient bounce (mailbox full) does not. The provider's own
 * event format is read by its adapter ({@code adapter.ses.SesDeliveryEvents}).
 */
public record DeliveryEvent(Kind kind, List<String> recipients) {

  /** The reports that matter to the suppression list. */
  public enum Kind {
    PERMANENT_BOUNCE("bounce"),
    TRANSIENT_BOUNCE(null),
    COMPLAINT("complaint");

    private final String suppressionReason;

    Kind(String suppressionReason) {
      this.suppressionReason = suppressionReason;
    }

    /** The reason recorded with a suppressed address, or empty when this kind suppresses nobody. */
    public Optional<String> suppressionReason() {
      return Optional.ofNullable(suppressionReason);
    }
  }

  public DeliveryEvent {
    Objects.requireNonNull(kind, "kind");
    recipients = List.copyOf(recipients);
  }

  /** The addresses later mail must skip: all of them for a permanent bounce or a complaint, else none. */
  public List<String> addressesToSuppress() {
    return kind.suppressionReason().isPresent() ? recipients : List.of();
  }
}
