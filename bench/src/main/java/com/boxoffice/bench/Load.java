package com.boxoffice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load: {@code callers} threads each run the next operation as soon as their last one
 * returned, until {@code ops} operations ran or the time limit passed, whichever comes first.
 * Callers = 0 runs the operations one after another on the calling thread ("sequential").
 */
final class Load {
  private Load() {}

  /** One operation; {@code i} is its index in the run. Returns false when the outcome was wrong. */
  @FunctionalInterface
  interface Op {
    boolean run(int i) throws Exception;
  }

  /** Latency percentiles in milliseconds, and operations per second over the whole run. */
  record Result(String label, int callers, int ops, int errors, double seconds, double p50, double p95, double p99,
      double mean, double perSecond, String firstError, long[] sortedNanos) {
    String row() {
      return "| " + label + " | " + (callers == 0 ? "sequential" : callers) + " | " + ops + " | " + errors + " | "
          + Report.ms(p50) + " | " + Report.ms(p95) + " | " + Report.ms(p99) + " | " + Report.num(perSecond) + " |";
    }

    static String header() {
      return "| operation | callers | ops | errors | p50 ms | p95 ms | p99 ms | ops/s |\n|---|---|---|---|---|---|---|---|";
    }
  }

  static Result run(String label, int callers, int ops, Duration limit, Op op) {
    long deadline = System.nanoTime() + limit.toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    long start = System.nanoTime();
    List<long[]> samples = new ArrayList<>();
    if (callers == 0) {
      samples.add(worker(ops, deadline, next, errors, firstError, op));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
          futures.add(pool.submit(() -> worker(ops, deadline, next, errors, firstError, op)));
        }
        for (var f : futures) {
          samples.add(f.get());
        }
      } catch (Exception e) {
        throw new IllegalStateException(label + ": a caller failed", e);
      } finally {
        pool.shutdownNow();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    double mean = all.length == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e6;
    return new Result(label, callers, all.length, errors.get(), seconds, pct(all, 0.50), pct(all, 0.95),
        pct(all, 0.99), mean, all.length / seconds, firstError.get(), all);
  }

  private static long[] worker(int ops, long deadline, AtomicInteger next, AtomicInteger errors,
      java.util.concurrent.atomic.AtomicReference<String> firstError, Op op) {
    long[] lat = new long[Math.max(16, ops)];
    int n = 0;
    int i;
    while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < ops) {
      long t0 = System.nanoTime();
      boolean ok;
      try {
        ok = op.run(i);
      } catch (Exception e) {
        ok = false;
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        firstError.compareAndSet(null, trace.toString());
      }
      lat[n++] = System.nanoTime() - t0;
      if (!ok) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, "operation " + i + " answered wrongly");
      }
    }
    return Arrays.copyOf(lat, n);
  }

  /** A percentile, in milliseconds, of the samples of several runs taken together. */
  static double pooled(List<Result> runs, double q) {
    long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.sortedNanos())).toArray();
    Arrays.sort(all);
    return pct(all, q);
  }

  /** Which sample, counted from the slowest, {@link #pct} picks for {@code q} of {@code n}: "16th". */
  static String rankFromSlowest(int n, double q) {
    int rank = n - Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
    int lastTwo = rank % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
        : switch (rank % 10) {
          case 1 -> "st";
          case 2 -> "nd";
          case 3 -> "rd";
          default -> "th";
        };
    return rank + suffix;
  }

  /** Nearest-rank percentile of sorted nanosecond samples, in milliseconds. */
  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
  }
}
