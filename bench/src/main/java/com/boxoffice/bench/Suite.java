package com.boxoffice.bench;

/**
 * One section of docs/benchmarks.md. A suite measures on the shared stack, writes its tables and
 * its reading of them into the report, and records the figures later sections (the cost model)
 * use. A new benchmark is one more implementation, listed in {@link BenchMain#SUITES}.
 */
interface Suite {
  String title();

  void run(BenchContext ctx, Report out) throws Exception;
}
