package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
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
 * A ticket type's own sales window, as {@link CheckoutService} enforces it: open from
 * {@code salesOpenAt} (that instant included) up to {@code salesCloseAt} (that instant excluded),
 * inside the event's window, and nothing held or asked of the provider for a type outside it.
 */
@Tag("fast")
class TicketTypeSalesWindowTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final Instant EARLY_BIRD_CLOSES = NOW.plus(Duration.ofDays(7));
  static final Instant LATE_OPENS = NOW.plus(Duration.ofDays(3));
  static final String EVENT = "evt-1";
  static final Duration ONE_INSTANT = Duration.ofNanos(1);

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final InMemoryOrderStore orders = new InMemoryOrderStore(catalog);
  final InMemoryPaymentGateway payments = new InMemoryPaymentGateway();
  final CheckoutService service = new CheckoutService(catalog, orders, payments,
      CircuitBreaker.forPaymentProvider(clock), new InMemoryRateLimiter(clock),
      new CheckoutSettings("https://shop.example/ok", "https://shop.example/cancel", Duration.ofMinutes(30), 1000,
          1000, 1000), clock);

  TicketTypeSalesWindowTest() {
    catalog.put(event(null));
    catalog.put(new TicketType(EVENT, "early", "Early bird", 1500, "eur", 100, 0, 0, 100, 10, null, EARLY_BIRD_CLOSES));
    catalog.put(new TicketType(EVENT, "late", "Late", 3000, "eur", 100, 0, 0, 100, 10, LATE_OPENS, null));
    catalog.type(EVENT, "general", "General admission", 2500, "eur", 100, 10);
  }

  static CatalogEvent event(Instant salesOpenAt) {
    return new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), NOW.plus(Duration.ofDays(30)), "eur",
        EventStatus.ON_SALE, salesOpenAt);
  }

  static CheckoutCommand order(CheckoutCommand.Item... items) {
    return new CheckoutCommand("buyer-1", null, "198.51.100.7", EVENT, List.of(items), "ada@example.com", "Ada");
  }

  static CheckoutCommand.Item item(String type, int quantity) {
    return new CheckoutCommand.Item(type, quantity);
  }

  static ApiException refused(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("a domain refusal").isInstanceOf(CheckoutRefusal.class);
    return Refusals.toApi((CheckoutRefusal) thrown).orElseThrow();
  }

  int held(String type) {
    return catalog.type(EVENT, type).orElseThrow().held();
  }

  @Test
  void aTypeSellsFromTheInstantItsSalesOpenButNotOneInstantBefore() {
    clock.set(LATE_OPENS.minus(ONE_INSTANT));
    ApiException early = refused(() -> service.checkout(order(item("late", 2))));
    assertThat(early.code()).isEqualTo("ticket_type_not_on_sale");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.fields()).containsExactly(java.util.Map.entry("late", "on sale from " + LATE_OPENS));
    assertThat(held("late")).isZero();
    assertThat(payments.requests()).isEmpty();

    clock.set(LATE_OPENS);
    service.checkout(order(item("late", 2)));
    assertThat(held("late")).isEqualTo(2);
  }

  @Test
  void aTypeSellsUntilOneInstantBeforeItsSalesCloseAndNotAtTheClose() {
    clock.set(EARLY_BIRD_CLOSES.minus(ONE_INSTANT));
    service.checkout(order(item("early", 1)));
    assertThat(held("early")).isEqualTo(1);

    clock.set(EARLY_BIRD_CLOSES);
    ApiException closed = refused(() -> service.checkout(order(item("early", 1))));
    assertThat(closed.code()).isEqualTo("ticket_type_not_on_sale");
    assertThat(closed.fields()).containsExactly(java.util.Map.entry("early", "sales closed at " + EARLY_BIRD_CLOSES));
    assertThat(held("early")).as("nothing more held").isEqualTo(1);
    assertThat(payments.requests()).hasSize(1);
  }

  @Test
  void anOrderWithOneTypeOutsideItsWindowHoldsNothingOfTheOthers() {
    clock.set(EARLY_BIRD_CLOSES);
    ApiException refusal = refused(() -> service.checkout(order(item("general", 2), item("early", 1), item("late", 1))));

    assertThat(refusal.code()).isEqualTo("ticket_type_not_on_sale");
    assertThat(refusal.fields()).as("only the type outside its window is named").containsOnlyKeys("early");
    assertThat(held("general")).isZero();
    assertThat(held("late")).isZero();
    assertThat(orders.all()).isEmpty();
  }

  @Test
  void aMalformedItemIsReportedBeforeAWindowRefusal() {
    clock.set(EARLY_BIRD_CLOSES);
    assertThat(refused(() -> service.checkout(order(item("early", 1), item("nope", 1)))).code())
        .isEqualTo("validation_failed");
  }

  @Test
  void theEventsOwnOpeningIsEnforcedToo() {
    catalog.put(event(LATE_OPENS));
    clock.set(LATE_OPENS.minus(ONE_INSTANT));
    assertThat(refused(() -> service.checkout(order(item("general", 1)))).code()).isEqualTo("event_not_on_sale");

    clock.set(LATE_OPENS);
    service.checkout(order(item("general", 1)));
    assertThat(held("general")).isEqualTo(1);
  }

  @Test
  void aRefusalBeforeTheOpeningIsNotKeptForReplayBecauseTheSameRequestSellsLater() {
    assertThat(ErrorCode.TICKET_TYPE_NOT_ON_SALE.finalAnswer()).isFalse();
    assertThat(ErrorCode.TICKET_TYPE_NOT_ON_SALE.retryable()).isFalse();
    clock.set(LATE_OPENS.minus(ONE_INSTANT));
    var thrown = (CheckoutRefusal) catchThrowable(() -> service.checkout(order(item("late", 1))));
    assertThat(thrown.transientRefusal()).isTrue();
    clock.set(EARLY_BIRD_CLOSES);
    thrown = (CheckoutRefusal) catchThrowable(() -> service.checkout(order(item("early", 1))));
    assertThat(thrown.transientRefusal()).isFalse();
  }
}
