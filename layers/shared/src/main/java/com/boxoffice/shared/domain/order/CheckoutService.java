package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.Catalog;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.RateLimiter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
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

  static final String UNAVAILABLE_MESSAGE =
      "We could not reach the payment provider. Your card has not been charged; please try again in a moment.";

  private final Catalog catalog;
  private final OrderStore orders;
  private final PaymentGateway payments;
  private final CircuitBreaker breaker;
  private final RateLimiter limiter;
  private final CheckoutSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CheckoutService(Catalog catalog, OrderStore orders, PaymentGateway payments, CircuitBreaker breaker,
      RateLimiter limiter, CheckoutSettings settings, Clock clock) {
    this.catalog = catalog;
    this.orders = orders;
    this.payments = payments;
    this.breaker = breaker;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
  }

  public CheckoutReceipt checkout(CheckoutCommand cmd) {
    Map<String, String> problems = shapeProblems(cmd);
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    takeRateLimitSlots(cmd);
    if (!breaker.wouldPermit()) {
      throw unavailable(breaker.secondsUntilTrial());
    }
    Instant now = clock.instant();
    CatalogEvent event = catalog.event(cmd.eventId())
        .orElseThrow(() -> ApiException.validation(Map.of("eventId", "no such event")));
    if (!event.onSaleAt(now)) {
      throw new ApiException(409, "event_not_on_sale", "Tickets for this event are not on sale.");
    }
    Optional<String> noCodes = event.startsAt() == null || event.endsAt() == null
        ? Optional.of("the event has no start or end time")
        : SignedTicketCodes.whyNoCodeFor(event.eventId(), event.startsAt().minus(Order.TICKET_VALIDITY_MARGIN),
            event.endsAt().plus(Order.TICKET_VALIDITY_MARGIN));
    if (noCodes.isPresent()) {
      // Selling would charge buyers for tickets the webhook could never issue.
      LOG.error("event cannot carry ticket codes; not selling eventId={} reason={}", event.eventId(), noCodes.get());
      throw new ApiException(409, "event_not_on_sale", "Tickets for this event are not on sale.");
    }
    Map<String, TicketType> types = catalog.ticketTypes(event.eventId()).stream()
        .collect(Collectors.toMap(TicketType::ticketTypeId, Function.identity()));
    List<OrderLine> lines = lines(cmd, types);
    long amountTotal = lines.stream().mapToLong(OrderLine::amount).sum();

    String orderId = newOrderId();
    String accessToken = cmd.guest() ? newAccessToken() : null;
    Instant holdExpiresAt = now.plus(settings.hold()).plus(SESSION_SLACK).truncatedTo(ChronoUnit.SECONDS);
    Order order = new Order(orderId, OrderStatus.PENDING, event.eventId(), event.name(), event.startsAt(),
        event.endsAt(), cmd.buyerId(), accessToken == null ? null : Sha256.hex(accessToken), cmd.email().trim(),
        cmd.name().trim(), lines, amountTotal, event.currency(), now, holdExpiresAt,
        now.plus(SESSION_DEADLINE).truncatedTo(ChronoUnit.SECONDS), null, null, null, null, false, 0, 0);
    try {
      orders.placeHold(order);
    } catch (SoldOutException e) {
      Map<String, String> left = new LinkedHashMap<>();
      for (OrderLine line : lines) {
        left.put(line.ticketTypeId(), e.available().getOrDefault(line.ticketTypeId(), 0) + " left");
      }
      throw new ApiException(409, "sold_out", "Not enough tickets are left for this order.", false, left, Map.of());
    } catch (InventoryBusyException e) {
      throw new ApiException(503, "inventory_busy", "Many people are buying these tickets right now; please try again.",
          true, Map.of(), Map.of("Retry-After", "1"));
    }
    LogContext.put("orderId", orderId);
    LOG.info("seats held orderId={} tickets={}", orderId, order.ticketCount());

    CheckoutSession session = createSession(order);
    if (!orders.attachSession(orderId, session.id(), session.url(), holdExpiresAt.plus(SWEEP_GRACE))) {
      LOG.warn("order left pending before its session was recorded orderId={}", orderId);
    }
    return new CheckoutReceipt(orderId, OrderStatus.PENDING.wire(), session.url(), holdExpiresAt, accessToken,
        amountTotal, event.currency());
  }

  private CheckoutSession createSession(Order order) {
    if (!breaker.tryAcquire()) {
      release(order);
      throw unavailable(breaker.secondsUntilTrial());
    }
    var request = new CheckoutSessionRequest(order.orderId(), CheckoutSessionRequest.idempotencyKeyFor(order.orderId()),
        order.currency(), order.lines().stream()
            .map(l -> new CheckoutSessionRequest.Line(l.name(), l.unitPrice(), l.quantity())).toList(),
        order.email(), settings.successUrl(), settings.cancelUrl(), order.holdExpiresAt());
    try {
      CheckoutSession session = payments.createCheckoutSession(request);
      breaker.recordSuccess();
      return session;
    } catch (PaymentProviderException e) {
      if (e.retryable()) {
        breaker.recordFailure();
      } else {
        breaker.recordSuccess();
      }
      LOG.warn("payment provider call failed orderId={} kind={} httpStatus={} providerCode={} providerRequestId={}",
          order.orderId(), e.kind(), e.httpStatus(), e.providerCode(), e.providerRequestId());
      release(order);
      if (e.retryable()) {
        throw unavailable(breaker.state() == CircuitBreaker.State.OPEN ? breaker.secondsUntilTrial() : 0);
      }
      throw new ApiException(502, "payment_provider_rejected",
          "The payment provider refused to start this payment. Your card has not been charged.");
    } catch (RuntimeException e) {
      breaker.recordFailure();
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

  private static ApiException unavailable(long retryAfterSeconds) {
    Map<String, String> headers = retryAfterSeconds > 0 ? Map.of("Retry-After", Long.toString(retryAfterSeconds)) : Map.of();
    return new ApiException(503, "payment_provider_unavailable", UNAVAILABLE_MESSAGE, true, Map.of(), headers);
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
      throw ApiException.rateLimited(decision.retryAfterSeconds());
    }
  }

  private List<OrderLine> lines(CheckoutCommand cmd, Map<String, TicketType> types) {
    Map<String, String> problems = new LinkedHashMap<>();
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
      lines.add(new OrderLine(type.ticketTypeId(), type.name(), item.quantity(), type.price()));
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
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

  private String newOrderId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return "ord_" + HexFormat.of().formatHex(bytes);
  }

  private String newAccessToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
