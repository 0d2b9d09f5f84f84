package com.boxoffice.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsRecords;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.domain.analytics.Contributions;
import com.boxoffice.shared.domain.analytics.Counter;
import com.boxoffice.shared.domain.analytics.Delta;
import com.boxoffice.shared.domain.analytics.Slot;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import com.boxoffice.shared.port.out.AnalyticsMetrics;
import com.boxoffice.shared.port.out.AnalyticsStore;
import com.boxoffice.shared.testing.LocalStream;
import com.boxoffice.shared.testing.TableActivity;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A webhook storm (orders held, paid, expired, refunded) and a door storm (entries, exits, refused
 * scans) are written to DynamoDB Local; its stream is read back and handed to the handler in
 * shuffled batches, each also delivered a second time, while the store fails now and then as a
 * throttled table would. A failed batch is handed back from the sequence number the handler
 * named, as Lambda does. Afterwards every slot equals a recount of the records, exactly.
 */
@ExtendWith(LocalAwsExtension.class)
class StreamStormTest {
  static final Instant T0 = Instant.parse("2026-12-07T08:10:00Z");
  static final String EVENT = "evt-storm";

  @Test
  void aggregatesEqualARecountAfterDuplicatedShuffledAndFailingBatches(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var activity = new TableActivity(aws.dynamo(), table);
    Random random = new Random(42);
    activity.ticketType(EVENT, "general", "General admission", 400, 2500);
    activity.ticketType(EVENT, "vip", "VIP", 50, 9000);
    activity.ticketType("evt-other", "general", "General", 100, 1000);

    int paidOrders = 0;
    long paidTickets = 0;
    long gross = 0;
    long refunded = 0;
    long held = 0;
    List<String> tickets = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String order = "ord-" + i;
      String type = i % 5 == 0 ? "vip" : "general";
      long price = type.equals("vip") ? 9000 : 2500;
      int qty = 1 + random.nextInt(3);
      Instant at = T0.plusSeconds(i * 300L);
      activity.pendingOrder(order, EVENT, type, qty, price, at);
      int fate = random.nextInt(10);
      if (fate < 6) {
        activity.pay(order, EVENT, type, qty, qty * price, at.plusSeconds(60));
        paidOrders++;
        paidTickets += qty;
        gross += qty * price;
        for (int t = 0; t < qty; t++) {
          tickets.add(order + "-t" + t);
        }
        if (fate == 0) {
          activity.refund(order, price, qty == 1, at.plusSeconds(3600));
          refunded += price;
        }
      } else if (fate < 8) {
        activity.expire(order, EVENT, type, qty);
      } else {
        held += qty;
      }
    }
    activity.pendingOrder("ord-other", "evt-other", "general", 2, 1000, T0);
    activity.pay("ord-other", "evt-other", "general", 2, 2000, T0.plusSeconds(30));

    int entries = 0;
    int exits = 0;
    int admitted = 0;
    Instant doors = Instant.parse("2026-12-07T18:00:00Z");
    for (int i = 0; i < tickets.size(); i++) {
      if (i % 3 == 2) {
        continue;
      }
      String ticket = tickets.get(i);
      Instant at = doors.plusSeconds(i * 45L);
      activity.scan(ticket, EVENT, true, "n" + i + "a", at);
      entries++;
      admitted++;
      activity.refusedScan(ticket, EVENT, "n" + i + "r", at.plusSeconds(5));
      if (i % 4 == 0) {
        activity.scan(ticket, EVENT, false, "n" + i + "b", at.plusSeconds(1800));
        activity.scan(ticket, EVENT, true, "n" + i + "c", at.plusSeconds(3600));
        exits++;
        entries++;
      }
    }

    List<DynamodbEvent.DynamodbStreamRecord> records;
    try (var stream = new LocalStream(aws, table)) {
      records = stream.readNew();
    }
    assertThat(records).hasSizeGreaterThan(300);

