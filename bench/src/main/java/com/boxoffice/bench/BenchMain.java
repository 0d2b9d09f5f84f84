package com.boxoffice.bench;

import com.boxoffice.shared.domain.order.InventoryShards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs every benchmark suite on the local stack and writes docs/benchmarks.md. Started by
 * {@code scripts/bench.sh}, which builds the modules and passes the classpath.
 *
 * <pre>
 *   BenchMain --out docs/benchmarks.md [--quick] [--only door,webhook]
 * </pre>
 */
public final class BenchMain {
  /**
   * In the order they run and appear in the document. The door suite, which turns a table's stream
   * on after its timed runs, runs after every other suite that writes to DynamoDB: DynamoDB Local's
   * stream bookkeeping grows with the stream history it stores and slows every later write of every
   * table (BenchStack#freshResources).
   */
  static final List<Supplier<Suite>> SUITES = List.of(
      JmhSuite::new,
      CheckoutBench::new,
      WebhookBench::new,
      EmailBench::new,
      GrowthBench::new,
      SizesBench::new,
      StartupBench::new,
      DoorBench::new,
      HotKeyModel::new,
      CostModel::new);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("docs/benchmarks.md");
    boolean full = true;
    Set<String> only = Set.of();
    String command = "bash scripts/bench.sh";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--quick" -> full = false;
        case "--only" -> only = Set.copyOf(Arrays.asList(args[++i].split(",")));
        case "--command" -> command = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long started = System.nanoTime();
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Report body = new Report();
    List<String> summary = new ArrayList<>();
    BenchContext ctxFigures;
    try (BenchStack stack = new BenchStack()) {
      BenchContext ctx = new BenchContext(stack, full);
      ctxFigures = ctx;
      for (Supplier<Suite> make : SUITES) {
        Suite suite = make.get();
        String key = suite.getClass().getSimpleName().replace("Bench", "").replace("Suite", "").toLowerCase(Locale.ROOT);
        if (!only.isEmpty() && !only.contains(key)) {
          continue;
        }
        ctx.log("suite %s: start", suite.title());
        long t0 = System.nanoTime();
        Report section = new Report();
        try {
          suite.run(ctx, section);
        } catch (Exception | Error e) {
          ctx.log("suite %s FAILED: %s", suite.title(), e);
          e.printStackTrace();
          section.para("**This suite failed in this run** (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + "); its figures are missing. The log is in `bench/target/logs/`.");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        summary.add(suite.title() + ": " + String.format(Locale.ROOT, "%.0f s", secs));
        body.heading(suite.title());
        body.line(section.toString());
        ctx.log("suite %s: done in %.0f s", suite.title(), secs);
      }
    }
    double total = (System.nanoTime() - started) / 1e9;
    String doc = Machine.header(date, command, total, full, summary) + goals(ctxFigures) + body;
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, doc);
    System.err.printf(Locale.ROOT, "[bench] wrote %s in %.0f s%n", out, total);
  }

  /**
   * The performance goals this benchmark checks, each with this run's figure and whether it was
   * met; a goal whose suite did not run (a run with {@code --only}) says so.
   */
  static String goals(BenchContext ctx) {
    Report r = new Report();
    r.heading("Goals");
    r.line("| goal | target | this run | met |");
    r.line("|---|---|---|---|");
    for (int level : new int[] {0, 8}) {
      String who = level == 0 ? "sequential" : level + " callers";
      double p50 = ctx.figure("door.p50ratio." + level);
      double p99 = ctx.figure("door.p99ratio." + level);
      double pooled = ctx.figure("door.p99ratio.pooled." + level);
      double lowest = ctx.figure("door.p99ratio.lowest." + level);
      double highest = ctx.figure("door.p99ratio.highest." + level);
      double rate = ctx.figure("door.rateRatio." + level);
      r.line(goal("Door p50, scan through the handler / bare conditional `UpdateItem`, " + who
          + " (median of the rounds)", "≤ 1.30×", p50, Report.ratio(p50, 1), p50 <= 1.3));
      // The median of the interleaved rounds decides, as for every timed goal; the range and the
      // pooled figure say how much one disturbed round moves it.
      r.line(goal("Door p99, likewise, " + who + " (median of the rounds; their range, and all rounds pooled)",
          "≤ 1.30×", p99, Report.ratio(p99, 1) + " (" + Report.ratio(lowest, 1) + "–" + Report.ratio(highest, 1)
              + "; pooled " + Report.ratio(pooled, 1) + ")", p99 <= 1.3));
      r.line(goal("Door throughput, likewise, " + who, "≥ 0.75×", rate, Report.ratio(rate, 1), rate >= 0.75));
    }
    double trips = ctx.figure("door.tripsPerScan");
    r.line(goal("DynamoDB round trips on an admitted scan's path (counted on the wire, rules cache refills "
        + "included)", "1", trips, Report.num(trips), trips < 1.05));
    double hottest = ctx.figure("hotkeys.maxWriteUnitsPerKey");
    double smallSoldOut = ctx.figure("hotkeys.smallSoldOutWriteUnits");
    r.line(goal("Write units a second on the most written item or partition key at 10,000 checkouts a second, "
        + "selling (arithmetic from the code's constants)", "≤ ~1,000", hottest, Report.num(hottest), hottest <= 1000));
    double above = ctx.figure("hotkeys.smallSoldOutSecondsAbove");
    r.line(goal("Likewise, refused holds of a sold-out type of up to " + InventoryShards.SEATS_PER_SHARD
        + " seats, write units a second on the event's partition once the sold-out hints have grown", "≤ ~1,000",
        smallSoldOut,
        Report.num(smallSoldOut) + " (above the limit for at least " + Report.num(above) + " s after the sell-out; "
        + "see \"A sold-out type\")", smallSoldOut <= 1000));
    double cpu = ctx.figure("door.cpuUs.c1");
    double cpuFastest = ctx.figure("door.cpuUs.c1.fastest");
    r.line(goal("Handler CPU per scan with the client compiler only, as on Lambda (JMH `handlerWithoutIo`)",
        "≤ 50 µs", Double.isNaN(cpu) ? Double.NaN : cpu,
        Report.num(cpu) + " µs (fastest iteration " + Report.num(cpuFastest) + " µs)", cpu <= 50));
    double size = ctx.figure("size.scanner-validate");
    r.line(goal("scanner-validate deployed (function + layers)", "≤ 10.0 MB", size,
        Double.isNaN(size) ? "" : StartupBench.kb((long) size), size <= SizesBench.SCANNER_LIMIT_BYTES));
    double pace = ctx.figure("email.sender.achievedOverConfigured");
    double busiest = ctx.figure("email.sender.busiestSecondOverConfigured");
    r.line(goal("Email pace with a backlog, at the sender's send instants, over `SES_MAX_SEND_RATE`", "≥ 0.95×", pace,
        Report.ratio(pace, 1), pace >= 0.95));
    r.line(goal("Email sends in the busiest 1-second window at the sender, over `SES_MAX_SEND_RATE`", "≤ 1.00×",
        busiest, Report.ratio(busiest, 1), busiest <= 1.0));
    r.line("| SnapStart restore plus first response | measured | not measurable here: SnapStart exists only in "
        + "Lambda; the priming hooks are tested by calling them | - |");
    r.blank();
    r.para("Every figure comes from the sections below and carries their caveats: this machine is shared, so a "
        + "time measured while other work ran is an upper bound on what the code costs. A timed goal is decided "
        + "by the median of interleaved rounds, with their range shown beside it: one round that other work on "
        + "the machine disturbed moves the range and the pooled figure, not the median.");
    return r.toString();
  }

  private static String goal(String what, String target, double value, String shown, boolean met) {
    return "| " + what + " | " + target + " | " + (Double.isNaN(value) ? "not measured in this run" : shown) + " | "
        + (Double.isNaN(value) ? "-" : met ? "yes" : "**no**") + " |";
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
