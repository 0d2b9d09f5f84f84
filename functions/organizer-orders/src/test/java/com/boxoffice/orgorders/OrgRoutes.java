package com.boxoffice.orgorders;

import java.util.ArrayList;
import java.util.List;

/**
 * Every organizer-orders route with a valid request for the given ids: method, path, body; in an
 * order in which each succeeds for the owner (the revocation last).
 */
final class OrgRoutes {
  private OrgRoutes() {}

  static List<String[]> all(String eventId, String orderId, String ticketId) {
    List<String[]> routes = new ArrayList<>();
    routes.add(new String[] {"GET", "/v1/org/events/" + eventId + "/orders?email=ada%40example.com", null});
    routes.add(new String[] {"GET", "/v1/org/orders/" + orderId, null});
    routes.add(new String[] {"POST", "/v1/org/orders/" + orderId + "/resend-confirmation", null});
    routes.add(new String[] {"PUT", "/v1/org/tickets/" + ticketId + "/holder", "{\"holderName\":\"Mallory\"}"});
    routes.add(new String[] {"POST", "/v1/org/tickets/" + ticketId + "/reissue-code", null});
    routes.add(new String[] {"POST", "/v1/org/orders/" + orderId + "/refunds",
        "{\"ticketIds\":[\"" + ticketId + "\"],\"restock\":true}"});
    routes.add(new String[] {"POST", "/v1/org/tickets/" + ticketId + "/revoke", "{\"reason\":\"x\"}"});
    routes.add(new String[] {"GET", "/v1/org/events/" + eventId + "/attendees.csv?limit=10", null});
    routes.add(new String[] {"GET", "/v1/org/events/" + eventId + "/door", null});
    routes.add(new String[] {"POST", "/v1/org/events/" + eventId + "/cancel", "{\"reason\":\"storm\"}"});
    routes.add(new String[] {"GET", "/v1/org/events/" + eventId + "/cancellation", null});
    return routes;
  }
}
