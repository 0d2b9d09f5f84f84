package com.boxoffice.shared.log;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out one {@link JsonLogger} per name, each with its level from {@link LogLevels}. */
public final class JsonLoggerFactory implements ILoggerFactory {
  private final LogLevels levels;
  private final Clock clock;
  private final ThreadMdc mdc;
  private final LogOutput output;
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  JsonLoggerFactory(LogLevels levels, Clock clock, ThreadMdc mdc, LogOutput output) {
    this.levels = levels;
    this.clock = clock;
    this.mdc = mdc;
    this.output = output;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new JsonLogger(n, levels.threshold(n), clock, mdc, output));
  }

  /**
   * Hands every line written from now on (without its newline) to {@code listener} as well, until
   * the returned handle is closed: for tests that read what the code under test logs.
   */
  public AutoCloseable listen(Consumer<String> listener) {
    return output.listen(listener);
  }
}
