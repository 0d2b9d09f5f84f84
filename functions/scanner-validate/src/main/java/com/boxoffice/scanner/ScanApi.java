package com.boxoffice.scanner;

import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.door.Admissions;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.domain.door.RefusedScanLimit;
import com.boxoffice.shared.domain.door.ScanRateLimitedException;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.door.ScannerNotAssignedException;
import com.boxoffice.shared.http.RequestBodies;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.JwtScopes;
import com.boxoffice.shared.http.Scope;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.metrics.EmfScanMetrics;
import com.boxoffice.shared.port.out.ScanMetrics;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scanner's route: who is scanning (the JWT subject, whose token must carry the
 * {@code scanner} scope), a strictly read body, then {@link Admissions} decides (and counts
 * refused scans against the per-scanner limit); the outcome is always 200 with a {@code result},
 * except for a missing identity (401), a token without the scope (403 {@code insufficient_scope}),
 * bad input (400), an unassigned scanner (403) and a scanner over its limit of refused scans (429
 * with {@code Retry-After}).
 */
public final class ScanApi {
  static final String FUNCTION = "scanner-validate";
  /** Refused scans a scanner may make per minute; admissions are not counted. */
  static final String LIMIT_SETTING = "SCANNER_RATE_LIMIT_PER_MINUTE";
  /** Seconds the door rules (assignment, event settings) are kept in the container; 0 reads them every scan. */
  static final String RULES_CACHE_SETTING = "DOOR_RULES_CACHE_SECONDS";
  static final int DEFAULT_LIMIT_PER_MINUTE = 360;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern GATE = Pattern.compile("[\\p{L}\\p{N} ._:/-]{1,64}");
  static final int MAX_CODE_CHARS = 512;

  private final Admissions admissions;
  private final Clock clock;
  private final ScanMetrics metrics;

  public ScanApi(Admissions admissions, Clock clock, ScanMetrics metrics) {
    this.admissions = admissions;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * The door as every entry point wires it: the door rules kept for {@code rulesTtl} in this
   * container, and a limit of {@code refusedPerMinute} refused scans per scanner.
   */
  public static ScanApi wire(SignedTicketCodes codes, DoorStore store, RateLimiter limiter, int refusedPerMinute,
      Duration rulesTtl, Clock clock, ScanMetrics metrics) {
    return new ScanApi(new Admissions(codes, new DoorRulesCache(store, clock, rulesTtl),
        new RefusedScanLimit(limiter, refusedPerMinute, clock)), clock, metrics);
  }

  /** Reads and validates the configuration and builds the clients, once per container. */
  static ScanApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    int perMinute = env.intValue(LIMIT_SETTING, DEFAULT_LIMIT_PER_MINUTE, 1, 100_000);
    int rulesSeconds = env.intValue(RULES_CACHE_SETTING, (int) DoorRulesCache.DEFAULT_TTL.toSeconds(), 0, 60);
    AwsClients aws = new AwsClients(env);
    SignedTicketCodes codes = new SignedTicketCodes(SigningKeysSetting.read(new SecretSource(env, aws::secretValue)));
    var dynamo = aws.dynamo();
    Clock clock = Clock.systemUTC();
    return wire(codes, new DynamoDoorStore(dynamo, table), new DynamoRateLimiter(dynamo, table, clock), perMinute,
        Duration.ofSeconds(rulesSeconds), clock, new EmfScanMetrics(new EmfMetrics(System.out, clock), FUNCTION));
  }

  public Router router() {
    return new Router().route("POST", "/v1/scans", this::scan);
  }

  private HttpResponse scan(HttpRequest r) {
    String scannerId = r.claim("sub").filter(s -> !s.isBlank())
        .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "A scanner token is required."));
    LogContext.put("scannerId", scannerId);
    // Before anything is read or counted: a buyer's token must not even use up a rate-limit slot.
    JwtScopes.require(r, Scope.SCANNER);
    ScanBody body = RequestBodies.read(r.body(), ScanBody.class);
    Map<String, String> problems = new LinkedHashMap<>();
    if (body.code() == null || body.code().isEmpty()) {
      problems.put("code", "required");
    } else if (body.code().length() > MAX_CODE_CHARS) {
      problems.put("code", "at most " + MAX_CODE_CHARS + " characters");
    }
    if (body.eventId() == null || !ID.matcher(body.eventId()).matches()) {
      problems.put("eventId", body.eventId() == null ? "required" : "invalid");
    }
    Direction direction = null;
    if (body.direction() == null) {
      problems.put("direction", "required");
    } else if (body.direction().equals("entry")) {
      direction = Direction.ENTRY;
    } else if (body.direction().equals("exit")) {
      direction = Direction.EXIT;
    } else {
      problems.put("direction", "must be entry or exit");
    }
    if (body.nonce() == null || !ID.matcher(body.nonce()).matches()) {
      problems.put("nonce", body.nonce() == null ? "required" : "1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    if (body.gate() != null && !GATE.matcher(body.gate()).matches()) {
      problems.put("gate", "1 to 64 letters, digits, spaces or . _ : / -");
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    LogContext.put("eventId", body.eventId());
    long started = clock.millis();
    ScanResult result;
    try {
      result = admissions.scan(new ScanRequest(scannerId, body.eventId(), direction, body.nonce(), body.gate(),
          body.code(), clock.instant()));
    } catch (ScanRateLimitedException e) {
      metrics.scanEnded(ScanMetrics.Result.RATE_LIMITED, null, clock.millis() - started);
      throw ApiException.rateLimited(e.retryAfterSeconds());
    } catch (ScannerNotAssignedException e) {
      metrics.scanEnded(ScanMetrics.Result.SCANNER_NOT_ASSIGNED, null, clock.millis() - started);
      throw new ApiException(ErrorCode.SCANNER_NOT_ASSIGNED, "This scanner is not assigned to that event.");
    }
    metrics.scanEnded(ScanMetrics.Result.DECIDED, result.result(), clock.millis() - started);
    return HttpResponse.ok(view(result));
  }

  static Map<String, Object> view(ScanResult s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("result", s.result().wire());
    v.put("reason", s.reason() == null ? null : s.reason().wire());
    v.put("direction", s.direction().wire());
    v.put("ticketId", s.ticketId());
    v.put("ticketTypeId", s.ticketTypeId());
    v.put("ticketType", s.ticketType());
    v.put("holderName", s.holderName());
    v.put("firstAdmittedAt", s.firstAdmittedAt());
    v.put("admissions", s.admissions());
    if (s.previous() != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("at", s.previous().at());
      p.put("gate", s.previous().gate());
      p.put("scannerId", s.previous().scannerId());
      p.put("direction", s.previous().direction() == null ? null : s.previous().direction().wire());
      v.put("previous", p);
    }
    if (s.replayed()) {
      v.put("replayed", true);
    }
    return v;
  }
}
