package com.boxoffice.shared.log;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Which level each logger writes at: the root level from {@code LOG_LEVEL} (INFO when unset), and a
 * fixed table of libraries held at WARN or ERROR so their chatter never reaches CloudWatch. A logger
 * takes the level of the longest prefix of its name in the table (a prefix matches the whole name or
 * the name up to a dot), else the root level.
 */
public final class LogLevels {
  /** One row of the table: loggers named {@code prefix} or {@code prefix.*} write at {@code level} and above. */
  public record LoggerLevel(String prefix, Level level) {
    boolean covers(String logger) {
      return logger.startsWith(prefix)
          && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.');
    }
  }

  /** The libraries every function (and the local runner) carries, held at warnings or errors. */
  public static final List<LoggerLevel> LIBRARIES = List.of(
      new LoggerLevel("software.amazon.awssdk", Level.WARN),
      new LoggerLevel("com.stripe", Level.WARN),
      new LoggerLevel("org.eclipse.jetty", Level.WARN),
      // DynamoDB Local (tests, local runner) warns with a stack trace for every failed condition,
      // which here is an expected answer, not a problem.
      new LoggerLevel("com.amazonaws.services.dynamodbv2", Level.ERROR),
      new LoggerLevel("org.elasticmq", Level.WARN),
      new LoggerLevel("org.apache.pekko", Level.WARN));

  private final Level root;
  private final List<LoggerLevel> overrides;

  public LogLevels(Level root, List<LoggerLevel> overrides) {
    this.root = root;
    // Longest prefix first, so the first row that covers a name is the most specific one.
    this.overrides = overrides.stream()
        .sorted(Comparator.comparingInt((LoggerLevel o) -> o.prefix().length()).reversed())
        .toList();
  }

  public Level root() {
    return root;
  }

  /** The least severe level {@code logger} writes. */
  public Level threshold(String logger) {
    for (LoggerLevel o : overrides) {
      if (o.covers(logger)) {
        return o.level();
      }
    }
    return root;
  }

  /**
   * The root level named by a {@code LOG_LEVEL} value (any case; blank or absent means INFO), or
   * empty when the value names no level.
   */
  public static Optional<Level> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.of(Level.INFO);
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    for (Level level : Level.values()) {
      if (level.name().equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
