package com.boxoffice.shared.http;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.port.out.ReachabilityProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/health}, which an HTTP function opts into by handing one to {@link HttpLambda}:
 * whether the function's configuration loaded and whether its table answers, with the version
 * deployed. It is answered at the edge before the function's routes, so it runs no route code,
 * needs no token and reads no secret of its own; a function whose start-up failed still answers it.
 * The configuration check goes through the same start-up retry as any request (see
 * {@link com.boxoffice.shared.config.Initialized}), so a synthetic check also lets a passing
 * failure mend. The table probe is built on first use, from the few settings it needs, and kept
 * for the container's life once built. Every answer carries {@code Cache-Control: no-store}; a
 * failing check is named, never the setting or the error behind it (the log has those).
 */
public final class HealthRoute {
  public static final String PATH = "/v1/health";
  /** What {@code version} says when the deployment did not set {@code APP_VERSION}. */
  public static final String UNKNOWN_VERSION = "dev";
  private static final Logger LOG = LoggerFactory.getLogger(HealthRoute.class);

  /** The checks, in the order the body lists them. */
  public enum Check {
    CONFIGURATION, TABLE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A check's outcome, and the overall status (ok only when every check is). */
  public enum Verdict {
    OK, FAILING;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The body: {@code {"status":"ok","version":"...","checks":{"configuration":"ok","table":"ok"}}}. */
  record Report(String status, String version, Map<String, String> checks) {}

  private final String version;
  private final Supplier<ReachabilityProbe> tableProbe;
  private ReachabilityProbe table;

  /**
   * @param version what the deployment calls itself; blank means {@value #UNKNOWN_VERSION}
   * @param tableProbe builds the table probe; called on the first health request and again on the
   *     next one while it throws (a missing or malformed setting), which counts as the table failing
   */
  public HealthRoute(String version, Supplier<ReachabilityProbe> tableProbe) {
    this.version = version == null || version.isBlank() ? UNKNOWN_VERSION : version.strip();
    this.tableProbe = tableProbe;
  }

  /** The version from {@code APP_VERSION}, or {@value #UNKNOWN_VERSION}. */
  public static String version(Env env) {
    return env.optional("APP_VERSION").filter(v -> !v.isBlank()).orElse(UNKNOWN_VERSION);
  }

  public String version() {
    return version;
  }

  /** Whether a request is for this route: by the route key API Gateway matched, else by path. */
  static boolean isFor(String routeKey, String path) {
    if (routeKey != null && !routeKey.isBlank() && !routeKey.equals("$default")) {
      int space = routeKey.indexOf(' ');
      return trim(space < 0 ? routeKey : routeKey.substring(space + 1)).equals(PATH);
    }
    return trim(path).equals(PATH);
  }

  private static String trim(String path) {
    String p = path == null ? "" : path.replaceAll("/+$", "");
    return p.startsWith("/") ? p : "/" + p;
  }

  /**
   * The answer to a request for this route.
   *
   * @param configured whether the function's start-up built its routes (asked only for a GET)
   */
  HttpResponse answer(String method, BooleanSupplier configured) {
    if (!"GET".equals(method)) {
      throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This path does not accept " + method + ".");
    }
    Map<Check, Verdict> checks = new LinkedHashMap<>();
    checks.put(Check.CONFIGURATION, configured.getAsBoolean() ? Verdict.OK : Verdict.FAILING);
    checks.put(Check.TABLE, tableAnswers() ? Verdict.OK : Verdict.FAILING);

    List<String> failing = new ArrayList<>();
    Map<String, String> body = new LinkedHashMap<>();
    checks.forEach((check, verdict) -> {
      body.put(check.wireName(), verdict.wireName());
      if (verdict == Verdict.FAILING) {
        failing.add(check.wireName());
      }
    });
    Verdict overall = failing.isEmpty() ? Verdict.OK : Verdict.FAILING;
    if (overall == Verdict.OK) {
      LOG.info("health checked status=ok");
    } else {
      LOG.warn("health checked status=failing failing={}", failing);
    }
    return HttpResponse.json(overall == Verdict.OK ? 200 : 503, new Report(overall.wireName(), version, body))
        .withHeader("Cache-Control", "no-store");
  }

  private synchronized boolean tableAnswers() {
    if (table == null) {
      try {
        table = tableProbe.get();
      } catch (RuntimeException e) {
        LOG.warn("table probe could not be built: {}", e.getClass().getSimpleName());
        return false;
      }
    }
    return table.answers();
  }
}
