package com.boxoffice.anomalylist;

import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.JwtScopes;
import com.boxoffice.shared.http.Organization;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.http.Scope;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.EventOwners;
import com.boxoffice.shared.port.out.ScanAnomalyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/org/events/{eventId}/anomalies}: the anomalies the detector found in an event's
 * scan log, newest first, for the organization that owns the event (organizer scope; another
 * tenant's event answers 404 like one that does not exist). {@code ?limit=} 1 to 500, default 100.
 */
public final class ScanAnomaliesApi {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private final ScanAnomalyStore anomalies;
  private final EventOwners owners;

  public ScanAnomaliesApi(ScanAnomalyStore anomalies, EventOwners owners) {
    this.anomalies = anomalies;
    this.owners = owners;
  }

  public Router router() {
    return new Router().route("GET", "/v1/org/events/{eventId}/anomalies", this::list);
  }

  HttpResponse list(HttpRequest r) {
    JwtScopes.require(r, Scope.ORGANIZER);
    String organization = Organization.of(r);
    String eventId = r.pathParam("eventId");
    LogContext.put("eventId", eventId);
    int limit = limit(r.query().get("limit"));
    if (eventId.length() > 64 || !owners.owns(organization, eventId)) {
      throw ApiException.notFound("No such event.");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Anomaly a : anomalies.list(eventId, limit)) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", a.id());
      v.put("kind", a.kind().wire());
      v.put("subject", a.subject());
      v.put("at", a.at());
      v.put("scans", a.scans());
      v.put("gates", a.gates());
      v.put("detail", a.detail());
      items.add(v);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventId", eventId);
    body.put("anomalies", items);
    return HttpResponse.ok(body);
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.",
        Map.of("limit", "must be a whole number from 1 to " + MAX_LIMIT));
  }
}
