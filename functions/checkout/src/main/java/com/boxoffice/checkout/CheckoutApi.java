package com.boxoffice.checkout;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.qr.QrCodes;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.order.CheckoutCommand;
import com.boxoffice.shared.domain.order.CheckoutReceipt;
import com.boxoffice.shared.domain.order.CheckoutService;
import com.boxoffice.shared.domain.order.CheckoutSettings;
import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.out.TicketCodes;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout function's routes: parses and checks what arrives over HTTP, applies the
 * {@code Idempotency-Key} contract, calls {@link CheckoutService}, and renders orders for their
 * owners. Anyone who does not own an order gets the same 404 as for an order that does not exist.
 */
public final class CheckoutApi {
  private static final Logger LOG = LoggerFactory.getLogger(CheckoutApi.class);

  /** Longer than the function's timeout, so a crashed request stops blocking its key soon after. */
  static final Duration IN_PROGRESS_FOR = Duration.ofSeconds(30);
  static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);
  static final String IDEMPOTENCY_SCOPE = "checkout.createOrder";
  static final int QR_PNG_PX = 300;

  private final CheckoutService checkout;
  private final OrderStore orders;
  private final IdempotencyStore idempotency;
  private final TicketCodes ticketCodes;
  private final Clock clock;

  public CheckoutApi(CheckoutService checkout, OrderStore orders, IdempotencyStore idempotency, TicketCodes ticketCodes,
      Clock clock) {
    this.checkout = checkout;
    this.orders = orders;
    this.idempotency = idempotency;
    this.ticketCodes = ticketCodes;
    this.clock = clock;
  }

  /** Reads and validates the whole configuration and builds every client, once per container. */
  static CheckoutApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    String idempotencyTable = env.required("IDEMPOTENCY_TABLE_NAME");
    CheckoutSettings settings = new CheckoutSettings(
        redirectUrl(env, "CHECKOUT_SUCCESS_URL"),
        redirectUrl(env, "CHECKOUT_CANCEL_URL"),
        Duration.ofMinutes(env.intValue("HOLD_MINUTES", 30, 30, 24 * 60 - 10)),
        env.intValue("CHECKOUT_USER_LIMIT_PER_HOUR", 10, 1, 100_000),
        env.intValue("CHECKOUT_IP_LIMIT_PER_HOUR", 20, 1, 100_000),
        env.intValue("CHECKOUT_EMAIL_LIMIT_PER_HOUR", 10, 1, 100_000));
    Duration stripeTimeout = env.millis("STRIPE_TIMEOUT_MS", 8000, 100, 20_000);
    int stripeRetries = env.intValue("STRIPE_MAX_NETWORK_RETRIES", 0, 0, 1);
    String stripeBase = env.optionalUrl("STRIPE_API_BASE").map(Object::toString).orElse(null);
    AwsClients aws = new AwsClients(env);
    SecretSource secrets = new SecretSource(env, aws::secretValue);
    String stripeKey = secrets.required("STRIPE_SECRET_KEY");

    Clock clock = Clock.systemUTC();
    var dynamo = aws.dynamo();
    var orderStore = new DynamoOrderStore(dynamo, table);
    var gateway = new StripePaymentGateway(StripePaymentGateway.client(stripeKey, stripeBase, stripeTimeout, stripeRetries));
    var service = new CheckoutService(new DynamoCatalog(dynamo, table), orderStore, gateway,
        CircuitBreaker.forPaymentProvider(clock), new DynamoRateLimiter(dynamo, table, clock), settings, clock);
    return new CheckoutApi(service, orderStore,
        new DynamoIdempotencyStore(dynamo, idempotencyTable, IDEMPOTENCY_RETENTION), ticketCodes(env, secrets), clock);
  }

  /** An absolute http(s) URL that may carry Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder. */
  static String redirectUrl(Env env, String name) {
    String raw = env.required(name);
    String checkable = raw.replace("{CHECKOUT_SESSION_ID}", "cs_placeholder");
    new Env(Map.of(name, checkable)).url(name);
    return raw;
  }

  /** The signed ticket codes shown on paid orders, under the active key of {@code QR_SIGNING_KEYS}. */
  static TicketCodes ticketCodes(Env env, SecretSource secrets) {
    return new SignedTicketCodes(SigningKeysSetting.read(secrets));
  }

  public Router router() {
    return new Router()
        .route("POST", "/v1/checkout", r -> checkout(r, false))
        .route("POST", "/v1/guest/checkout", r -> checkout(r, true))
        .route("GET", "/v1/orders/{orderId}", r -> order(r, false))
        .route("GET", "/v1/guest/orders/{orderId}", r -> order(r, true));
  }

  // ------------------------------------------------------------------ checkout

  HttpResponse checkout(HttpRequest r, boolean guest) {
    String subject = guest ? null : r.claim("sub").filter(s -> !s.isBlank())
        .orElseThrow(() -> new ApiException(401, "unauthenticated", "Sign in to buy tickets, or use the guest checkout."));
    Optional<String> key = idempotencyKey(r);
    if (key.isEmpty()) {
      return run(r, guest, subject);
    }
    String principal = guest ? "guest:" + r.sourceIp() : "user:" + subject;
    String id = IDEMPOTENCY_SCOPE + "#" + Sha256.hex(principal + "\n" + key.get());
    Instant now = clock.instant();
    var claim = idempotency.claim(id, Sha256.hex(r.body()), now, IN_PROGRESS_FOR);
    switch (claim) {
      case IdempotencyStore.Replay replay -> {
        LOG.info("idempotent replay status={}", replay.response().status());
        return new HttpResponse(replay.response().status(),
            Map.of("Content-Type", "application/json", "Idempotent-Replayed", "true"),
            StoredTokens.forReplay(replay.response().body(), principal, key.get()));
      }
      case IdempotencyStore.Mismatch m -> throw new ApiException(422, "idempotency_key_reused",
          "This Idempotency-Key was already used with a different request body.");
      case IdempotencyStore.InProgress p -> throw new ApiException(409, "request_in_progress",
          "A request with this Idempotency-Key is still being processed; retry shortly.", true, Map.of(),
          Map.of("Retry-After", "2"));
      case IdempotencyStore.Claimed c -> { }
    }
    HttpResponse response;
    try {
      response = run(r, guest, subject);
    } catch (ApiException e) {
      if (e.retryable() || e.status() >= 500) {
        forget(id);
      } else {
        HttpResponse stored = HttpResponse.error(e);
        idempotency.complete(id, new IdempotencyStore.StoredResponse(stored.status(), stored.body()), clock.instant());
      }
      throw e;
    } catch (RuntimeException e) {
      forget(id);
      throw e;
    }
    idempotency.complete(id, new IdempotencyStore.StoredResponse(response.status(),
        StoredTokens.forStorage(response.body(), principal, key.get())), clock.instant());
    return response;
  }

  private void forget(String id) {
    try {
      idempotency.release(id);
    } catch (RuntimeException e) {
      LOG.warn("could not release idempotency record; it lapses after {} s", IN_PROGRESS_FOR.toSeconds(), e);
    }
  }

  private HttpResponse run(HttpRequest r, boolean guest, String subject) {
    CheckoutBody body = Json.readBody(r.body(), CheckoutBody.class);
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
        body.name());
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

  static Optional<String> idempotencyKey(HttpRequest r) {
    Optional<String> key = r.header("Idempotency-Key");
    if (key.isEmpty()) {
      return key;
    }
    String k = key.get();
    boolean printable = !k.isEmpty() && k.length() <= 255 && k.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    if (!printable) {
      throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key must be 1-255 printable ASCII characters.",
          Map.of("Idempotency-Key", "1-255 printable ASCII characters"));
    }
    return key;
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
          String code = ticketCodes.codeFor(t);
          tv.put("code", code);
          tv.put("fallbackCode", ticketCodes.fallbackCodeFor(t));
          tv.put("qrPngBase64", Base64.getEncoder().encodeToString(QrCodes.png(code, QR_PNG_PX)));
        }
        tickets.add(tv);
      }
      v.put("tickets", tickets);
    }
    return v;
  }
}