    var store = new FlakyStore(new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC()), new Random(7), 0.15);
    var metrics = new CountingMetrics();
    var handler = new ProcessAnalyticsStreamHandler(new ChangeApplier(store, metrics, Clock.systemUTC()));
    List<List<DynamodbEvent.DynamodbStreamRecord>> deliveries = new ArrayList<>();
    for (int i = 0; i < records.size(); ) {
      int size = 1 + random.nextInt(25);
      List<DynamodbEvent.DynamodbStreamRecord> batch = records.subList(i, Math.min(records.size(), i + size));
      deliveries.add(batch);
      deliveries.add(batch);
      i += size;
    }
    Collections.shuffle(deliveries, random);
    int retries = 0;
    for (List<DynamodbEvent.DynamodbStreamRecord> batch : deliveries) {
      List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
      while (!pending.isEmpty()) {
        StreamsEventResponse response = handler.handleRequest(LocalStream.event(pending), null);
        if (response.getBatchItemFailures().isEmpty()) {
          break;
        }
        String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
        int from = indexOf(pending, failed);
        assertThat(from).as("the failure names a record of the batch").isGreaterThanOrEqualTo(0);
        pending = pending.subList(from, pending.size());
        retries++;
      }
    }
    assertThat(store.failures).as("failures were injected").isGreaterThan(5);
    assertThat(retries).isEqualTo(store.failures);
    assertThat(metrics.batches.stream().mapToInt(AnalyticsMetrics.Batch::duplicates).sum())
        .as("every batch came twice, and a failed batch came back with its applied records").isGreaterThan(records.size() / 4);

    // Exactly a recount of the records.
    Map<Slot, Map<Counter, Long>> truth = recount(aws, table);
    Map<Slot, Map<Counter, Long>> kept = stored(aws, table);
    assertThat(kept).isEqualTo(truth);
    var recount = new com.boxoffice.shared.domain.analytics.AnalyticsRecount(
        new DynamoAnalyticsRecords(aws.dynamo(), table), new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC()),
        metrics, Clock.systemUTC(), java.time.Duration.ZERO);
    assertThat(recount.run().driftFound()).as("the scheduled recount agrees").isZero();

    // And what the storm wrote, counted independently of the recount.
    var real = new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC());
    StoredSlot totals = real.totals(EVENT).orElseThrow();
    assertThat(totals.get(Counter.ORDERS)).isEqualTo(paidOrders);
    assertThat(totals.get(Counter.TICKETS_SOLD)).isEqualTo(paidTickets);
    assertThat(totals.get(Counter.GROSS_AMOUNT)).isEqualTo(gross);
    assertThat(totals.get(Counter.REFUNDED_AMOUNT)).isEqualTo(refunded);
    assertThat(totals.get(Counter.HOLDS)).isEqualTo(held);
    assertThat(totals.get(Counter.CAPACITY)).isEqualTo(450);
    assertThat(totals.get(Counter.CHECK_INS)).isEqualTo(entries);
    assertThat(totals.get(Counter.EXITS)).isEqualTo(exits);
    assertThat(totals.get(Counter.ADMITTED)).isEqualTo(admitted);
    assertThat(totals.label(Delta.Label.CURRENCY)).isEqualTo("eur");
    long hourSum = real.hours(EVENT, T0.minusSeconds(86400), T0.plusSeconds(3 * 86400)).stream()
        .mapToLong(s -> s.get(Counter.CHECK_INS)).sum();
    assertThat(hourSum).isEqualTo(entries);
    assertThat(real.totals("evt-other").orElseThrow().get(Counter.TICKETS_SOLD)).isEqualTo(2);
    assertThat(real.watermark()).isPresent();
  }

  static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> batch, String sequenceNumber) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
        return i;
      }
    }
    return -1;
  }

  /** What the records add up to, read with a full scan. */
  static Map<Slot, Map<Counter, Long>> recount(LocalAws aws, String table) {
    Delta truth = new Delta();
    new DynamoAnalyticsRecords(aws.dynamo(), table).scan(f -> truth.plus(Contributions.of(f), 1), s -> { });
    return new HashMap<>(truth.amounts());
  }

  /** The stored slots' non-zero counters. */
  static Map<Slot, Map<Counter, Long>> stored(LocalAws aws, String table) {
    Map<Slot, Map<Counter, Long>> out = new HashMap<>();
    new DynamoAnalyticsRecords(aws.dynamo(), table).scan(f -> { }, s -> {
      Map<Counter, Long> nonZero = new java.util.EnumMap<>(Counter.class);
      s.counters().forEach((c, v) -> {
        if (v != 0) {
          nonZero.put(c, v);
        }
      });
      if (!nonZero.isEmpty()) {
        out.put(s.slot(), nonZero);
      }
    });
    return out;
  }

  /** The real store, failing a share of its writes the way a throttled table would. */
  static final class FlakyStore implements AnalyticsStore {
    private final AnalyticsStore real;
    private final Random random;
    private final double failureRate;
    int failures;

    FlakyStore(AnalyticsStore real, Random random, double failureRate) {
      this.real = real;
      this.random = random;
      this.failureRate = failureRate;
    }

    @Override
    public Applied apply(String changeId, Delta delta, Instant appliedAt) {
      if (random.nextDouble() < failureRate) {
        failures++;
        throw new IllegalStateException("injected: ProvisionedThroughputExceeded");
      }
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
    public Optional<StoredSlot> totals(String eventId) {
      return real.totals(eventId);
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

  /** Adds up the batch reports. */
  static final class CountingMetrics implements AnalyticsMetrics {
    final List<Batch> batches = new ArrayList<>();
    final List<Recount> recounts = new ArrayList<>();

    @Override
    public void batch(Batch batch) {
      batches.add(batch);
    }

    @Override
    public void recount(Recount recount) {
      recounts.add(recount);
    }
  }

}
