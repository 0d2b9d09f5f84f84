package com.boxoffice.shared.domain.organizer;

import java.time.Instant;

/**
 * The details an organizer sends to create or change an event; {@code null} means "not given"
 * (on create, a default where there is one; on update, unchanged). Times are already instants;
 * the edge refuses text that is not a real ISO-8601 instant.
 */
public record EventDetails(
    String name, String venue, String timeZone, Instant startsAt, Instant endsAt, Instant salesOpenAt,
    Instant salesCloseAt, String currency, Boolean allowReentry, Boolean rotatingCodes, Boolean printedCodesAllowed) {}
