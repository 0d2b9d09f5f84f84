package com.boxoffice.shared.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where rendered lines go: one {@code write} of the whole line (newline included) followed by a
 * flush, under one lock, so lines from different threads never interleave. Standard output by
 * default (Lambda sends it to CloudWatch Logs); a file when the JVM is started with
 * {@code -Dboxoffice.log.file=PATH} (the benchmarks, which pay for their log lines without printing
 * them). Listeners see every line too (tests that read what the functions log).
 */
final class LogOutput {
  static final String FILE_PROPERTY = "boxoffice.log.file";

  private final OutputStream out;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  LogOutput(OutputStream out) {
    this.out = out;
  }

  /** Standard output, or the file the system property names. */
  static LogOutput standard() {
    String file = System.getProperty(FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      return new LogOutput(System.out);
    }
    try {
      Path path = Path.of(file);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      return new LogOutput(new PrintStream(new FileOutputStream(path.toFile(), false), false, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + file, e);
    }
  }

  void write(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        out.write(bytes, 0, bytes.length);
        out.flush();
      } catch (IOException e) {
        // Nowhere left to report it: a log line is never worth failing the request for.
      }
    }
    if (!listeners.isEmpty()) {
      String withoutNewline = line.substring(0, line.length() - 1);
      for (Consumer<String> listener : listeners) {
        listener.accept(withoutNewline);
      }
    }
  }

  AutoCloseable listen(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
