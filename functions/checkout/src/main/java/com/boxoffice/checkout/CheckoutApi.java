package com.boxoffice.checkout;

import com.boxoffice.shared.adapter.qr.QrCodes;
import com.boxoffice.shared.domain.code.CodeDisplayRules;
import com.boxoffice.shared.domain.code.RotatingCodeSeed;
import com.boxoffice.shared.domain.order.CheckoutAttempt;
import com.boxoffice.shared.domain.order.CheckoutCommand;
import com.boxoffice.shared.domain.order.CheckoutReceipt;
import com.boxoffice.shared.domain.order.CheckoutService;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.http.RequestBodies;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.IdempotentRoutes;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.TicketCodeSettings;
import com.boxoffice.shared.port.out.TicketCodes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkout function's routes: parses and checks what arrives over HTTP, opts the two checkout
 * routes into the {@code Idempotency-Key} contract ({@link IdempotentRoutes}), calls
 * {@link CheckoutService}, and renders orders for their owners. Anyone who does not own an order
 * gets the same 404 as for an order that does not exist. Built by {@link CheckoutWiring}.
 */
public final class CheckoutApi {
  /** Longer than the function's timeout, so a crashed request stops blocking its key soon after. */
  static final Duration IN_PROGRESS_FOR = Duration.ofSeconds(30);
  static final String IDEMPOTENCY_SCOPE = "checkout.createOrder";
  static final int QR_PNG_PX = 300;

  private final CheckoutService checkout;
  private final OrderStore orders;
  private final IdempotentRoutes idempotent;
  /** How many steps either side of the current one the door accepts (docs/door.md). */
  static final int ROTATION_SKEW_STEPS = 1;

  private final TicketCodes ticketCodes;
  private final TicketCodeSettings codeSettings;
  private final Clock clock;

  /** For events that never rotate codes: every ticket shows its static code. */
  public CheckoutApi(CheckoutService checkout, OrderStore orders, IdempotencyStore idempotency, TicketCodes ticketCodes,
      Clock clock) {
    this(checkout, orders, idempotency, ticketCodes, TicketCodeSettings.STATIC_ONLY, clock);
  }

  public CheckoutApi(CheckoutService checkout, OrderStore orders, IdempotencyStore idempotency, TicketCodes ticketCodes,
      TicketCodeSettings codeSettings, Clock clock) {
    this.checkout = checkout;
    this.orders = orders;
    this.idempotent = new IdempotentRoutes(idempotency, clock, IN_PROGRESS_FOR);
    this.ticketCodes = ticketCodes;
    this.codeSettings = codeSettings;
    this.clock = clock;
  }



  public Router router() {
    return new Router()
        .route("POST", "/v1/checkout", idempotent.wrap(
            new IdempotentRoutes.Options(IDEMPOTENCY_SCOPE, CheckoutApi::buyer, StoredTokens.SEALED),
            (r, attempt) -> checkout(r, false, attempt)))
        .route("POST", "/v1/guest/checkout", idempotent.wrap(
            new IdempotentRoutes.Options(IDEMPOTENCY_SCOPE, CheckoutApi::guest, StoredTokens.SEALED),
            (r, attempt) -> checkout(r, true, attempt)))
        .route("GET", "/v1/orders/{orderId}", r -> order(r, false))
        .route("GET", "/v1/guest/orders/{orderId}", r -> order(r, true));
  }

  // ------------------------------------------------------------------ checkout

  /** A signed-in buyer's key space: the JWT subject; without one the request is refused before anything else. */
  static String buyer(HttpRequest r) {
    return "user:" + subject(r);
  }

  /**
   * A guest's key space: the request body's fingerprint, not the source address. A guest who
   * changes networks and sends the same request again gets the same answer; two guests behind
   * one address never share a key space unless they send byte-identical bodies (the same buyer,
   * email and items) under the same key.
   */
  static String guest(HttpRequest r) {
    return "guest:" + Sha256.hex(r.body());
  }

