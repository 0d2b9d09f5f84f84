package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.Catalog;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.SalesWindow;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.CheckoutMetrics;
import com.boxoffice.shared.port.out.RateLimiter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a checkout request into a pending order with held seats and a hosted payment page.
 *
 * <p>Order of work: check the request's shape (nothing written on bad input), take rate-limit
 * slots, refuse at once while the payment provider's circuit is open (no seats held), check the
 * event and ticket types, hold every seat in one transaction (never more than capacity), then
 * create the provider's checkout session with a key derived from the order. If the provider
 * fails, the order is cancelled and its seats released before answering, so a failed checkout
 * never keeps seats; should even that release fail, the sweep releases the hold within minutes.
 *
 * <p>Refusals are {@link CheckoutRefusal}s: typed, with no HTTP status; the edge maps them. The
 * order id and access token come from the command's {@link CheckoutAttempt}, so a retry of a
 * request whose first attempt already held seats answers with that order instead of a second one.
 */
public final class CheckoutService {
  private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

  /** Added to the hold so the provider's session lasts at least the configured hold after it is created. */
  static final Duration SESSION_SLACK = Duration.ofMinutes(1);
  /** A pending order with no session after this long was abandoned mid-request: the sweep may release it. */
  static final Duration SESSION_DEADLINE = Duration.ofMinutes(2);
  /** After the hold ends, the provider's own expiry event gets this long before the sweep steps in. */
  static final Duration SWEEP_GRACE = Duration.ofMinutes(5);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final int MAX_EMAIL = 254;
  private static final int MAX_NAME = 100;

  private final Catalog catalog;
  private final OrderStore orders;
  private final PaymentGateway payments;
  private final CircuitBreaker breaker;
  private final RateLimiter limiter;
  private final CheckoutSettings settings;
  private final Clock clock;
  private final CheckoutMetrics metrics;
  private final SecureRandom random = new SecureRandom();

  public CheckoutService(Catalog catalog, OrderStore orders, PaymentGateway payments, CircuitBreaker breaker,
      RateLimiter limiter, CheckoutSettings settings, Clock clock) {
    this(catalog, orders, payments, breaker, limiter, settings, clock, CheckoutMetrics.none());
  }

