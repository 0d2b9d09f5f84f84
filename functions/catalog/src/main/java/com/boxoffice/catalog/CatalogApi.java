package com.boxoffice.catalog;

import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.domain.organizer.Page;
import com.boxoffice.shared.domain.storefront.Storefront;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.LogContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public storefront routes, without a token: {@code GET /v1/events} (events on sale, paged with
 * an opaque cursor) and {@code GET /v1/events/{eventId}} (one event with its ticket types, prices
 * and the exact seats left when read). Answers carry {@code Cache-Control} and a strong
 * {@code ETag}; a request whose {@code If-None-Match} names the current one gets 304 with no body.
 * Browsers on the configured storefront origins get CORS headers, including for the preflight a
 * conditional request needs.
 */
public final class CatalogApi {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 50;
  /** The listing changes when an organizer publishes or pauses: a minute is fresh enough. */
  static final String LIST_CACHE = "public, max-age=60";
  /** Seats left move with every checkout: browsers and CDNs keep an event for a few seconds only. */
  static final String EVENT_CACHE = "public, max-age=10";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Storefront storefront;
  private final Set<String> origins;

  public CatalogApi(Storefront storefront, Set<String> storefrontOrigins) {
    this.storefront = storefront;
    this.origins = Set.copyOf(storefrontOrigins);
  }

  public Router router() {
    return new Router()
        .route("GET", "/v1/events", this::list)
        .route("GET", "/v1/events/{eventId}", this::event)
        .route("OPTIONS", "/v1/events", this::preflight)
        .route("OPTIONS", "/v1/events/{eventId}", this::preflight);
  }

  HttpResponse list(HttpRequest r) {
    int limit = limit(r);
    Optional<String> cursor = Optional.ofNullable(r.query().get("cursor")).filter(c -> !c.isEmpty());
    if (cursor.isPresent() && cursor.get().length() > 512) {
      throw ApiException.validation(Map.of("cursor", "unreadable"));
    }
    Page<Storefront.Listing> page;
    try {
      page = storefront.onSale(cursor, limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(Map.of("cursor", "unreadable"));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("events", page.items().stream().map(CatalogApi::view).toList());
    page.next().ifPresent(n -> v.put("nextCursor", n));
    return cached(r, v, LIST_CACHE);
  }

  HttpResponse event(HttpRequest r) {
    String eventId = r.pathParam("eventId");
    if (eventId == null || !ID.matcher(eventId).matches()) {
      throw ApiException.notFound("No such event.");
    }
    LogContext.put("eventId", eventId);
    Storefront.Listing listing = storefront.event(eventId).orElseThrow(() -> ApiException.notFound("No such event."));
    return cached(r, view(listing), EVENT_CACHE);
  }

  HttpResponse preflight(HttpRequest r) {
    Map<String, String> headers = new HashMap<>(cors(r));
    if (!headers.isEmpty()) {
      headers.put("Access-Control-Allow-Methods", "GET, OPTIONS");
      headers.put("Access-Control-Allow-Headers", "If-None-Match");
      headers.put("Access-Control-Max-Age", "600");
    }
    headers.put("Vary", "Origin");
    return new HttpResponse(204, headers, "");
  }

  private HttpResponse cached(HttpRequest r, Object view, String cacheControl) {
    String body = Json.write(view);
    String etag = "\"" + Sha256.hex(body).substring(0, 32) + "\"";
    Map<String, String> headers = new HashMap<>(cors(r));
    headers.put("Cache-Control", cacheControl);
    headers.put("ETag", etag);
    headers.put("Vary", "Origin");
    if (r.header("If-None-Match").map(h -> matches(h, etag)).orElse(false)) {
      return new HttpResponse(304, headers, "");
    }
    headers.put("Content-Type", "application/json");
    return new HttpResponse(200, headers, body);
  }

  /** {@code If-None-Match} is a list of tags, possibly weak ({@code W/"..."}), or {@code *}. */
  static boolean matches(String header, String etag) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private Map<String, String> cors(HttpRequest r) {
    Optional<String> origin = r.header("Origin").filter(origins::contains);
    if (origin.isEmpty()) {
      return Map.of();
    }
    return Map.of("Access-Control-Allow-Origin", origin.get(), "Access-Control-Expose-Headers", "ETag");
  }

  private static int limit(HttpRequest r) {
    String raw = r.query().get("limit");
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.validation(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
  }

  static Map<String, Object> view(Storefront.Listing l) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", l.eventId());
    v.put("name", l.name());
    if (l.venue() != null) {
      v.put("venue", l.venue());
    }
    v.put("timeZone", l.timeZone());
    v.put("startsAt", l.startsAt());
    v.put("endsAt", l.endsAt());
    if (l.salesCloseAt() != null) {
      v.put("salesCloseAt", l.salesCloseAt());
    }
    v.put("currency", l.currency());
    if (!l.offers().isEmpty()) {
      List<Map<String, Object>> types = new ArrayList<>();
      for (Storefront.Offer o : l.offers()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("ticketTypeId", o.ticketTypeId());
        t.put("name", o.name());
        t.put("price", o.price());
        t.put("currency", o.currency());
        t.put("available", o.available());
        t.put("maxPerOrder", o.maxPerOrder());
        t.put("onSale", o.onSale());
        types.add(t);
      }
      v.put("ticketTypes", types);
    }
    return v;
  }
}
