package com.boxoffice.organizer;

import com.boxoffice.shared.http.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Field checks the edge makes before the domain sees a value: instants and whole numbers. */
final class Fields {
  private Fields() {}

  /** An ISO-8601 date-time with an offset ({@code 2027-05-01T20:00:00+02:00} or {@code ...Z}); 30 February is refused. */
  static Instant instant(String value, String field, Map<String, String> problems) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      problems.put(field, "must be an ISO-8601 date-time with an offset, e.g. 2027-05-01T20:00:00Z");
      return null;
    }
  }

  static Integer whole(BigDecimal value, String field, Map<String, String> problems) {
    Long v = wholeLong(value, field, problems);
    if (v == null) {
      return null;
    }
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      problems.put(field, "out of range");
      return null;
    }
    return v.intValue();
  }

  static Long wholeLong(BigDecimal value, String field, Map<String, String> problems) {
    if (value == null) {
      return null;
    }
    if (value.stripTrailingZeros().scale() > 0) {
      problems.put(field, "must be a whole number");
      return null;
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      problems.put(field, "out of range");
      return null;
    }
  }

  static void done(Map<String, String> problems) {
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
  }
}
