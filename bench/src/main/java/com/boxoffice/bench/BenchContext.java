package com.boxoffice.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every suite gets: the stack, the run size, a progress log, and figures shared between suites. */
final class BenchContext {
  final BenchStack stack;
  /** Full sizes for the published run; small ones for trying changes out. */
  final boolean full;
  private final Map<String, Double> figures = new ConcurrentHashMap<>();
  private final long started = System.nanoTime();

  BenchContext(BenchStack stack, boolean full) {
    this.stack = stack;
    this.full = full;
  }

  void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench %5.0fs] %s%n", (System.nanoTime() - started) / 1e9,
        String.format(Locale.ROOT, format, args));
  }

  void record(String name, double value) {
    figures.put(name, value);
  }

  double figure(String name) {
    return figures.getOrDefault(name, Double.NaN);
  }
}
