package com.boxoffice.shared.log;

import java.time.Clock;
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
    String configured = System.getenv(LEVEL_VARIABLE);
    Level root = LogLevels.parse(configured).orElse(Level.INFO);
    loggers = new JsonLoggerFactory(new LogLevels(root, LogLevels.LIBRARIES), Clock.systemUTC(), mdc,
        LogOutput.standard());
    if (LogLevels.parse(configured).isEmpty()) {
      loggers.getLogger(LogLevels.class.getName())
          .warn("{}={} names no level (TRACE, DEBUG, INFO, WARN, ERROR); logging at INFO", LEVEL_VARIABLE, configured);
    }
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
