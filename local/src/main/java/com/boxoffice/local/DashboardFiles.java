package com.boxoffice.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The organizer dashboard's static files (the dashboard module puts them on the classpath under
 * {@code dashboard/}), served at {@code /dashboard/} from the API's port, so the page calls the
 * API on its own origin as it does behind CloudFront.
 */
final class DashboardFiles implements HttpBridge.LocalRoute {
  static final String PREFIX = "/dashboard/";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)*");

  @Override
  public Answer handle(String method, String rest) throws IOException {
    if (!method.equals("GET")) {
      return new Answer(405, "text/plain; charset=utf-8", "GET " + PREFIX + "\n");
    }
    String name = rest.isEmpty() ? "index.html" : rest;
    if (!SAFE.matcher(name).matches()) {
      return notFound();
    }
    try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
      if (in == null) {
        return notFound();
      }
      return new Answer(200, contentType(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Answer notFound() {
    return new Answer(404, "text/plain; charset=utf-8", "No such file.\n");
  }

  static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (lower.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (lower.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }
}