  public CheckoutService(Catalog catalog, OrderStore orders, PaymentGateway payments, CircuitBreaker breaker,
      RateLimiter limiter, CheckoutSettings settings, Clock clock, CheckoutMetrics metrics) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.orders = orders;
    this.payments = payments;
    this.breaker = breaker;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
  }

  /** Decides the request and reports how it ended (and its provider call) to the metrics port, once. */
  public CheckoutReceipt checkout(CheckoutCommand cmd) {
    ProviderCallRecord call = new ProviderCallRecord();
    CheckoutMetrics.Outcome outcome = CheckoutMetrics.Outcome.ERROR;
    try {
      CheckoutReceipt receipt = decide(cmd, call);
      outcome = call.resumed ? CheckoutMetrics.Outcome.RESUMED : CheckoutMetrics.Outcome.CREATED;
      return receipt;
    } catch (CheckoutRefusal e) {
      outcome = switch (e) {
        case CheckoutRefusal.Invalid i -> CheckoutMetrics.Outcome.INVALID;
        case CheckoutRefusal.NotOnSale n -> CheckoutMetrics.Outcome.NOT_ON_SALE;
        case CheckoutRefusal.TicketTypeNotOnSale t -> CheckoutMetrics.Outcome.NOT_ON_SALE;
        case CheckoutRefusal.RateLimited r -> CheckoutMetrics.Outcome.RATE_LIMITED;
        case CheckoutRefusal.PaymentProviderUnavailable u -> CheckoutMetrics.Outcome.PAYMENT_UNAVAILABLE;
        case CheckoutRefusal.PaymentProviderRejected r -> CheckoutMetrics.Outcome.PAYMENT_REJECTED;
        case SoldOutException s -> CheckoutMetrics.Outcome.SOLD_OUT;
        case InventoryBusyException b -> CheckoutMetrics.Outcome.INVENTORY_BUSY;
        case InventoryUnavailableException u -> CheckoutMetrics.Outcome.INVENTORY_UNAVAILABLE;
      };
      throw e;
    } finally {
      try {
        boolean open = breaker.state() == CircuitBreaker.State.OPEN;
        metrics.checkoutEnded(outcome, call.result == null ? null
            : new CheckoutMetrics.ProviderCall(call.latencyMillis, call.result, call.opened, open));
      } catch (RuntimeException e) {
        LOG.warn("checkout metrics not written", e);
      }
    }
  }

  /** What one request's provider call did, filled in as it happens. */
  private static final class ProviderCallRecord {
    boolean resumed;
    long latencyMillis;
    CheckoutMetrics.CallResult result;
    boolean opened;
  }

  private CheckoutReceipt decide(CheckoutCommand cmd, ProviderCallRecord call) {
    Map<String, String> problems = shapeProblems(cmd);
    if (!problems.isEmpty()) {
      throw new CheckoutRefusal.Invalid(problems);
    }
    CheckoutAttempt attempt = cmd.attempt() != null ? cmd.attempt() : CheckoutAttempt.fresh(random);
    if (attempt.mayExist()) {
      Optional<Order> earlier = orders.find(attempt.orderId());
      if (earlier.isPresent() && !earlier.get().status().endedUnpaid()) {
        call.resumed = true;
        return resume(earlier.get(), attempt, call);
      }
      if (earlier.isPresent()) {
        // The earlier attempt's order ended and gave its seats back: this one starts afresh.
        attempt = CheckoutAttempt.fresh(random);
      }
    }
    takeRateLimitSlots(cmd);
    if (!breaker.wouldPermit()) {
      throw unavailable(breaker.secondsUntilTrial());
    }
    Instant now = clock.instant();
    CatalogEvent event = catalog.event(cmd.eventId())
        .orElseThrow(() -> new CheckoutRefusal.Invalid(Map.of("eventId", "no such event")));
    if (!event.onSaleAt(now)) {
      throw new CheckoutRefusal.NotOnSale(event.eventId());
    }
    Optional<String> noCodes = event.startsAt() == null || event.endsAt() == null
        ? Optional.of("the event has no start or end time")
        : SignedTicketCodes.whyNoCodeFor(event.eventId(), event.startsAt().minus(Order.TICKET_VALIDITY_MARGIN),
            event.endsAt().plus(Order.TICKET_VALIDITY_MARGIN));
    if (noCodes.isPresent()) {
      // Selling would charge buyers for tickets the webhook could never issue.
      LOG.error("event cannot carry ticket codes; not selling eventId={} reason={}", event.eventId(), noCodes.get());
      throw new CheckoutRefusal.NotOnSale(event.eventId());
    }
    Map<String, TicketType> types = catalog.ticketTypes(event.eventId()).stream()
        .collect(Collectors.toMap(TicketType::ticketTypeId, Function.identity()));
    List<OrderLine> lines = lines(cmd, types, now);
    long amountTotal = lines.stream().mapToLong(OrderLine::amount).sum();

    String orderId = attempt.orderId();
    String accessToken = cmd.guest() ? attempt.accessToken() : null;
    Instant holdExpiresAt = now.plus(settings.hold()).plus(SESSION_SLACK).truncatedTo(ChronoUnit.SECONDS);
    Order order = new Order(orderId, OrderStatus.PENDING, event.eventId(), event.name(), event.startsAt(),
        event.endsAt(), cmd.buyerId(), accessToken == null ? null : Sha256.hex(accessToken), cmd.email().trim(),
        cmd.name().trim(), lines, amountTotal, event.currency(), now, holdExpiresAt,
        now.plus(SESSION_DEADLINE).truncatedTo(ChronoUnit.SECONDS), null, null, null, null, false, 0, 0);
    try {
      orders.placeHold(order);
    } catch (SoldOutException e) {
      // What is left of every type asked for, whatever else the store reported.
      Map<String, Integer> left = new LinkedHashMap<>();
      for (OrderLine line : lines) {
        left.put(line.ticketTypeId(), e.available().getOrDefault(line.ticketTypeId(), 0));
      }
      throw new SoldOutException(left);
    } catch (InventoryUnavailableException e) {
      LOG.warn("seat hold failed without a capacity verdict reason={}", e.reason());
      throw e;
    }
    LogContext.put("orderId", orderId);
    LOG.info("seats held orderId={} tickets={}", orderId, order.ticketCount());

    CheckoutSession session = createSession(order, call);
    if (!orders.attachSession(orderId, session.id(), session.url(), holdExpiresAt.plus(SWEEP_GRACE))) {
      LOG.warn("order left pending before its session was recorded orderId={}", orderId);
    }
    return new CheckoutReceipt(orderId, OrderStatus.PENDING.wire(), session.url(), holdExpiresAt, accessToken,
        amountTotal, event.currency());
  }

  /**
   * Answers again for an order an earlier attempt of this same request created (the attempt died
   * or its answer was lost): no second hold, no rate-limit slot. A hold whose session was never
   * recorded gets it now; the provider's idempotency key, derived from the order, returns the
   * session it may already have created.
   */
  private CheckoutReceipt resume(Order order, CheckoutAttempt attempt, ProviderCallRecord call) {
    LogContext.put("orderId", order.orderId());
    LOG.info("checkout resumed from an earlier attempt orderId={} status={}", order.orderId(), order.status().wire());
    String url = order.checkoutUrl();
    if (order.status() == OrderStatus.PENDING && url == null) {
      CheckoutSession session = createSession(order, call);
      if (!orders.attachSession(order.orderId(), session.id(), session.url(), order.holdExpiresAt().plus(SWEEP_GRACE))) {
        LOG.warn("order left pending before its session was recorded orderId={}", order.orderId());
      }
      url = session.url();
    }
    String token = order.accessTokenHash() != null && Sha256.sameDigest(Sha256.hex(attempt.accessToken()),
        order.accessTokenHash()) ? attempt.accessToken() : null;
    return new CheckoutReceipt(order.orderId(), OrderStatus.PENDING.wire(), url, order.holdExpiresAt(), token,
        order.amountTotal(), order.currency());
  }

  private CheckoutSession createSession(Order order, ProviderCallRecord call) {
    if (!breaker.tryAcquire()) {
      release(order);
      throw unavailable(breaker.secondsUntilTrial());
    }
    var request = new CheckoutSessionRequest(order.orderId(), CheckoutSessionRequest.idempotencyKeyFor(order.orderId()),
        order.currency(), order.lines().stream()
            .map(l -> new CheckoutSessionRequest.Line(l.name(), l.unitPrice(), l.quantity())).toList(),
        order.email(), settings.successUrl(), settings.cancelUrl(), order.holdExpiresAt());
    boolean wasOpen = breaker.state() == CircuitBreaker.State.OPEN;
    long started = clock.millis();
    try {
      CheckoutSession session = payments.createCheckoutSession(request);
      call.latencyMillis = clock.millis() - started;
      call.result = CheckoutMetrics.CallResult.OK;
      breaker.recordSuccess();
      return session;
    } catch (PaymentProviderException e) {
      call.latencyMillis = clock.millis() - started;
      call.result = e.retryable() ? CheckoutMetrics.CallResult.UNAVAILABLE : CheckoutMetrics.CallResult.REJECTED;
      if (e.retryable()) {
        breaker.recordFailure();
        call.opened = !wasOpen && breaker.state() == CircuitBreaker.State.OPEN;
      } else {
        breaker.recordSuccess();
      }
      LOG.warn("payment provider call failed orderId={} kind={} httpStatus={} providerCode={} providerRequestId={}",
          order.orderId(), e.kind(), e.httpStatus(), e.providerCode(), e.providerRequestId());
      release(order);
      if (e.retryable()) {
        throw unavailable(breaker.state() == CircuitBreaker.State.OPEN ? breaker.secondsUntilTrial() : 0);
      }
      throw new CheckoutRefusal.PaymentProviderRejected();
    } catch (RuntimeException e) {
      call.latencyMillis = clock.millis() - started;
      call.result = CheckoutMetrics.CallResult.ERROR;
      breaker.recordFailure();
      call.opened = !wasOpen && breaker.state() == CircuitBreaker.State.OPEN;
      release(order);
      throw e;
    }
  }

  /** Gives the seats back now; if that fails too, the sweep does it once the session deadline passes. */
  private void release(Order order) {
    try {
      orders.endUnpaid(order, OrderStatus.CANCELLED, clock.instant());
    } catch (RuntimeException e) {
      LOG.error("could not release hold now; the sweep will orderId={}", order.orderId(), e);
    }
  }

  private static CheckoutRefusal unavailable(long retryAfterSeconds) {
    return new CheckoutRefusal.PaymentProviderUnavailable(retryAfterSeconds);
  }

  private void takeRateLimitSlots(CheckoutCommand cmd) {
    Duration hour = Duration.ofHours(1);
    if (!cmd.guest()) {
      check(new RateLimiter.Limit("checkout-user", settings.userLimitPerHour(), hour), cmd.buyerId());
    }
    check(new RateLimiter.Limit("checkout-ip", settings.ipLimitPerHour(), hour), cmd.sourceIp());
    if (cmd.guest()) {
      check(new RateLimiter.Limit("checkout-email", settings.emailLimitPerHour(), hour),
          Sha256.hex(cmd.email().trim().toLowerCase(Locale.ROOT)));
    }
  }

  private void check(RateLimiter.Limit limit, String key) {
    RateLimiter.Decision decision = limiter.tryAcquire(limit, key);
    if (!decision.allowed()) {
      LOG.info("rate limited limit={}", limit.name());
      throw new CheckoutRefusal.RateLimited(limit.name(), decision.retryAfterSeconds());
    }
  }

  /**
   * The order's lines at the types' current prices. Unknown types and quantities over a type's
   * limit are {@link CheckoutRefusal.Invalid}; a type outside its own sales window (before it
   * opens, at or after it closes) is {@link CheckoutRefusal.TicketTypeNotOnSale}, checked after the
   * request is otherwise valid, so nothing is held for an order one of whose types does not sell.
   */
  private List<OrderLine> lines(CheckoutCommand cmd, Map<String, TicketType> types, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, CheckoutRefusal.TicketTypeNotOnSale.Outside> outside = new LinkedHashMap<>();
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < cmd.items().size(); i++) {
      CheckoutCommand.Item item = cmd.items().get(i);
      TicketType type = types.get(item.ticketTypeId());
      if (type == null) {
        problems.put("items[" + i + "].ticketTypeId", "no such ticket type for this event");
        continue;
      }
      if (item.quantity() > type.maxPerOrder()) {
        problems.put("items[" + i + "].quantity", "at most " + type.maxPerOrder() + " per order");
        continue;
      }
      switch (type.salesWindowAt(now)) {
        case NOT_YET_OPEN -> outside.put(type.ticketTypeId(),
            new CheckoutRefusal.TicketTypeNotOnSale.Outside(SalesWindow.Position.NOT_YET_OPEN, type.salesOpenAt()));
        case CLOSED -> outside.put(type.ticketTypeId(),
            new CheckoutRefusal.TicketTypeNotOnSale.Outside(SalesWindow.Position.CLOSED, type.salesCloseAt()));
        case OPEN -> { }
      }
      lines.add(new OrderLine(type.ticketTypeId(), type.name(), item.quantity(), type.price()));
    }
    if (!problems.isEmpty()) {
      throw new CheckoutRefusal.Invalid(problems);
    }
    if (!outside.isEmpty()) {
      LOG.info("ticket types outside their sales window eventId={} ticketTypeIds={}", cmd.eventId(), outside.keySet());
      throw new CheckoutRefusal.TicketTypeNotOnSale(cmd.eventId(), outside);
    }
    return lines;
  }

  /** Everything that can be checked without reading anything. */
  static Map<String, String> shapeProblems(CheckoutCommand cmd) {
    Map<String, String> p = new LinkedHashMap<>();
    if (cmd.eventId() == null) {
      p.put("eventId", "required");
    } else if (!ID.matcher(cmd.eventId()).matches()) {
      p.put("eventId", "must be 1-64 letters, digits, '-' or '_'");
    }
    if (cmd.items() == null || cmd.items().isEmpty()) {
      p.put("items", "at least one item is required");
    } else if (cmd.items().size() > CheckoutSettings.MAX_LINES) {
      p.put("items", "at most " + CheckoutSettings.MAX_LINES + " ticket types per order");
    } else {
      Set<String> seen = new HashSet<>();
      long total = 0;
      for (int i = 0; i < cmd.items().size(); i++) {
        CheckoutCommand.Item item = cmd.items().get(i);
        String at = "items[" + i + "]";
        if (item == null) {
          p.put(at, "required");
          continue;
        }
        if (item.ticketTypeId() == null) {
          p.put(at + ".ticketTypeId", "required");
        } else if (!ID.matcher(item.ticketTypeId()).matches()) {
          p.put(at + ".ticketTypeId", "must be 1-64 letters, digits, '-' or '_'");
        } else if (!seen.add(item.ticketTypeId())) {
          p.put(at + ".ticketTypeId", "listed twice; put the whole quantity in one item");
        }
        if (item.quantity() == null) {
          p.put(at + ".quantity", "required");
        } else if (item.quantity() < 1) {
          p.put(at + ".quantity", "must be at least 1");
        } else {
          total += item.quantity();
        }
      }
      if (total > CheckoutSettings.MAX_TICKETS_PER_ORDER) {
        p.put("items", "at most " + CheckoutSettings.MAX_TICKETS_PER_ORDER + " tickets per order");
      }
    }
    String email = cmd.email() == null ? null : cmd.email().trim();
    if (email == null || email.isEmpty()) {
      p.put("email", "required");
    } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
      p.put("email", "not a valid email address");
    }
    String name = cmd.name() == null ? null : cmd.name().trim();
    if (name == null || name.isEmpty()) {
      p.put("name", "required");
    } else if (name.length() > MAX_NAME) {
      p.put("name", "at most " + MAX_NAME + " characters");
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      p.put("name", "must not contain control characters");
    }
    return p;
  }
}
