package com.boxoffice.shared.domain.organizer;

import java.time.Instant;

/** What an organizer sends to create or change a ticket type; {@code null} means "not given". */
public record TicketTypeDetails(
    String name, Long price, Integer capacity, Integer maxPerOrder, Instant salesOpenAt, Instant salesCloseAt) {}
