package com.boxoffice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The head of the document: what ran, where, when, and how to run it again. */
final class Machine {
  private Machine() {}

  static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  static String memory() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return "unknown";
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return s.isEmpty() ? "unknown" : s;
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  static String header(Instant date, String command, double seconds, boolean full, List<String> suites) {
    Report r = new Report();
    r.line("# Benchmarks");
    r.blank();
    r.para("Written by `" + command + "`" + (full ? "" : " (quick sizes: a trial run, not the published figures)")
        + "; do not edit by hand, run it again. Everything runs on the local stack on 127.0.0.1: DynamoDB Local "
        + "and ElasticMQ as servers in a JVM of their own, stripe-mock as Stripe, the functions' handlers called "
        + "in the benchmark JVM with their production collaborators. These machines are shared and noisy, so "
        + "each figure is shown next to a baseline measured in the same run, and the ratio is what to compare "
        + "between runs, not the absolute time. Absolute times on DynamoDB Local say nothing about DynamoDB "
        + "itself, whose round trip from Lambda in the same region is typically a few milliseconds. The tables "
        + "have their stream on only where the door's scan log is written from it, outside every timed run: "
        + "DynamoDB Local appends a write's stream record after a query over the stream's stored history, on "
        + "the one thread that serves every table, which late in a run held each write for about half a second.");
    r.line("| | |");
    r.line("|---|---|");
    r.line("| date | " + date + " |");
    r.line("| command | `" + command + "` |");
    r.line("| commit | " + gitCommit() + " |");
    r.line("| machine | " + Runtime.getRuntime().availableProcessors() + " cores (nproc), " + memory() + ", "
        + cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " |");
    r.line("| load average at the end | " + load() + " |");
    r.line("| JDK | " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + "; classes compiled with `--release 21` |");
    r.line("| benchmark JVM flags | `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
        + "` |");
    r.line("| whole run | " + String.format(Locale.ROOT, "%.0f s", seconds) + " (" + String.join("; ", suites) + ") |");
    r.blank();
    r.para("Lambda runs `java21` on Graviton (arm64) with 1024 MB in production; this machine is x86 and runs a "
        + "newer JDK, which is one more reason only the ratios carry over.");
    return r.toString();
  }
}
