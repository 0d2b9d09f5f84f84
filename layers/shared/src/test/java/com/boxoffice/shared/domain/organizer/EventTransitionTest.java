package com.boxoffice.shared.domain.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The event status machine: exactly the documented transitions are allowed, every other is refused by name. */
@Tag("fast")
class EventTransitionTest {
  private static final Map<EventTransition, Set<EventStatus>> ALLOWED = Map.of(
      EventTransition.PUBLISH, EnumSet.of(EventStatus.DRAFT, EventStatus.PAUSED),
      EventTransition.PAUSE, EnumSet.of(EventStatus.ON_SALE),
      EventTransition.CLOSE, EnumSet.of(EventStatus.ON_SALE, EventStatus.PAUSED),
      EventTransition.CANCEL, EnumSet.of(EventStatus.DRAFT, EventStatus.ON_SALE, EventStatus.PAUSED, EventStatus.CLOSED));

  @Test
  void everyStatusAndTransitionPairIsAllowedOrRefusedAsDocumented() {
    for (EventTransition t : EventTransition.values()) {
      for (EventStatus from : EventStatus.values()) {
        if (ALLOWED.get(t).contains(from)) {
          assertThat(t.apply("evt_1", from)).as(t + " from " + from).isEqualTo(t.to());
        } else {
          assertThatThrownBy(() -> t.apply("evt_1", from)).as(t + " from " + from)
              .isInstanceOfSatisfying(OrganizerRefusal.TransitionRefused.class, r -> {
                assertThat(r.from()).isEqualTo(from);
                assertThat(r.transition()).isEqualTo(t);
              });
        }
      }
    }
  }

  @Test
  void nothingLeavesCancelledAndOnlyPublishSells() {
    for (EventTransition t : EventTransition.values()) {
      assertThat(t.allowedFrom(EventStatus.CANCELLED)).as(t.toString()).isFalse();
    }
    assertThat(EventTransition.PUBLISH.to()).isEqualTo(EventStatus.ON_SALE);
    assertThat(EventTransition.values()).extracting(EventTransition::to).filteredOn(s -> s == EventStatus.ON_SALE)
        .hasSize(1);
    assertThat(EventTransition.PUBLISH.wire()).isEqualTo("event.published");
  }

  @Test
  void auditJsonEscapesTextAndKeepsTypes() {
    var record = new java.util.LinkedHashMap<String, Object>();
    record.put("name", "Quote \" and \\ and \n");
    record.put("price", 2500L);
    record.put("on", true);
    record.put("none", null);
    record.put("ids", java.util.List.of("a", "b"));
    record.put("at", java.time.Instant.parse("2036-01-01T00:00:00Z"));
    assertThat(AuditJson.of(record)).isEqualTo(
        "{\"name\":\"Quote \\\" and \\\\ and \\n\",\"price\":2500,\"on\":true,\"none\":null,\"ids\":[\"a\",\"b\"],"
            + "\"at\":\"2036-01-01T00:00:00Z\"}");
  }
}
