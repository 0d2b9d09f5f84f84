package com.boxoffice.local;

import com.boxoffice.shared.http.Scope;
import com.boxoffice.testkit.LocalResources;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What a started local stack offers, and the welcome text that explains it. */
record LocalStack(
    LocalSettings settings,
    LocalResources resources,
    LocalJwt jwt,
    String webhookSecret,
    String stripeMockBase,
    LocalDemo.Seeded demo,
    List<String> schedules,
    LocalDemo demoData,
    String snsBase) {

  String apiBase() {
    return "http://127.0.0.1:" + settings.apiPort();
  }

  String webhookUrl() {
    return "http://127.0.0.1:" + settings.webhookPort() + "/";
  }

  String sesBase() {
    return "http://127.0.0.1:" + settings.sesPort();
  }

  /** The scope claim says what the token may do: a buyer's token is refused at the door. */
  String buyerToken() {
    return jwt.issue(demo.buyerId(), Map.of("email", demo.buyerEmail(), "scope", "buyer"), 12 * 3600);
  }

  String scannerToken() {
    return jwt.issue(demo.scannerId(), Map.of("scope", "scanner"), 12 * 3600);
  }

  /** An organizer of the demo organization (the {@code org} claim names the tenant). */
  String organizerToken() {
    return jwt.issue("organizer-demo", Map.of("scope", "organizer", "org", LocalDemo.ORGANIZATION_ID), 12 * 3600);
  }

  /**
   * The organizer dashboard for the demo event, signed in with the organizer's token. The token
   * rides in the fragment, which the browser never sends to a server; the page moves it to
   * sessionStorage and takes it out of the address bar.
   */
  String dashboardUrl() {
    return apiBase() + DashboardFiles.PREFIX + "?event=" + demo.eventId() + "#token=" + organizerToken();
  }

  /**
   * A token for any role and tenant, as {@code POST /local/token/<role>/<subject>[/<organization>]}
   * mints it: a newcomer acts as a second organization, or as a door device just registered.
   */
  String token(Scope role, String subject, String organization) {
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put("scope", role.wire());
    if (organization != null) {
      claims.put("org", organization);
    }
    return jwt.issue(subject, claims, 12 * 3600);
  }

  void printWelcome(PrintStream out) {
    String buyer = buyerToken();
    String scanner = scannerToken();
    out.println();
    out.println("Boxoffice is running locally (all on 127.0.0.1; Ctrl-C stops everything)");
    out.println("  HTTP API (API Gateway + JWT authorizer) " + apiBase());
    out.println("  Stripe webhook function URL             " + webhookUrl());
    out.println("  DynamoDB Local                          http://127.0.0.1:" + settings.dynamoPort()
        + "  tables " + resources.tables().values());
    out.println("  ElasticMQ (SQS)                         http://127.0.0.1:" + settings.sqsPort());
    out.println("  SES v2 emulator (sent mail)             " + sesBase() + "/  (JSON: " + sesBase() + "/store)");
    out.println("  SNS mobile push (moto, sent pushes)     " + apiBase() + "/local/pushes  (moto's dashboard: "
        + snsBase + "/moto-api/)");
    out.println("  Stripe                                  " + (stripeMockBase == null
        ? "Stripe test mode (STRIPE_SECRET_KEY)" : "stripe-mock at " + stripeMockBase));
    out.println("  Schedules                               " + String.join("; ", schedules));
    out.println();
    out.println("Demo data: event " + demo.eventId() + " with ticket types " + demo.ticketTypeIds()
        + "; scanner " + demo.scannerId() + " assigned to it.");
    out.println("Local webhook signing secret: " + webhookSecret);
    out.println("Bearer tokens (same claims the API Gateway JWT authorizer passes on; valid 12 h):");
    out.println("  buyer   export BUYER_TOKEN=" + buyer);
    out.println("  scanner export SCANNER_TOKEN=" + scanner);
    out.println("  organizer (organization " + LocalDemo.ORGANIZATION_ID + ") export ORGANIZER_TOKEN=" + organizerToken());
    out.println("  any role and tenant: curl -s -X POST " + apiBase()
        + "/local/token/<buyer|scanner|organizer>/<subject>[/<organization>]");
    out.println("    e.g. a second organization: curl -s -X POST " + apiBase() + "/local/token/organizer/bob/org_other");
    out.println();
    out.println("Organizer walkthrough (docs/organizer.md):");
    out.println("  curl -s -X POST " + apiBase() + "/v1/org/events -H \"Authorization: Bearer $ORGANIZER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -H 'Idempotency-Key: ev-1' \\");
    out.println("       -d '{\"name\":\"My night\",\"timeZone\":\"Europe/Berlin\",\"startsAt\":\"<ISO time>\","
        + "\"endsAt\":\"<ISO time>\",\"currency\":\"eur\"}'");
    out.println("  curl -s -X POST " + apiBase() + "/v1/org/events/<eventId>/ticket-types -H \"Authorization: Bearer "
        + "$ORGANIZER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -d '{\"name\":\"General\",\"price\":2000,\"capacity\":100}'");
    out.println("  curl -s -X POST " + apiBase() + "/v1/org/events/<eventId>/publish -H \"Authorization: Bearer "
        + "$ORGANIZER_TOKEN\"");
    out.println("  curl -s -X POST " + apiBase() + "/v1/org/devices -H \"Authorization: Bearer $ORGANIZER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -d '{\"name\":\"North gate\"}'");
    out.println("  curl -s -X POST " + apiBase() + "/v1/org/devices/<deviceId>/assignments -H \"Authorization: Bearer "
        + "$ORGANIZER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -d '{\"eventId\":\"<eventId>\"}'");
    out.println("  curl -s " + apiBase() + "/v1/events   # the public catalog, no token");
    out.println();
    out.println("Organizer dashboard (open in a browser; signed in as the demo organizer):");
    out.println("  " + dashboardUrl());
    out.println();
    out.println("Buyer and door walkthrough:");
    out.println("  curl -s " + apiBase() + "/v1/health   # no token; 200 when configuration and table are ok");
    out.println("  # register the buyer's phone for push (any 64 hex characters as an APNs token):");
    out.println("  curl -s -X POST " + apiBase() + "/v1/devices -H \"Authorization: Bearer $BUYER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -d '{\"platform\":\"apns\",\"token\":\"'$(openssl rand -hex 32)'\"}'");
    out.println("  curl -s -X POST " + apiBase() + "/v1/checkout -H \"Authorization: Bearer $BUYER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\");
    out.println("       -d '{\"eventId\":\"" + demo.eventId() + "\",\"items\":[{\"ticketTypeId\":\""
        + demo.ticketTypeIds().get(0) + "\",\"quantity\":2}],\"email\":\"" + demo.buyerEmail()
        + "\",\"name\":\"Ada Lovelace\"}'");
    out.println("  # pay it as Stripe would (a signed checkout.session.completed to the webhook URL):");
    out.println("  curl -s -X POST " + apiBase() + "/local/pay/<orderId>");
    out.println("  curl -s " + apiBase() + "/v1/orders/<orderId> -H \"Authorization: Bearer $BUYER_TOKEN\"");
    out.println("  # the confirmation mail, with its QR codes, shows up at " + sesBase() + "/ within seconds");
    out.println("  # and the \"tickets issued\" push to the phone at " + apiBase() + "/local/pushes");
    out.println("  curl -s -X POST " + apiBase() + "/v1/scans -H \"Authorization: Bearer $SCANNER_TOKEN\" \\");
    out.println("       -H 'Content-Type: application/json' \\");
    out.println("       -d '{\"code\":\"<code from the order>\",\"eventId\":\"" + demo.eventId()
        + "\",\"direction\":\"entry\",\"nonce\":\"n-1\",\"gate\":\"north\"}'");
    out.println("  # the demo event rotates codes: each ticket's \"rotating\" holds the app's seed and the code of");
    out.println("  # this step (\"code\", until \"codeExpiresAt\"); scan that code the same way within its step");
    out.println("  # what the anomaly detector (every minute) found in the event's scan log:");
    out.println("  curl -s " + apiBase() + "/v1/org/events/" + demo.eventId() + "/anomalies -H \"Authorization: Bearer $ORGANIZER_TOKEN\"");
    out.println("  # or issue a ticket straight to the door (its code and typable fallback code come back):");
    out.println("  curl -s -X POST " + apiBase() + "/local/demo-ticket");
    out.println();
  }
}