  private static String subject(HttpRequest r) {
    return r.claim("sub").filter(s -> !s.isBlank()).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED,
        "Sign in to buy tickets, or use the guest checkout."));
  }

  HttpResponse checkout(HttpRequest r, boolean guest, IdempotentRoutes.Attempt attempt) {
    return run(r, guest, guest ? null : subject(r), CheckoutAttempt.fromSeed(attempt.seed(), attempt.resumed()));
  }

  private HttpResponse run(HttpRequest r, boolean guest, String subject, CheckoutAttempt attempt) {
    CheckoutBody body = RequestBodies.read(r.body(), CheckoutBody.class);
    Map<String, String> problems = new LinkedHashMap<>();
    List<CheckoutCommand.Item> items = null;
    if (body.items() != null) {
      items = new ArrayList<>();
      for (int i = 0; i < body.items().size(); i++) {
        CheckoutBody.Item item = body.items().get(i);
        if (item == null) {
          items.add(null);
          continue;
        }
        items.add(new CheckoutCommand.Item(item.ticketTypeId(), quantity(item.quantity(), "items[" + i + "].quantity", problems)));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    String email = body.email();
    if (email == null && !guest) {
      email = r.claim("email").orElse(null);
    }
    var cmd = new CheckoutCommand(subject, guest ? r.sourceIp() : null, r.sourceIp(), body.eventId(), items, email,
        body.name(), attempt);
    CheckoutReceipt receipt = checkout.checkout(cmd);
    return HttpResponse.json(201, receipt);
  }

  private static Integer quantity(BigDecimal value, String field, Map<String, String> problems) {
    if (value == null) {
      return null;
    }
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      problems.put(field, value.signum() > 0 && value.stripTrailingZeros().scale() <= 0 ? "too large" : "must be a whole number");
      return null;
    }
  }

  // ------------------------------------------------------------------ order status

  HttpResponse order(HttpRequest r, boolean guest) {
    String orderId = r.pathParam("orderId");
    LogContext.put("orderId", orderId);
    Optional<Order> found = orderId.length() <= 64 ? orders.find(orderId) : Optional.empty();
    Order order = found.filter(o -> owns(r, o, guest)).orElseThrow(() -> ApiException.notFound("No such order."));
    return HttpResponse.ok(view(order));
  }

  private static boolean owns(HttpRequest r, Order o, boolean guest) {
    if (guest) {
      return o.accessTokenHash() != null && r.header("X-Order-Token")
          .map(token -> Sha256.sameDigest(Sha256.hex(token), o.accessTokenHash())).orElse(false);
    }
    return o.buyerId() != null && r.claim("sub").map(o.buyerId()::equals).orElse(false);
  }

  /**
   * The seed the buyer's app derives each step's code from (docs/ticket-codes.md), and for a page
   * that cannot, the code of the current step with the moment it changes. Only the order's owner
   * ever gets here; the secret is never logged.
   */
  private Map<String, Object> rotating(RotatingCodeSeed seed) {
    var now = clock.instant();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("prefix", seed.prefixBase64Url());
    r.put("secret", seed.secretBase64Url());
    r.put("stepSeconds", seed.stepSeconds());
    r.put("skewSteps", ROTATION_SKEW_STEPS);
    r.put("code", seed.codeAt(now));
    r.put("codeExpiresAt", seed.nextChangeAfter(now));
    return r;
  }

  private Map<String, Object> view(Order o) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("orderId", o.orderId());
    v.put("status", o.status().wire());
    v.put("eventId", o.eventId());
    v.put("eventName", o.eventName());
    List<Map<String, Object>> items = new ArrayList<>();
    for (OrderLine l : o.lines()) {
      items.add(Map.of("ticketTypeId", l.ticketTypeId(), "name", l.name(), "quantity", l.quantity(),
          "unitPrice", l.unitPrice()));
    }
    v.put("items", items);
    v.put("amountTotal", o.amountTotal());
    v.put("currency", o.currency());
    v.put("createdAt", o.createdAt());
    if (o.status() == OrderStatus.PENDING) {
      v.put("expiresAt", o.holdExpiresAt());
      if (o.checkoutUrl() != null) {
        v.put("checkoutUrl", o.checkoutUrl());
      }
    }
    if (o.paidAt() != null) {
      v.put("paidAt", o.paidAt());
    }
    if (o.needsRefund()) {
      v.put("needsRefund", true);
    }
    if (o.amountRefunded() > 0) {
      v.put("amountRefunded", o.amountRefunded());
    }
    if (o.status().wasPaid()) {
      List<Map<String, Object>> tickets = new ArrayList<>();
      CodeDisplayRules rules = codeSettings.rulesFor(o.eventId());
      for (Ticket t : orders.tickets(o)) {
        Map<String, Object> tv = new LinkedHashMap<>();
        tv.put("ticketId", t.ticketId());
        tv.put("seq", t.seq());
        tv.put("ticketTypeId", t.ticketTypeId());
        tv.put("ticketTypeName", t.ticketTypeName());
        tv.put("holderName", t.holderName());
        tv.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
        tv.put("validFrom", t.validFrom());
        tv.put("validUntil", t.validUntil());
        if (t.admits()) {
          if (rules.showsStaticCode()) {
            String code = ticketCodes.codeFor(t);
            tv.put("code", code);
            tv.put("fallbackCode", ticketCodes.fallbackCodeFor(t));
            tv.put("qrPngBase64", Base64.getEncoder().encodeToString(QrCodes.png(code, QR_PNG_PX)));
          } else {
            tv.put("fallbackCode", ticketCodes.fallbackCodeFor(t));
          }
          if (rules.rotatingCodes()) {
            ticketCodes.rotatingSeed(t, codeSettings.codeVersion(t.ticketId()), rules.step())
                .ifPresent(seed -> tv.put("rotating", rotating(seed)));
          }
        }
        tickets.add(tv);
      }
      v.put("tickets", tickets);
    }
    return v;
  }
}
