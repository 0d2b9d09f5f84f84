package com.boxoffice.shared.port.out;

import java.time.ZoneId;
import java.util.Optional;

/** The time zone an event's calendar is kept in (its {@code timeZone}); empty when it names none. */
public interface EventTimeZones {

  Optional<ZoneId> zoneOf(String eventId);
}
