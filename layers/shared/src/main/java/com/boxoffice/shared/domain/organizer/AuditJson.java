package com.boxoffice.shared.domain.organizer;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the before and after records of an audit entry as JSON text, with the JDK only (the
 * domain has no JSON library): objects of strings, numbers, booleans, instants, nulls and lists.
 */
public final class AuditJson {
  private AuditJson() {}

  public static String of(Map<String, ?> record) {
    if (record == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    write(out, record);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case Boolean b -> out.append(b);
      case Number n -> out.append(n);
      case Instant i -> string(out, i.toString());
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (var e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, String.valueOf(e.getKey()));
          out.append(':');
          write(out, e.getValue());
        }
        out.append('}');
      }
      case Collection<?> list -> {
        out.append('[');
        boolean first = true;
        for (Object v : list) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(out, v);
        }
        out.append(']');
      }
      default -> string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
