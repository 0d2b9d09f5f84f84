package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.domain.catalog.EventStatus;

/**
 * An event as the door sees it: whether it is cancelled, and its door rules.
 *
 * @param printedCodesAllowed with {@code rotatingCodes}, whether static (printed or emailed) codes
 *     still admit; an event stored without the setting allows them
 */
public record DoorEvent(EventStatus status, boolean allowReentry, boolean rotatingCodes, boolean printedCodesAllowed) {}
