package com.boxoffice.shared.domain.payment;

import java.util.List;

/**
 * One refund of a payment as the provider reports it.
 *
 * @param ticketIds the tickets the refund names in its metadata ({@link #TICKETS_METADATA}); null
 *     when it names none (a refund made in the dashboard or by another system)
 * @param active false for a refund that failed or was cancelled: it returned no money
 */
public record RefundRecord(String refundId, long amount, boolean active, List<String> ticketIds) {

  /** The metadata key under which refunds made by this system list the ticket ids they pay back, comma-separated. */
  public static final String TICKETS_METADATA = "ticketIds";

  public RefundRecord {
    ticketIds = ticketIds == null ? null : List.copyOf(ticketIds);
  }

  public boolean namesTickets() {
    return ticketIds != null;
  }

  /** Reads the metadata value: absent means unnamed, blank means "no tickets". */
  public static List<String> parseTickets(String metadataValue) {
    if (metadataValue == null) {
      return null;
    }
    return metadataValue.isBlank() ? List.of()
        : List.of(metadataValue.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public static String formatTickets(List<String> ticketIds) {
    return String.join(",", ticketIds);
  }
}
