package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.Refusals;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryCatalog;
import com.boxoffice.shared.testing.memory.InMemoryOrderStore;
import com.boxoffice.shared.testing.memory.InMemoryPaymentGateway;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckoutService} on in-memory ports: what is held, stored and asked of the provider for
 * each kind of request, and that a refused checkout leaves no seat held.
 */
@Tag("fast")
class CheckoutServiceTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final String EVENT = "evt-1";

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final InMemoryOrderStore orders = new InMemoryOrderStore(catalog);
  final InMemoryPaymentGateway payments = new InMemoryPaymentGateway();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  final CircuitBreaker breaker = CircuitBreaker.forPaymentProvider(clock);
  final CheckoutService service = new CheckoutService(catalog, orders, payments, breaker, limiter,
      new CheckoutSettings("https://shop.example/ok?s={CHECKOUT_SESSION_ID}", "https://shop.example/cancel",
          Duration.ofMinutes(30), 10, 20, 10), clock);

  CheckoutServiceTest() {
    catalog.put(new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), null, "eur", EventStatus.ON_SALE));
    catalog.type(EVENT, "general", "General admission", 2500, "eur", 100, 10);
    catalog.type(EVENT, "vip", "VIP", 9000, "eur", 2, 2);
  }

  static CheckoutCommand signedIn(String buyer, CheckoutCommand.Item... items) {
    return new CheckoutCommand(buyer, null, "198.51.100.7", EVENT, List.of(items), "ada@example.com", "Ada Lovelace");
  }

  static CheckoutCommand guest(String ip, CheckoutCommand.Item... items) {
    return new CheckoutCommand(null, ip, ip, EVENT, List.of(items), "guest@example.com", "Grace Hopper");
  }

  static CheckoutCommand.Item item(String type, int quantity) {
    return new CheckoutCommand.Item(type, quantity);
  }

  TicketType type(String id) {
    return catalog.type(EVENT, id).orElseThrow();
  }

  /**
   * The refusal thrown, which must be a domain refusal (no HTTP in the domain), as the edge's one
   * mapper answers it, so the assertions read the stable codes clients see.
   */
  static ApiException refused(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("a refusal").isInstanceOf(CheckoutRefusal.class);
    return Refusals.toApi((CheckoutRefusal) thrown).orElseThrow();
  }

  /** The refusal's stable error code. */
  static String refusal(ThrowingCallable call) {
    return refused(call).code();
  }

  void assertNothingHeld() {
    assertThat(type("general").held()).isZero();
    assertThat(type("general").available()).isEqualTo(100);
    assertThat(type("vip").held()).isZero();
    assertThat(type("vip").available()).isEqualTo(2);
  }

  @Test
  void aCheckoutHoldsItsSeatsStoresAPendingOrderAndOpensOneSessionForIt() {
    CheckoutReceipt receipt = service.checkout(signedIn("buyer-1", item("general", 2), item("vip", 1)));

    assertThat(receipt.status()).isEqualTo("pending");
    assertThat(receipt.amountTotal()).isEqualTo(2 * 2500 + 9000);
    assertThat(receipt.currency()).isEqualTo("eur");
    assertThat(receipt.accessToken()).as("signed-in buyers own orders by subject").isNull();
    assertThat(type("general").held()).isEqualTo(2);
    assertThat(type("general").available()).isEqualTo(98);
    assertThat(type("vip").available()).isEqualTo(1);

    Order order = orders.find(receipt.orderId()).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.buyerId()).isEqualTo("buyer-1");
    assertThat(order.ticketCount()).isEqualTo(3);
    assertThat(order.checkoutSessionId()).isEqualTo(payments.sessions().get(0).id());
    assertThat(receipt.checkoutUrl()).isEqualTo(payments.sessions().get(0).url());
    assertThat(order.holdExpiresAt()).isEqualTo(receipt.expiresAt());
    assertThat(order.releaseAfter()).isEqualTo(receipt.expiresAt().plus(CheckoutService.SWEEP_GRACE));

    CheckoutSessionRequest asked = payments.requests().get(0);
    assertThat(asked.idempotencyKey()).isEqualTo(CheckoutSessionRequest.idempotencyKeyFor(receipt.orderId()));
    assertThat(asked.expiresAt()).isEqualTo(receipt.expiresAt());
    assertThat(asked.expiresAt()).isAfterOrEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(asked.lines()).extracting(CheckoutSessionRequest.Line::unitAmount).containsExactly(2500L, 9000L);
    assertThat(asked.successUrl()).isEqualTo("https://shop.example/ok?s={CHECKOUT_SESSION_ID}");
  }

  @Test
  void aGuestGetsAnAccessTokenOfWhichOnlyTheHashIsKept() {
    CheckoutReceipt receipt = service.checkout(guest("203.0.113.9", item("general", 1)));
    assertThat(receipt.accessToken()).isNotBlank();
    Order order = orders.find(receipt.orderId()).orElseThrow();
    assertThat(order.buyerId()).isNull();
    assertThat(order.accessTokenHash()).isEqualTo(Sha256.hex(receipt.accessToken())).isNotEqualTo(receipt.accessToken());
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsCountedHeldOrAsked() {
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 0))))).isEqualTo("validation_failed");
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 1), item("general", 1)))))
        .isEqualTo("validation_failed");
    assertThat(refusal(() -> service.checkout(new CheckoutCommand("b", null, "1.2.3.4", EVENT,
        List.of(item("general", 1)), "not-an-email", "Ada")))).isEqualTo("validation_failed");
    assertThat(limiter.totalUsed()).isZero();
    assertThat(refusal(() -> service.checkout(signedIn("b", item("nope", 1))))).isEqualTo("validation_failed");
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 11))))).as("over maxPerOrder")
        .isEqualTo("validation_failed");
    assertNothingHeld();
    assertThat(orders.all()).isEmpty();
    assertThat(payments.requests()).isEmpty();
  }

  @Test
  void moreSeatsThanAreLeftIsSoldOutAndHoldsNothing() {
    service.checkout(signedIn("b1", item("vip", 2)));
    ApiException soldOut = refused(() -> service.checkout(signedIn("b2", item("general", 1), item("vip", 1))));
    assertThat(soldOut.code()).isEqualTo("sold_out");
    assertThat(soldOut.fields()).containsEntry("vip", "0 left").containsEntry("general", "100 left");
    assertThat(type("general").held()).as("all or nothing").isZero();
    assertThat(orders.all()).hasSize(1);
    assertThat(payments.requests()).hasSize(1);
  }

  @Test
  void anEventNotOnSaleSellsNothing() {
    catalog.put(new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), null, "eur", EventStatus.CANCELLED));
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 1))))).isEqualTo("event_not_on_sale");
    catalog.put(new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(90)), null, "eur", EventStatus.ON_SALE));
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 1))))).as("too long to carry codes")
        .isEqualTo("event_not_on_sale");
    assertThat(refusal(() -> service.checkout(new CheckoutCommand("b", null, "1.2.3.4", "evt-none",
        List.of(item("general", 1)), "ada@example.com", "Ada")))).isEqualTo("validation_failed");
    assertNothingHeld();
    assertThat(payments.requests()).isEmpty();
  }

  @Test
  void whenTheProviderFailsTheOrderIsCancelledAndItsSeatsGoBack() {
    payments.unavailableNext();
    assertThat(refusal(() -> service.checkout(signedIn("b", item("general", 3))))).isEqualTo("payment_provider_unavailable");
    payments.rejectNext();
    assertThat(refusal(() -> service.checkout(signedIn("b", item("vip", 1))))).isEqualTo("payment_provider_rejected");
    assertNothingHeld();
    assertThat(orders.all()).hasSize(2).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
    assertThat(payments.sessions()).isEmpty();
  }

  @Test
  void anOpenCircuitRefusesAtOnceWithoutHoldingOrCalling() {
    for (int i = 0; i < 5; i++) {
      payments.unavailableNext();
      String buyer = "b" + i;
      refusal(() -> service.checkout(signedIn(buyer, item("general", 1))));
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    int asked = payments.requests().size();
    assertThat(refusal(() -> service.checkout(signedIn("b9", item("general", 1))))).isEqualTo("payment_provider_unavailable");
    assertThat(payments.requests()).hasSize(asked);
    assertThat(orders.all()).hasSize(5);
    assertNothingHeld();

    clock.advance(Duration.ofSeconds(31));
    assertThat(service.checkout(signedIn("b9", item("general", 1))).status()).as("the trial call closes it")
        .isEqualTo("pending");
  }

  @Test
  void aBuyerOverTheHourlyLimitIsRefusedUntilTheNextWindow() {
    for (int i = 0; i < 10; i++) {
      service.checkout(signedIn("busy", item("general", 1)));
    }
    assertThat(refusal(() -> service.checkout(signedIn("busy", item("general", 1))))).isEqualTo("rate_limited");
    assertThat(type("general").held()).isEqualTo(10);
    assertThat(service.checkout(signedIn("someone-else", item("general", 1))).status()).isEqualTo("pending");
    clock.advance(Duration.ofHours(1));
    assertThat(service.checkout(signedIn("busy", item("general", 1))).status()).isEqualTo("pending");
  }

  @Test
  void guestsAreLimitedByEmailAddressAcrossAddressesOfOneIp() {
    for (int i = 0; i < 10; i++) {
      service.checkout(guest("203.0.113." + i, item("general", 1)));
    }
    assertThat(refusal(() -> service.checkout(guest("203.0.113.99", item("general", 1))))).isEqualTo("rate_limited");
  }
}
