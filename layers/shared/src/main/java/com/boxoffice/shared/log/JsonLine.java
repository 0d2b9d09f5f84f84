package com.boxoffice.shared.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Renders one log event as one line of JSON, fields in this order: {@code timestamp} (UTC, to the
 * millisecond), {@code level}, {@code message}, {@code logger}, {@code context} (the MDC, only when
 * it holds something) and {@code error} ({@code type}, {@code message} when there is one, and
 * {@code stack} as one string with the causes) only when a throwable came with the event. Every
 * string is escaped here, so a message with quotes, newlines or control characters stays one line.
 */
final class JsonLine {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonLine() {}

  static String render(Instant at, Level level, String message, String logger, Map<String, String> context,
      Throwable error) {
    StringBuilder out = new StringBuilder(160 + (message == null ? 4 : message.length()));
    out.append("{\"timestamp\":\"");
    TIMESTAMP.formatTo(at, out);
    out.append("\",\"level\":\"").append(level.name());
    out.append("\",\"message\":");
    string(out, String.valueOf(message));
    out.append(",\"logger\":");
    string(out, logger);
    if (!context.isEmpty()) {
      out.append(",\"context\":{");
      boolean first = true;
      for (Map.Entry<String, String> entry : context.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, entry.getKey());
        out.append(':');
        string(out, entry.getValue());
      }
      out.append('}');
    }
    if (error != null) {
      out.append(",\"error\":{\"type\":");
      string(out, error.getClass().getName());
      if (error.getMessage() != null) {
        out.append(",\"message\":");
        string(out, error.getMessage());
      }
      out.append(",\"stack\":");
      StringWriter stack = new StringWriter(1024);
      error.printStackTrace(new PrintWriter(stack));
      string(out, stack.toString());
      out.append('}');
    }
    return out.append("}\n").toString();
  }

  /** {@code value} as a JSON string (null as JSON null). */
  static void string(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(value, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
            .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
      }
    }
    out.append(value, from, value.length()).append('"');
  }
}
