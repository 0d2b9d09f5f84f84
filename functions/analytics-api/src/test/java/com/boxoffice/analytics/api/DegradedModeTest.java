package com.boxoffice.analytics.api;

import static com.boxoffice.analytics.api.AnalyticsFixture.EVENT;
import static com.boxoffice.analytics.api.AnalyticsFixture.ORG;
import static com.boxoffice.analytics.api.AnalyticsFixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoEventTimeZones;
import com.boxoffice.shared.domain.analytics.AnalyticsReader;
import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Delta;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import com.boxoffice.shared.port.out.AnalyticsStore;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the aggregates cannot be read within the budget (a read that hangs) or at all (a read that
 * fails), the route answers the last good answer to the same question, marked degraded with the
 * reason and its freshness measured again; with no earlier answer, 503 analytics_unavailable.
 */
@ExtendWith(LocalAwsExtension.class)
class DegradedModeTest {
  enum Mode { NORMAL, HANG, FAIL }

  /** The real store, whose totals read can be made to hang or fail. */
  static final class Switchable implements AnalyticsStore {
    final AnalyticsStore real;
    final CountDownLatch never = new CountDownLatch(1);
    volatile Mode mode = Mode.NORMAL;

    Switchable(AnalyticsStore real) {
      this.real = real;
    }

    @Override
    public Optional<StoredSlot> totals(String eventId) {
      if (mode == Mode.HANG) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted");
      }
      if (mode == Mode.FAIL) {
        throw new IllegalStateException("injected: table unavailable");
      }
      return real.totals(eventId);
    }

    @Override
    public Applied apply(String changeId, Delta delta, Instant appliedAt) {
      return real.apply(changeId, delta, appliedAt);
    }

    @Override
    public void advanceWatermark(Instant appliedThrough) {
      real.advanceWatermark(appliedThrough);
    }

    @Override
    public Optional<Instant> watermark() {
      return real.watermark();
    }

    @Override
    public List<StoredSlot> slots(String eventId) {
      return real.slots(eventId);
    }

    @Override
    public List<StoredSlot> hours(String eventId, Instant from, Instant to) {
      return real.hours(eventId, from, to);
    }

    @Override
    public Page types(String eventId, String cursor, int limit) {
      return real.types(eventId, cursor, limit);
    }

    @Override
    public boolean repair(Slot slot, Map<Counter, Long> values, long expectedVersion) {
      return real.repair(slot, values, expectedVersion);
    }
  }

  @Test
  void servesTheLastGoodAnswerMarkedDegradedAndOtherwiseA503ThatMayBeRetried(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var clock = new MutableClock(Instant.now());
    var store = new Switchable(new DynamoAnalyticsStore(aws.dynamo(), table, clock));
    var reader = new AnalyticsReader(store, new DynamoEventOwners(aws.dynamo(), table),
        new DynamoEventTimeZones(aws.dynamo(), table), clock, Duration.ofMillis(1500), Executors.newCachedThreadPool(), 16);
    var handler = new AnalyticsApiHandler(new AnalyticsApi(reader, clock));
    Map<String, String> query = Map.of("bucket", "day");

    store.mode = Mode.FAIL;
    var none = call(handler, ORG, EVENT, query);
    assertThat(none.getStatusCode()).isEqualTo(503);
    JsonNode error = HttpApiEvents.json(none).get("error");
    assertThat(error.get("code").asText()).isEqualTo("analytics_unavailable");
    assertThat(error.get("retryable").asBoolean()).isTrue();

    store.mode = Mode.NORMAL;
    JsonNode good = HttpApiEvents.json(call(handler, ORG, EVENT, query));
    assertThat(good.get("degraded").asBoolean()).isFalse();

    clock.advance(Duration.ofMinutes(10));
    store.mode = Mode.HANG;
    JsonNode late = HttpApiEvents.json(call(handler, ORG, EVENT, query));
    assertThat(late.get("degraded").asBoolean()).isTrue();
    assertThat(late.get("degradedReason").asText()).isEqualTo("aggregates_timeout");
    assertThat(late.get("totals")).isEqualTo(good.get("totals"));
    assertThat(late.get("asOf")).isEqualTo(good.get("asOf"));
    assertThat(late.get("lagSeconds").asLong()).isGreaterThanOrEqualTo(good.get("lagSeconds").asLong() + 600);
    assertThat(late.get("stale").asBoolean()).isTrue();

    store.mode = Mode.FAIL;
    JsonNode failed = HttpApiEvents.json(call(handler, ORG, EVENT, query));
    assertThat(failed.get("degradedReason").asText()).isEqualTo("aggregates_unavailable");

    // The snapshot belongs to the organization that asked: another tenant still gets 404.
    store.mode = Mode.NORMAL;
    assertThat(call(handler, "org_rival", EVENT, query).getStatusCode()).isEqualTo(404);
    store.never.countDown();
  }
}
