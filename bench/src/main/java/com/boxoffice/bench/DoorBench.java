package com.boxoffice.bench;

import com.boxoffice.scanner.ScannerValidateHandler;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import java.time.Duration;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The door path: scans through the scanner-validate handler against DynamoDB Local as a server,
 * next to the floor a scan cannot go below, one bare conditional UpdateItem round trip, measured
 * the same way in the same run (each level runs the baseline, then the handler).
 */
final class DoorBench implements Suite {
  static final int[] CALLERS = {0, 1, 8, 32, 64};

  @Override
  public String title() {
    return "Door path: scanner-validate";
  }

  @Override
  public void run(BenchContext ctx, Report out) {
    // The timed runs use a table without a stream: DynamoDB Local makes each write of a table with a
    // stream query the stream's stored history first, a cost that grows through the run and that
    // DynamoDB, whose stream is written apart from the request, does not have. The admissions whose
    // round trips are counted, and whose scan-log entries the stream consumer writes, use a second
    // table with its stream on, as deployed.
    DoorSetup door = new DoorSetup(ctx.stack, false);
    DoorSetup streamed = null;
    try {
      int[] opsAt = ctx.full ? new int[] {1500, 400, 3000, 2000, 2000} : new int[] {60, 60, 150, 200, 200};
      int warm = ctx.full ? 800 : 100;
      int need = warm * 4;
      for (int l = 0; l < CALLERS.length; l++) {
        need += opsAt[l] * 2 * rounds(ctx, CALLERS[l]);
      }
      int refusedScans = ctx.full ? 200 : 40;
      int countedScans = ctx.full ? 400 : 60;
      long t0 = System.nanoTime();
      door.addTickets(need);
      ctx.log("door: seeded %d tickets in %.1f s", need, (System.nanoTime() - t0) / 1e9);
      AtomicInteger cursor = new AtomicInteger();
      // One handler and one baseline client per caller for the whole suite, as a warm Lambda
      // container keeps its own across invocations: the rules cache refreshes every few seconds
      // inside the timed runs as it would in production, not on each run's first scan.
      Callers callers = new Callers(door, CALLERS[CALLERS.length - 1]);

      // Warm-up: not recorded, so both paths run compiled code when measured, and every caller's
      // handler has its connection and its rules before its first timed scan.
      int most = CALLERS[CALLERS.length - 1];
      for (int level : new int[] {most, 8}) {
        runHandler(door, callers, "warm-up", level, warm, cursor, ctx);
        runBaseline(door, callers, "warm-up", level, warm, cursor, ctx);
      }

      List<Load.Result> rows = new ArrayList<>();
      List<String> ratioRows = new ArrayList<>();
      Map<String, DynamoMeter.Usage> perScan = null;
      int sequentialOps = 0;
      Load.Result firstSequential = null;
      for (int l = 0; l < CALLERS.length; l++) {
        int level = CALLERS[l];
        int rounds = rounds(ctx, level);
        double[] p50 = new double[rounds];
        double[] p99 = new double[rounds];
        double[] rate = new double[rounds];
        List<Load.Result> handlerRounds = new ArrayList<>();
        List<Load.Result> baselineRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          String suffix = rounds > 1 ? " (round " + (r + 1) + ")" : "";
          // Interleaved: the order alternates, so drift on the shared machine lands on both sides.
          Load.Result b;
          Load.Result h;
          if (r % 2 == 1) {
            h = runHandler(door, callers, "scan through the handler" + suffix, level, opsAt[l], cursor, ctx);
            b = runBaseline(door, callers, "bare conditional UpdateItem" + suffix, level, opsAt[l], cursor, ctx);
          } else {
            b = runBaseline(door, callers, "bare conditional UpdateItem" + suffix, level, opsAt[l], cursor, ctx);
            h = runHandler(door, callers, "scan through the handler" + suffix, level, opsAt[l], cursor, ctx);
          }
          if (level == 0 && r == 0) {
            firstSequential = h;
          }
          rows.add(b);
          rows.add(h);
          handlerRounds.add(h);
          baselineRounds.add(b);
          p50[r] = h.p50() / b.p50();
          p99[r] = h.p99() / b.p99();
          rate[r] = h.perSecond() / b.perSecond();
        }
        double pooledP99 = Load.pooled(handlerRounds, 0.99) / Load.pooled(baselineRounds, 0.99);
        ratioRows.add("| " + (level == 0 ? "sequential" : level) + " | " + rounds + " × " + opsAt[l] + " | "
            + spread(p50) + " | " + spread(p99) + " | " + Report.ratio(pooledP99, 1) + " | " + spread(rate) + " |");
        ctx.record("door.p50ratio." + level, median(p50));
        ctx.record("door.p99ratio." + level, median(p99));
        ctx.record("door.p99ratio.pooled." + level, pooledP99);
        ctx.record("door.p99ratio.lowest." + level, Arrays.stream(p99).min().orElse(Double.NaN));
        ctx.record("door.p99ratio.highest." + level, Arrays.stream(p99).max().orElse(Double.NaN));
        ctx.record("door.rateRatio." + level, median(rate));
      }

      // The round trips of an admission, counted apart from the timed runs on a metered client, on
      // a table with its stream on, made only now so no timed run shares DynamoDB Local with a stream.
      streamed = new DoorSetup(ctx.stack, true);
      streamed.addTickets(countedScans);
      var beforeCounted = ctx.stack.meter.snapshot();
      ScannerValidateHandler counting = streamed.handler(true);
      for (int t = 0; t < countedScans; t++) {
        var r = counting.handleRequest(Events.scan(DoorSetup.scanner(1), DoorSetup.EVENT, streamed.code(t), "c-" + t), null);
        if (r.getStatusCode() == 200 && r.getBody().contains("\"result\":\"ok\"")) {
          sequentialOps++;
        }
      }
      perScan = DynamoMeter.diff(beforeCounted, ctx.stack.meter.snapshot());

      // Refused scans (the ticket is already inside): what brute force or a second copy costs.
      var beforeRefused = ctx.stack.meter.snapshot();
      ScannerValidateHandler one = streamed.handler();
      int refusedOk = 0;
      for (int i = 0; i < refusedScans; i++) {
        var r = one.handleRequest(Events.scan(DoorSetup.scanner(0), DoorSetup.EVENT, streamed.code(i),
            "again-" + i), null);
        if (r.getStatusCode() == 200 && r.getBody().contains("\"already_redeemed\"")) {
          refusedOk++;
        }
      }
      var refused = DynamoMeter.diff(beforeRefused, ctx.stack.meter.snapshot());

      // Off the scan's path: the stream consumer writes the admissions' scan-log entries.
      var beforeStream = ctx.stack.meter.snapshot();
      long s0 = System.nanoTime();
      int streamRecords = streamed.drainStream();
      double streamSeconds = (System.nanoTime() - s0) / 1e9;
      var consumer = DynamoMeter.diff(beforeStream, ctx.stack.meter.snapshot());
      int logged = streamed.admissionsLogged();

      out.para("Each scan admits a different, never scanned ticket (signed code, entry). The baseline is one "
          + "`UpdateItem` on a ticket item of the same table with the admission's kind of condition "
          + "(`attribute_exists(pk) AND attribute_not_exists(firstAdmittedAt)`) and `ReturnValues=ALL_NEW`, "
          + "sent by a client built the same way. Every caller is one thread with its own handler and its own "
          + "SDK client, as one Lambda container would be; callers run closed-loop (the next scan starts when "
          + "the last answered). The handler runs with its production log configuration (one JSON line per "
          + "log event, to standard output, a pipe that another process drains into a file, as Lambda's runtime "
          + "drains a function's output) and its production wiring (door rules kept " + DoorRulesCache.DEFAULT_TTL.toSeconds()
          + " s in the container, only refused scans counted). Each caller keeps its handler and its client "
          + "through every run, as a warm container keeps its own, so the rules cache refreshes inside the timed "
          + "runs at its production pace. The timed runs use a table without a stream (DynamoDB Local makes "
          + "each write to a table with a stream query the stream's stored history first, a cost that grows "
          + "through a run and that DynamoDB, which writes its stream apart from the request, does not have); "
          + "the counted admissions below use a second table with its stream on, as deployed, made after the "
          + "timed runs. Warm-up: " + warm + " scans and " + warm + " baseline updates at " + CALLERS[CALLERS.length - 1]
          + " callers, then again at 8, not recorded. The levels that decide the "
          + "goal (sequential and 8 callers) run " + rounds(ctx, 0) + " interleaved rounds of " + opsAt[0]
          + " and " + opsAt[2] + " operations, baseline and handler alternating which goes first; a p99 is "
          + "then the " + Load.rankFromSlowest(opsAt[0], 0.99) + " and the " + Load.rankFromSlowest(opsAt[2], 0.99)
          + " slowest sample of a run.");
      out.line(Load.Result.header());
      for (var r : rows) {
        out.line(r.row());
      }
      out.blank();
      out.para("Ratios handler / baseline, computed in each round from the two runs next to each other: the "
          + "median and, in brackets, the lowest and highest round; and the p99 of every round's samples of "
          + "one side taken together, over the same of the other.");
      out.line("| callers | rounds × operations | p50 handler / baseline | p99 handler / baseline | p99, rounds pooled "
          + "| throughput handler / baseline |");
      out.line("|---|---|---|---|---|---|");
      ratioRows.forEach(out::line);
      out.blank();
      for (int i = 0; i < rows.size(); i += 2) {
        Load.Result b = rows.get(i);
        Load.Result h = rows.get(i + 1);
        ctx.record("door.p50." + b.callers(), h.p50());
        ctx.record("door.baseline.p50." + b.callers(), b.p50());
        ctx.record("door.rps." + b.callers(), h.perSecond());
      }
      out.sub("DynamoDB round trips per scan");
      out.para("Counted by an SDK `ExecutionInterceptor` on a handler's client (every HTTP attempt counts, so "
          + "a retry would show) over " + sequentialOps + " sequential admissions by a fresh handler (its first "
          + "scan fills the rules cache) on the table with its stream on, run apart from the timed runs, whose "
          + "clients are not metered (metering asks DynamoDB for consumed capacity, which the baseline does not), "
          + "and over "
          + refusedScans + " scans of tickets already inside (" + refusedOk + " answered `already_redeemed`).");
      out.line("| operation | what it is for | per admitted scan | per refused scan | capacity units per admitted scan |");
      out.line("|---|---|---|---|---|");
      Map<String, String> why = new HashMap<>();
      why.put("UpdateItem", "the conditional admission; for a refused scan also the scanner's refused-scan counter");
      why.put("BatchGetItem", "scanner assignment and the event's door rules, read once per container every "
          + DoorRulesCache.DEFAULT_TTL.toSeconds() + " s");
      why.put("PutItem", "the scan-log entry of a scan that changed nothing");
      double trips = 0;
      java.util.Set<String> ops = new java.util.TreeSet<>(perScan.keySet());
      ops.addAll(refused.keySet());
      for (String op : ops) {
        DynamoMeter.Usage u = perScan.get(op);
        DynamoMeter.Usage r = refused.get(op);
        double perAdmitted = u == null ? 0 : u.roundTrips() / (double) sequentialOps;
        trips += perAdmitted;
        out.line("| `" + op + "` | " + why.getOrDefault(op, "") + " | " + Report.num(perAdmitted) + " | "
            + (r == null ? "0" : Report.num(r.roundTrips() / (double) refusedScans)) + " | "
            + (u == null ? "0" : Report.num(u.capacityUnits() / sequentialOps)) + " |");
      }
      DynamoMeter.Usage streamPuts = consumer.get("PutItem");
      out.blank();
      double consumerUnits = streamPuts == null || logged == 0 ? 0 : streamPuts.capacityUnits() / logged;
      out.para("Off the scan's path, the stream consumer (`process-table-stream`, the same projection run here "
          + "over DynamoDB Local's stream) read " + streamRecords + " stream records in "
          + String.format(java.util.Locale.ROOT, "%.1f", streamSeconds) + " s and wrote one conditional `PutItem` per "
          + "admission: " + (streamPuts == null ? 0 : streamPuts.roundTrips()) + " puts, " + Report.num(consumerUnits)
          + " capacity units each; the scan log holds " + logged + " entries for the " + sequentialOps
          + " admissions the handler answered `ok` on that table" + (logged == sequentialOps ? " (every one)" : "")
          + ". Reading a stream from Lambda costs no read units.");
      ctx.record("door.tripsPerScan", trips);
      ctx.record("door.writeUnitsPerScan", perScan.entrySet().stream().filter(e -> !DynamoMeter.isRead(e.getKey()))
          .mapToDouble(e -> e.getValue().capacityUnits()).sum() / sequentialOps + consumerUnits);
      ctx.record("door.readUnitsPerScan", perScan.entrySet().stream().filter(e -> DynamoMeter.isRead(e.getKey()))
          .mapToDouble(e -> e.getValue().capacityUnits()).sum() / sequentialOps);
      ctx.record("door.seqMeanMs", firstSequential.mean());
      out.para("Capacity: DynamoDB bills a write to a global secondary index on top of the table's, and `TOTAL` "
          + "includes it. The table's one index, `gsi1`, projects `ALL` attributes, and both items a scan writes "
          + "are in it: the ticket item (tickets by order) and the scan-log entry (scans by event). So the "
          + "admission costs two write units where one would do; with a `KEYS_ONLY` (or `INCLUDE` without the "
          + "door attributes) projection DynamoDB would not write the index for it.");
      out.para("Total: " + Report.num(trips) + " round trips per admitted scan. The admission is one conditional "
          + "`UpdateItem` that also returns the old item when refused; the door rules come from the container's "
          + "cache (one `BatchGetItem` per scanner and event every " + DoorRulesCache.DEFAULT_TTL.toSeconds()
          + " s, which is what is left above 1.0 here); the rate limit counts only refused scans, so an admission "
          + "does not touch it; and the admission's scan-log entry is written from the table's stream. A refused "
          + "scan pays the rest: the refused write, the counter and its log entry. With one round trip on each "
          + "side, what separates the handler from the baseline is its own CPU time (see the JMH figures: the "
          + "strict JSON body, the HMAC, the JSON answer and its log line) and the larger update it sends "
          + "(the attempt set and the last-scan fields); the spread between rounds shows how much of any one "
          + "figure is the machine rather than the code.");
    } finally {
      ctx.stack.drop(door.res);
      if (streamed != null) {
        ctx.stack.drop(streamed.res);
      }
    }
  }

  /** The goal's levels (sequential and 8 callers) run in several rounds; the others once. */
  static int rounds(BenchContext ctx, int callers) {
    return callers == 0 || callers == 8 ? (ctx.full ? 7 : 3) : 1;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The median and the range, e.g. {@code 1.12× (1.05×–1.20×)}. */
  static String spread(double[] v) {
    if (v.length == 1) {
      return Report.ratio(v[0], 1);
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return Report.ratio(median(v), 1) + " (" + Report.ratio(s[0], 1) + "–" + Report.ratio(s[s.length - 1], 1) + ")";
  }

  /**
   * Per caller slot, a handler (with its own DynamoDB client) and a baseline client, built once:
   * the n-th thread of a run takes slot n, so a level reuses the slots of every run before it.
   */
  static final class Callers {
    private final List<ScannerValidateHandler> handlers = new ArrayList<>();
    private final List<DynamoDbClient> clients = new ArrayList<>();

    Callers(DoorSetup door, int max) {
      for (int i = 0; i < max; i++) {
        handlers.add(door.handler(false));
        clients.add(door.stack.dynamo(false));
      }
    }

    /** Slot numbers for one run's threads: the first thread to ask gets 0. */
    static ThreadLocal<Integer> slots() {
      AtomicInteger next = new AtomicInteger();
      return ThreadLocal.withInitial(next::getAndIncrement);
    }
  }

  private static Load.Result runHandler(DoorSetup door, Callers callers, String label, int level, int ops,
      AtomicInteger cursor, BenchContext ctx) {
    int base = cursor.getAndAdd(ops);
    ThreadLocal<Integer> slot = Callers.slots();
    Load.Result r = Load.run(label, level, ops, Duration.ofSeconds(ctx.full ? 60 : 20), i -> {
      int t = base + i;
      int k = slot.get();
      var resp = callers.handlers.get(k).handleRequest(
          Events.scan(DoorSetup.scanner(k % DoorSetup.SCANNERS), DoorSetup.EVENT, door.code(t), "n-" + t), null);
      return resp.getStatusCode() == 200 && resp.getBody().contains("\"result\":\"ok\"");
    });
    ctx.log("door: %s, %s callers: p50 %.2f ms, p99 %.2f ms, %.0f/s, errors %d", label, level, r.p50(), r.p99(),
        r.perSecond(), r.errors());
    return r;
  }

  private static Load.Result runBaseline(DoorSetup door, Callers callers, String label, int level, int ops,
      AtomicInteger cursor, BenchContext ctx) {
    int base = cursor.getAndAdd(ops);
    ThreadLocal<Integer> slot = Callers.slots();
    String now = java.time.Instant.now().toString();
    Load.Result r = Load.run(label, level, ops, Duration.ofSeconds(ctx.full ? 60 : 20), i -> {
      String id = door.ticketId(base + i);
      var resp = callers.clients.get(slot.get()).updateItem(b -> b.tableName(door.table).key(TicketItems.key(id))
          .updateExpression("SET inside = :t, firstAdmittedAt = :now ADD admissions :one")
          .conditionExpression("attribute_exists(pk) AND attribute_not_exists(firstAdmittedAt)")
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", AttributeValue.fromS(now),
              ":one", AttributeValue.fromN("1")))
          .returnValues(ReturnValue.ALL_NEW));
      return resp.hasAttributes();
    });
    ctx.log("door: %s, %s callers: p50 %.2f ms, p99 %.2f ms, %.0f/s, errors %d", label, level, r.p50(), r.p99(),
        r.perSecond(), r.errors());
    return r;
  }
}
