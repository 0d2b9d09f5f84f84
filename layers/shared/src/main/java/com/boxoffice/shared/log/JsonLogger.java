package com.boxoffice.shared.log;

import java.time.Clock;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that writes JSON lines. Its threshold is fixed when it is created, so a disabled call
 * costs one integer comparison; only an enabled call formats the message and renders the line.
 */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient int threshold;
  private final transient Clock clock;
  private final transient ThreadMdc mdc;
  private final transient LogOutput output;

  JsonLogger(String name, Level threshold, Clock clock, ThreadMdc mdc, LogOutput output) {
    this.name = name;
    this.threshold = threshold.toInt();
    this.clock = clock;
    this.mdc = mdc;
    this.output = output;
  }

  @Override
  public boolean isTraceEnabled() {
    return Level.TRACE.toInt() >= threshold;
  }

  @Override
  public boolean isDebugEnabled() {
    return Level.DEBUG.toInt() >= threshold;
  }

  @Override
  public boolean isInfoEnabled() {
    return Level.INFO.toInt() >= threshold;
  }

  @Override
  public boolean isWarnEnabled() {
    return Level.WARN.toInt() >= threshold;
  }

  @Override
  public boolean isErrorEnabled() {
    return Level.ERROR.toInt() >= threshold;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable throwable) {
    String message = arguments == null || arguments.length == 0
        ? pattern
        : MessageFormatter.basicArrayFormat(pattern, arguments);
    output.write(JsonLine.render(clock.instant(), level, message, name, mdc.current(), throwable));
  }
}
