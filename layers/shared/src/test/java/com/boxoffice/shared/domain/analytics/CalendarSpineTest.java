package com.boxoffice.shared.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The series' calendar spine in the event's time zone, across both daylight-saving changes. */
@Tag("fast")
class CalendarSpineTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void theDayTheClocksGoBackHas25HoursAndItsRepeatedHourAppearsTwice() {
    List<ZonedDateTime> days = AnalyticsReader.spine(Instant.parse("2026-10-23T22:00:00Z"),
        Instant.parse("2026-10-26T23:00:00Z"), AnalyticsQuery.Bucket.DAY, BERLIN);
    assertThat(days).extracting(d -> d.toOffsetDateTime().toString())
        .containsExactly("2026-10-24T00:00+02:00", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00");
    assertThat(Duration.between(days.get(1), days.get(2))).isEqualTo(Duration.ofHours(25));

    List<ZonedDateTime> hours = AnalyticsReader.spine(Instant.parse("2026-10-24T23:00:00Z"),
        Instant.parse("2026-10-25T03:00:00Z"), AnalyticsQuery.Bucket.HOUR, BERLIN);
    assertThat(hours).extracting(d -> d.toOffsetDateTime().toString()).containsExactly(
        "2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00");
  }

  @Test
  void theDayTheClocksGoForwardHas23HoursAndNoHourAtTwo() {
    List<ZonedDateTime> days = AnalyticsReader.spine(Instant.parse("2026-03-28T23:00:00Z"),
        Instant.parse("2026-03-30T22:00:00Z"), AnalyticsQuery.Bucket.DAY, BERLIN);
    assertThat(days).extracting(d -> d.toOffsetDateTime().toString())
        .containsExactly("2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00");
    assertThat(Duration.between(days.get(0), days.get(1))).isEqualTo(Duration.ofHours(23));

    List<ZonedDateTime> hours = AnalyticsReader.spine(Instant.parse("2026-03-29T00:00:00Z"),
        Instant.parse("2026-03-29T02:00:00Z"), AnalyticsQuery.Bucket.HOUR, BERLIN);
    assertThat(hours).extracting(d -> d.toOffsetDateTime().toString())
        .containsExactly("2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00");
  }

  @Test
  void aRangeThatStartsMidBucketStartsAtThatBucketAndEndsBeforeTo() {
    List<ZonedDateTime> hours = AnalyticsReader.spine(Instant.parse("2026-12-07T08:20:00Z"),
        Instant.parse("2026-12-07T10:00:00Z"), AnalyticsQuery.Bucket.HOUR, BERLIN);
    assertThat(hours).extracting(d -> d.toOffsetDateTime().toString())
        .containsExactly("2026-12-07T09:00+01:00", "2026-12-07T10:00+01:00");
  }
}
