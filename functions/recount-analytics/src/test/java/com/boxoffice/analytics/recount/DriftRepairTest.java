package com.boxoffice.analytics.recount;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsRecords;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.StreamChanges;
import com.boxoffice.shared.domain.analytics.AnalyticsRecount;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.LocalStream;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.TableActivity;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift injected into the analytics (a total bumped by hand, an hour bucket deleted, a slot for
 * which there is no record) is found by the recount, reported as metrics and repaired, after
 * which a second recount finds nothing; an event whose aggregates just changed is left alone.
 */
@ExtendWith(LocalAwsExtension.class)
class DriftRepairTest {
  static final Instant T0 = Instant.parse("2026-12-07T09:15:00Z");

  @Test
  void aRecountFindsInjectedDriftRepairsItAndReportsIt(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var activity = new TableActivity(aws.dynamo(), table);
    activity.ticketType("evt-d", "general", "General", 100, 2500);
    activity.pendingOrder("ord-1", "evt-d", "general", 2, 2500, T0);
    activity.pay("ord-1", "evt-d", "general", 2, 5000, T0.plusSeconds(60));
    activity.scan("ord-1-t0", "evt-d", true, "n1", T0.plusSeconds(7200));
    var store = new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC());
    try (var stream = new LocalStream(aws, table)) {
      var batch = StreamChanges.of(LocalStream.event(stream.readNew()));
      var applier = new ChangeApplier(store, new EmfAnalyticsMetrics(new EmfCapture(Clock.systemUTC()).metrics(), "t"),
          Clock.fixed(T0.plusSeconds(7300), java.time.ZoneOffset.UTC));
      assertThat(batch.firstFailure(applier.apply(batch.changes()))).isEmpty();
    }
    long soldBefore = store.totals("evt-d").orElseThrow().get(Counter.TICKETS_SOLD);
    assertThat(soldBefore).isEqualTo(2);

    // Drift: a total bumped, the check-in hour lost, and a ghost ticket type.
    aws.dynamo().updateItem(b -> b.tableName(table).key(TableActivity.key("ANALYTICS#evt-d", "TOTALS"))
        .updateExpression("ADD ticketsSold :x").expressionAttributeValues(Map.of(":x", TableActivity.n(7))));
    aws.dynamo().deleteItem(b -> b.tableName(table).key(TableActivity.key("ANALYTICS#evt-d",
        Slot.hourKey(T0.plusSeconds(7200)))));
    aws.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", TableActivity.s("ANALYTICS#evt-d"),
        "sk", TableActivity.s("TYPE#ghost"), "ticketsSold", TableActivity.n(3), "v", TableActivity.n(1))));

    var clock = new MutableClock(T0.plus(Duration.ofHours(5)));
    var emf = new EmfCapture(clock);
    var handler = new RecountAnalyticsHandler(new AnalyticsRecount(new DynamoAnalyticsRecords(aws.dynamo(), table),
        store, new EmfAnalyticsMetrics(emf.metrics(), RecountAnalyticsHandler.FUNCTION), clock, Duration.ofMinutes(10)));
    var first = handler.handleRequest(Map.of("task", "recount"), null);
    assertThat(first).containsEntry("driftFound", 3).containsEntry("driftRepaired", 3).containsEntry("eventsDeferred", 0);
    var line = emf.only();
    assertThat(line.get(EmfAnalyticsMetrics.DRIFT_FOUND).asInt()).isEqualTo(3);
    assertThat(line.get(EmfAnalyticsMetrics.DRIFT_REPAIRED).asInt()).isEqualTo(3);

    assertThat(store.totals("evt-d").orElseThrow().get(Counter.TICKETS_SOLD)).isEqualTo(2);
    assertThat(store.hours("evt-d", T0, T0.plus(Duration.ofHours(3))))
        .anySatisfy(s -> assertThat(s.get(Counter.CHECK_INS)).isEqualTo(1));
    assertThat(store.slots("evt-d")).filteredOn(s -> s.slot().id().equals("ghost"))
        .allSatisfy(s -> assertThat(s.counters().values()).allMatch(v -> v == 0));

    assertThat(handler.handleRequest(Map.of("task", "recount"), null)).containsEntry("driftFound", 0);
  }

  @Test
  void anEventWhoseAggregatesJustChangedIsLeftForTheNextRun(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var store = new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC());
    aws.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", TableActivity.s("ANALYTICS#evt-busy"),
        "sk", TableActivity.s("TOTALS"), "ticketsSold", TableActivity.n(4), "v", TableActivity.n(1),
        "appliedAt", TableActivity.s(T0.toString()))));
    var clock = new MutableClock(T0.plusSeconds(60));
    var recount = new AnalyticsRecount(new DynamoAnalyticsRecords(aws.dynamo(), table), store,
        new EmfAnalyticsMetrics(new EmfCapture(clock).metrics(), "t"), clock, Duration.ofMinutes(10));
    assertThat(recount.run()).isEqualTo(new AnalyticsRecount.Result(1, 1, 0, 1));
    assertThat(store.totals("evt-busy").orElseThrow().get(Counter.TICKETS_SOLD)).isEqualTo(4);

    clock.advance(Duration.ofMinutes(15));
    assertThat(recount.run()).isEqualTo(new AnalyticsRecount.Result(1, 1, 1, 0));
    assertThat(store.totals("evt-busy").orElseThrow().get(Counter.TICKETS_SOLD)).isZero();
  }
}
