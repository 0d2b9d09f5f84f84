package com.boxoffice.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH benchmarks ({@link DoorCpuBench}), forked as JMH does, with and without the client compiler only. */
final class JmhSuite implements Suite {
  @Override
  public String title() {
    return "Door path: the handler's CPU time (JMH)";
  }

  @Override
  public void run(BenchContext ctx, Report out) throws Exception {
    String logFile = ctx.stack.root.resolve("bench/target/logs/jmh-handler.log").toString();
    List<String[]> rows = new ArrayList<>();
    double[] handlerUs = new double[2];
    double[] handlerFastestUs = new double[2];
    String[][] variants = {{"C2 (JVM default)", ""}, {"C1 only (`-XX:TieredStopAtLevel=1`, as on Lambda)",
        "-XX:TieredStopAtLevel=1"}};
    for (int v = 0; v < variants.length; v++) {
      List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dboxoffice.log.file=" + logFile));
      if (!variants[v][1].isEmpty()) {
        jvm.add(variants[v][1]);
      }
      Options opts = new OptionsBuilder()
          .include(DoorCpuBench.class.getName() + ".*")
          .forks(1)
          .warmupIterations(ctx.full ? 3 : 1)
          .warmupTime(TimeValue.seconds(ctx.full ? 2 : 1))
          .measurementIterations(ctx.full ? 5 : 2)
          .measurementTime(TimeValue.seconds(ctx.full ? 2 : 1))
          .jvmArgs(jvm.toArray(String[]::new))
          .shouldFailOnError(true)
          .output(ctx.stack.root.resolve("bench/target/logs/jmh-" + v + ".txt").toString())
          .build();
      Collection<RunResult> results = new Runner(opts).run();
      for (RunResult r : results) {
        var p = r.getPrimaryResult();
        String name = r.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.') + 1);
        double fastest = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
            .mapToDouble(it -> it.getPrimaryResult().getScore()).min().orElse(Double.NaN);
        rows.add(new String[] {name, variants[v][0], Report.num(p.getScore()), Report.num(p.getScoreError()),
            Report.num(fastest)});
        if (name.equals("handlerWithoutIo")) {
          handlerUs[v] = p.getScore();
          handlerFastestUs[v] = fastest;
        }
        ctx.log("jmh: %s %s %.2f us", name, variants[v][0], p.getScore());
      }
    }
    ctx.record("door.cpuUs.c1", handlerUs[1]);
    ctx.record("door.cpuUs.c1.fastest", handlerFastestUs[1]);
    out.para("JMH " + org.openjdk.jmh.util.Version.getPlainVersion()
        + " (annotation processor configured in `bench/pom.xml`), one fork per variant, "
        + (ctx.full ? "3×2 s warm-up, 5×2 s measurement" : "1×1 s warm-up, 2×1 s measurement")
        + ", average time per call. `handlerWithoutIo` is the whole handler on a prebuilt API Gateway event with "
        + "a door store and rate limiter that answer from memory: event to request, the strict JSON body, the "
        + "checks, the HMAC-SHA256 tag, the decision, the JSON answer and its one JSON log line (to a file, "
        + "with the production layout). The code is the 87-character Base45 signed code.");
    out.line("| benchmark | compiler | µs per call | ± (99.9%) | fastest iteration, µs per call |");
    out.line("|---|---|---|---|---|");
    for (String[] r : rows) {
      out.line("| `" + r[0] + "` | " + r[1] + " | " + r[2] + " | " + r[3] + " | " + r[4] + " |");
    }
    out.blank();
    out.para("The ± column is JMH's 99.9% confidence half-width over the measurement iterations. Where it is "
        + "close to the figure itself, other work on this shared machine landed in some iterations, and only the "
        + "order of magnitude is solid; the fastest iteration is then the better estimate of what the code itself "
        + "costs, since interference only ever adds time.");
    double tripMs = ctx.figure("door.baseline.p50.0");
    if (!Double.isNaN(tripMs)) {
      out.para("Next to one DynamoDB Local round trip of this run (" + Report.ms(tripMs) + " ms at p50, sequential), "
          + "the handler's own work with the client compiler alone is "
          + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * handlerUs[1] / 1000.0 / tripMs)
          + " of one round trip: an admission's time is its one round trip (the conditional write), next to which parsing and the HMAC are small. The C1-only figure is the one that applies on Lambda, whose Java runtime starts the JVM with "
          + "`-XX:TieredStopAtLevel=1`; the C2 figure shows what a long-lived JVM would reach.");
    }
  }
}
