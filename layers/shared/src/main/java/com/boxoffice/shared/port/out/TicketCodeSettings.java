package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.code.CodeDisplayRules;

/**
 * What decides how a ticket's codes are shown: its event's display rules and the ticket's code
 * version (0 until the ticket is reissued). Read when a buyer opens an order; nothing is written.
 */
public interface TicketCodeSettings {

  /** Every event shows printable codes only and no ticket was ever reissued. */
  TicketCodeSettings STATIC_ONLY = new TicketCodeSettings() {
    @Override
    public CodeDisplayRules rulesFor(String eventId) {
      return CodeDisplayRules.STATIC;
    }

    @Override
    public int codeVersion(String ticketId) {
      return 0;
    }
  };

  /** The event's rules; {@link CodeDisplayRules#STATIC} when the event is not found. */
  CodeDisplayRules rulesFor(String eventId);

  /** The ticket's {@code codeVersion}, 0 when the attribute (or the ticket) is absent. */
  int codeVersion(String ticketId);
}
