package com.boxoffice.shared.log;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J back end of every function: one JSON object per line on standard output (see
 * {@link JsonLine} for the fields), levels from {@link LogLevels}. Registered in
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider; it must be the only provider on a class path.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  /** The environment variable that sets the root level. */
  public static final String LEVEL_VARIABLE = "LOG_LEVEL";

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final ThreadMdc mdc = new ThreadMdc();
  private JsonLoggerFactory loggers;

  @Override
  public void initialize() {
    loggers = configure(System.getenv(LEVEL_VARIABLE), Clock.systemUTC(), mdc, LogOutput.standard());
  }

  /**
   * The loggers for a {@code LOG_LEVEL} value: a value that names no level logs at INFO, and says
   * so in one warning line.
   */
  static JsonLoggerFactory configure(String logLevel, Clock clock, ThreadMdc mdc, LogOutput output) {
    Optional<Level> parsed = LogLevels.parse(logLevel);
    JsonLoggerFactory factory = new JsonLoggerFactory(new LogLevels(parsed.orElse(Level.INFO), LogLevels.LIBRARIES),
        clock, mdc, output);
    if (parsed.isEmpty()) {
      factory.getLogger(LogLevels.class.getName())
          .warn("{}={} names no level (TRACE, DEBUG, INFO, WARN, ERROR); logging at INFO", LEVEL_VARIABLE, logLevel);
    }
    return factory;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
