package com.boxoffice.shared.domain.orgorders;

import java.util.Map;

/**
 * The before and after of an audit entry as a flat JSON object of strings, numbers and booleans.
 * Callers put in only what the organizer may see again: never a ticket code or an email address.
 */
final class AuditJson {
  private AuditJson() {}

  static String of(Map<String, ?> fields) {
    StringBuilder out = new StringBuilder("{");
    for (var e : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      quote(out, e.getKey());
      out.append(':');
      Object v = e.getValue();
      if (v == null) {
        out.append("null");
      } else if (v instanceof Number || v instanceof Boolean) {
        out.append(v);
      } else {
        quote(out, v.toString());
      }
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
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
