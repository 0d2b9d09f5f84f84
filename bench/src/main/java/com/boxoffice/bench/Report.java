package com.boxoffice.bench;

import java.util.Locale;

/** The markdown of docs/benchmarks.md, built section by section as the suites run. */
final class Report {
  private final StringBuilder md = new StringBuilder();

  Report line(String s) {
    md.append(s).append('\n');
    return this;
  }

  Report para(String s) {
    md.append(s).append("\n\n");
    return this;
  }

  Report heading(String s) {
    md.append("## ").append(s).append("\n\n");
    return this;
  }

  Report sub(String s) {
    md.append("### ").append(s).append("\n\n");
    return this;
  }

  Report blank() {
    md.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return md.toString();
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String ratio(double v, double base) {
    if (Double.isNaN(v) || Double.isNaN(base) || base == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f×", v / base);
  }

  static String usd(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 0.1 ? String.format(Locale.ROOT, "$%.2f", v) : String.format(Locale.ROOT, "$%.4f", v);
  }
}
