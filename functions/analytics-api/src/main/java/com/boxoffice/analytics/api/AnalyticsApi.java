package com.boxoffice.analytics.api;

import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoEventTimeZones;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.analytics.AnalyticsQuery;
import com.boxoffice.shared.domain.analytics.AnalyticsReader;
import com.boxoffice.shared.domain.analytics.AnalyticsUnavailableException;
import com.boxoffice.shared.domain.analytics.EventNotFoundException;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.Organization;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.log.LogContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The analytics route: the caller's organization (organizer scope and {@code org} claim), the
 * query string read strictly into an {@link AnalyticsQuery}, then {@link AnalyticsReader} answers.
 * Bad parameters are 400 {@code validation_failed} naming each field, a range over 90 days is 400
 * {@code range_too_large}, another tenant's event is 404 {@code not_found}, and aggregates that
 * cannot be read with no earlier answer to fall back on are 503 {@code analytics_unavailable}.
 */
public final class AnalyticsApi {
  static final String FUNCTION = "analytics-api";
  static final String PATH = "/v1/org/events/{id}/analytics";
  static final Duration MAX_RANGE = Duration.ofDays(90);
  static final Duration DEFAULT_RANGE = Duration.ofDays(7);
  static final Duration HOURLY_UP_TO = Duration.ofDays(3);
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private final AnalyticsReader reader;
  private final Clock clock;

  public AnalyticsApi(AnalyticsReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /** Reads the configuration and builds the clients, once per container. */
  static AnalyticsApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    Duration budget = env.millis("ANALYTICS_QUERY_BUDGET_MS", 5_000, 100, 8_000);
    var dynamo = new AwsClients(env).dynamo();
    Clock clock = Clock.systemUTC();
    var reader = new AnalyticsReader(new DynamoAnalyticsStore(dynamo, table, clock),
        new DynamoEventOwners(dynamo, table), new DynamoEventTimeZones(dynamo, table), clock, budget,
        Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "analytics-read");
          t.setDaemon(true);
          return t;
        }), 256);
    return new AnalyticsApi(reader, clock);
  }

  public Router router() {
    return new Router().route("GET", PATH, this::analytics);
  }

  private HttpResponse analytics(HttpRequest r) {
    String organization = Organization.of(r);
    String eventId = r.pathParam("id");
    if (eventId == null || !ID.matcher(eventId).matches()) {
      throw ApiException.notFound("No such event.");
    }
    LogContext.put("eventId", eventId);
    AnalyticsQuery query = query(organization, eventId, r.query());
    try {
      return HttpResponse.ok(AnalyticsBody.of(reader.read(query))).withHeader("Cache-Control", "no-store");
    } catch (EventNotFoundException e) {
      throw ApiException.notFound("No such event.");
    } catch (AnalyticsUnavailableException e) {
      throw new ApiException(ErrorCode.ANALYTICS_UNAVAILABLE,
          "The analytics cannot be read just now (" + e.reason().wire() + "); please try again.",
          Map.of(), Map.of("Retry-After", "5"));
    }
  }

  AnalyticsQuery query(String organization, String eventId, Map<String, String> params) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String name : params.keySet()) {
      if (!java.util.Set.of("from", "to", "bucket", "cursor", "limit").contains(name)) {
        problems.put(name, "unknown parameter");
      }
    }
    Instant now = clock.instant();
    Instant to = instant(params.get("to"), "to", problems);
    Instant from = instant(params.get("from"), "from", problems);
    if (to == null && !params.containsKey("to")) {
      to = now;
    }
    if (from == null && !params.containsKey("from") && to != null) {
      from = to.minus(DEFAULT_RANGE);
    }
    if (from != null && to != null && !to.isAfter(from)) {
      problems.put("to", "must be after from");
    }
    AnalyticsQuery.Bucket bucket = null;
    String b = params.get("bucket");
    if (b != null) {
      switch (b) {
        case "hour" -> bucket = AnalyticsQuery.Bucket.HOUR;
        case "day" -> bucket = AnalyticsQuery.Bucket.DAY;
        default -> problems.put("bucket", "must be hour or day");
      }
    }
    int limit = DEFAULT_LIMIT;
    String l = params.get("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
        if (limit < 1 || limit > MAX_LIMIT) {
          problems.put("limit", "must be 1 to " + MAX_LIMIT);
        }
      } catch (NumberFormatException e) {
        problems.put("limit", "must be a whole number");
      }
    }
    String cursor = params.get("cursor");
    if (cursor != null && !validCursor(cursor)) {
      problems.put("cursor", "invalid");
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.badRequest(ErrorCode.RANGE_TOO_LARGE, "The range may span at most 90 days.",
          Map.of("to", "at most 90 days after from"));
    }
    if (bucket == null) {
      bucket = Duration.between(from, to).compareTo(HOURLY_UP_TO) <= 0
          ? AnalyticsQuery.Bucket.HOUR : AnalyticsQuery.Bucket.DAY;
    }
    return new AnalyticsQuery(organization, eventId, from, to, bucket, cursor, limit);
  }

  private static boolean validCursor(String cursor) {
    if (!CURSOR.matcher(cursor).matches()) {
      return false;
    }
    try {
      DynamoAnalyticsStore.decode(cursor);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Instant instant(String value, String name, Map<String, String> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeException e) {
      problems.put(name, "must be an ISO-8601 instant such as 2026-12-07T10:00:00Z");
      return null;
    }
  }
}
