package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.boxoffice.shared.domain.catalog.CatalogCache;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.http.Refusals;
import com.boxoffice.shared.port.out.Catalog;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryCatalog;
import com.boxoffice.shared.testing.memory.InMemoryOrderStore;
import com.boxoffice.shared.testing.memory.InMemoryPaymentGateway;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checkout as the function wires it, with its catalog kept for {@link CatalogCache#DEFAULT_TTL} and
 * its sold-out answers repeated for {@link SoldOutHints#DEFAULT_HINT}, on in-memory ports that
 * count what checkout asks of them (catalog reads, holds tried in the store), with a clock the
 * test moves: what is read again and when, which changes wait for the cache and which never do.
 */
@Tag("fast")
class CheckoutCachingTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final String EVENT = "evt-1";
  static final Duration TTL = CatalogCache.DEFAULT_TTL;
  static final Duration HINT = SoldOutHints.DEFAULT_HINT;

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final CountingCatalog catalogReads = new CountingCatalog(catalog);
  final InMemoryOrderStore store = new InMemoryOrderStore(catalog);
  final InMemoryPaymentGateway payments = new InMemoryPaymentGateway();
  final CheckoutService service = new CheckoutService(new CatalogCache(catalogReads, clock, TTL),
      new SoldOutHints(store, clock, HINT), payments, CircuitBreaker.forPaymentProvider(clock),
      new InMemoryRateLimiter(clock), new CheckoutSettings("https://shop.example/ok", "https://shop.example/cancel",
          Duration.ofMinutes(30), 1000, 1000, 1000), clock);

  CheckoutCachingTest() {
    catalog.put(event(EventStatus.ON_SALE, null));
    catalog.type(EVENT, "general", "General admission", 2500, "eur", 100, 10);
    catalog.type(EVENT, "vip", "VIP", 9000, "eur", 2, 2);
  }

  static CatalogEvent event(EventStatus status, Instant salesCloseAt) {
    Instant starts = NOW.plus(Duration.ofDays(30));
    return new CatalogEvent(EVENT, "Test night", "Hall", starts, starts.plus(Duration.ofHours(4)),
        salesCloseAt == null ? starts : salesCloseAt, "eur", status);
  }

  static CheckoutCommand order(String buyer, String type, int quantity) {
    return new CheckoutCommand(buyer, null, "198.51.100.7", EVENT, List.of(new CheckoutCommand.Item(type, quantity)),
        "ada@example.com", "Ada Lovelace");
  }

  static String refusal(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).as("a refusal").isInstanceOf(CheckoutRefusal.class);
    return Refusals.toApi((CheckoutRefusal) thrown).orElseThrow().code();
  }

  @Test
  void theEventAndItsTypesAreReadOncePerTtlAndAgainOnceItHasPassed() {
    service.checkout(order("b1", "general", 1));
    clock.advance(TTL.minusMillis(1));
    service.checkout(order("b2", "general", 1));
    assertThat(catalogReads.events.get()).isEqualTo(1);
    assertThat(catalogReads.types.get()).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    service.checkout(order("b3", "general", 1));

    assertThat(catalogReads.events.get()).isEqualTo(2);
    assertThat(catalogReads.types.get()).isEqualTo(2);
    assertThat(catalog.type(EVENT, "general").orElseThrow().held()).as("every checkout held its seat").isEqualTo(3);
  }

  @Test
  void aPauseWithinTheTtlStillSellsAsDocumentedAndStopsSalesOnceItHasPassed() {
    service.checkout(order("b1", "general", 1));
    catalog.put(event(EventStatus.PAUSED, null));

    clock.advance(TTL.minusMillis(1));
    service.checkout(order("b2", "general", 1));
    assertThat(store.all()).as("sold from the cached read, up to the TTL after the pause").hasSize(2);

    clock.advance(Duration.ofMillis(1));
    assertThat(refusal(() -> service.checkout(order("b3", "general", 1)))).isEqualTo("event_not_on_sale");
    assertThat(store.all()).hasSize(2);
  }

  @Test
  void aPriceChangeAppliesToCheckoutsFromOneTtlAfterIt() {
    service.checkout(order("b1", "general", 1));
    TicketType general = catalog.type(EVENT, "general").orElseThrow();
    catalog.put(new TicketType(EVENT, "general", general.name(), 3000, "eur", general.capacity(), general.held(),
        general.sold(), general.available(), general.maxPerOrder()));

    service.checkout(order("b2", "general", 1));
    clock.advance(TTL);
    service.checkout(order("b3", "general", 1));

    assertThat(store.all()).extracting(o -> o.lines().get(0).unitPrice()).containsExactly(2500L, 2500L, 3000L);
  }

  @Test
  void salesCloseExactlyAtTheCachedInstantWhateverTheTtl() {
    Instant closes = NOW.plusSeconds(1);
    catalog.put(event(EventStatus.ON_SALE, closes));
    service.checkout(order("b1", "general", 1));

    clock.set(closes);

    assertThat(refusal(() -> service.checkout(order("b2", "general", 1)))).isEqualTo("event_not_on_sale");
    assertThat(catalogReads.events.get()).as("decided on the cached read").isEqualTo(1);
  }

  @Test
  void whileTheHintHoldsASoldOutTypeIsRefusedWithoutAskingTheStore() {
    service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("the first refusal came from the store").isEqualTo(2);

    clock.advance(HINT.minusMillis(1));
    Throwable again = catchThrowable(() -> service.checkout(order("b3", "vip", 1)));

    assertThat(again).isInstanceOf(SoldOutException.class);
    assertThat(((SoldOutException) again).available()).isEqualTo(Map.of("vip", 0));
    assertThat(store.holdsTried()).as("no hold tried while the hint holds").isEqualTo(2);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void seatsReturnedElsewhereAfterASellOutAreSoldOnceTheHintHasExpired() {
    CheckoutReceipt first = service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    // The sweep or the webhook releases the hold in another container: this one's hint does not know.
    store.endUnpaid(store.find(first.orderId()).orElseThrow(), OrderStatus.EXPIRED, clock.instant());

    clock.advance(HINT.minusMillis(1));
    assertThat(refusal(() -> service.checkout(order("b3", "vip", 1)))).as("within the documented staleness")
        .isEqualTo("sold_out");
    clock.advance(Duration.ofMillis(1));
    service.checkout(order("b4", "vip", 1));

    assertThat(catalog.type(EVENT, "vip").orElseThrow().held()).isEqualTo(1);
  }

  @Test
  void whileATypeStaysSoldOutEachConfirmedHintIsTwiceTheLastUpToItsCeiling() {
    service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    int asked = store.holdsTried();
    assertThat(SoldOutHints.GROWTH).isEqualTo(8);
    for (Duration length : List.of(HINT, HINT.multipliedBy(2), HINT.multipliedBy(4), HINT.multipliedBy(8),
        HINT.multipliedBy(8), HINT.multipliedBy(8))) {
      clock.advance(length.minusMillis(1));
      assertThat(refusal(() -> service.checkout(order("b3", "vip", 1)))).isEqualTo("sold_out");
      assertThat(store.holdsTried()).as("within a hint of %s", length).isEqualTo(asked);
      clock.advance(Duration.ofMillis(1));
      assertThat(refusal(() -> service.checkout(order("b4", "vip", 1)))).isEqualTo("sold_out");
      assertThat(store.holdsTried()).as("the store is asked once the hint of %s ran out", length).isEqualTo(++asked);
    }
  }

  @Test
  void aRefusalBecauseOfAnotherTypeOfTheOrderLeavesARunningHintAsItIs() {
    service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    CheckoutCommand both = new CheckoutCommand("b3", null, "198.51.100.7", EVENT,
        List.of(new CheckoutCommand.Item("vip", 1), new CheckoutCommand.Item("general", 1)), "ada@example.com", "Ada");
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMillis(10));
      // "general" is not remembered, so each of these goes to the store, which refuses for "vip".
      assertThat(refusal(() -> service.checkout(both))).isEqualTo("sold_out");
    }
    int asked = store.holdsTried();

    clock.advance(HINT.minusMillis(40));
    assertThat(refusal(() -> service.checkout(order("b4", "vip", 1)))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("the first hint ran out when it was due, not grown").isEqualTo(asked + 1);
  }

  @Test
  void aSellOutLongAfterTheLastHintStartsFromTheSettingAgain() {
    service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b3", "vip", 1)))).as("grown to twice").isEqualTo("sold_out");

    clock.advance(Duration.ofDays(1));
    assertThat(refusal(() -> service.checkout(order("b4", "vip", 1)))).isEqualTo("sold_out");
    int asked = store.holdsTried();
    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b5", "vip", 1)))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("a day later the hint is the setting").isEqualTo(asked + 1);
  }

  @Test
  void seatsReturnedDuringAGrownHintAreSoldWhenItRunsOutAndTheNextSellOutStartsFromTheSetting() {
    CheckoutReceipt first = service.checkout(order("b1", "vip", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 1)))).isEqualTo("sold_out");
    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b3", "vip", 1)))).as("confirmed: the hint is now twice as long")
        .isEqualTo("sold_out");
    store.endUnpaid(store.find(first.orderId()).orElseThrow(), OrderStatus.EXPIRED, clock.instant());

    clock.advance(HINT.multipliedBy(2).minusMillis(1));
    assertThat(refusal(() -> service.checkout(order("b4", "vip", 1)))).as("within the grown hint").isEqualTo("sold_out");
    clock.advance(Duration.ofMillis(1));
    service.checkout(order("b5", "vip", 2));
    int asked = store.holdsTried();

    assertThat(refusal(() -> service.checkout(order("b6", "vip", 1)))).isEqualTo("sold_out");
    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b7", "vip", 1)))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("a sale in between: the new sell-out's first hint is the setting again")
        .isEqualTo(asked + 2);
  }

  @Test
  void aHintDoesNotGrowWhenTheSeatsLeftChangedSinceTheLastOne() {
    catalog.type(EVENT, "small", "Small", 1000, "eur", 3, 3);
    service.checkout(order("b1", "small", 2));
    assertThat(refusal(() -> service.checkout(order("b2", "small", 2)))).as("one seat left").isEqualTo("sold_out");
    // Another container sells the last seat; this one's hint still says one is left.
    store.placeHold(pendingOrder("ord-elsewhere", "small", 1));
    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b3", "small", 2)))).as("none left now").isEqualTo("sold_out");
    int asked = store.holdsTried();

    clock.advance(HINT);
    assertThat(refusal(() -> service.checkout(order("b4", "small", 2)))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("a new sold-out state: the hint is the setting, not twice the last")
        .isEqualTo(asked + 1);
  }

  @Test
  void seatsThisContainerReleasesAreSoldAgainAtOnce() {
    var hints = new SoldOutHints(store, clock, HINT);
    Order held = pendingOrder("ord-1", "vip", 2);
    hints.placeHold(held);
    catchThrowable(() -> hints.placeHold(pendingOrder("ord-2", "vip", 1)));
    assertThat(hints.endUnpaid(held, OrderStatus.CANCELLED, clock.instant())).isTrue();

    hints.placeHold(pendingOrder("ord-3", "vip", 1));

    assertThat(catalog.type(EVENT, "vip").orElseThrow().held()).isEqualTo(1);
  }

  @Test
  void aHintOnlyRefusesOrdersItKnowsAreShortAndAsksTheStoreForTheRest() {
    service.checkout(order("b1", "vip", 1));
    assertThat(refusal(() -> service.checkout(order("b2", "vip", 2)))).isEqualTo("sold_out");
    int asked = store.holdsTried();

    service.checkout(order("b3", "vip", 1));
    assertThat(store.holdsTried()).as("one seat was left, so one seat is asked for").isEqualTo(asked + 1);
    assertThat(refusal(() -> service.checkout(new CheckoutCommand("b4", null, "198.51.100.7", EVENT,
        List.of(new CheckoutCommand.Item("general", 1), new CheckoutCommand.Item("vip", 1)), "ada@example.com",
        "Ada")))).isEqualTo("sold_out");
    assertThat(store.holdsTried()).as("a type it does not remember sends the order to the store").isEqualTo(asked + 2);
  }

  @Test
  void zeroDurationsReadAndAskEveryTime() {
    var uncached = new CheckoutService(new CatalogCache(catalogReads, clock, CheckoutCaching.OFF.catalogTtl()),
        new SoldOutHints(store, clock, CheckoutCaching.OFF.soldOutHint()), payments,
        CircuitBreaker.forPaymentProvider(clock), new InMemoryRateLimiter(clock), new CheckoutSettings(
            "https://shop.example/ok", "https://shop.example/cancel", Duration.ofMinutes(30), 1000, 1000, 1000), clock);
    uncached.checkout(order("b1", "vip", 2));
    catchThrowable(() -> uncached.checkout(order("b2", "vip", 1)));
    catchThrowable(() -> uncached.checkout(order("b3", "vip", 1)));

    assertThat(catalogReads.events.get()).isEqualTo(3);
    assertThat(store.holdsTried()).isEqualTo(3);
  }

  Order pendingOrder(String orderId, String type, int quantity) {
    Instant at = clock.instant();
    return new Order(orderId, OrderStatus.PENDING, EVENT, "Test night", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), "b", null, "ada@example.com", "Ada",
        List.of(new OrderLine(type, type, quantity, 9000)), 9000L * quantity, "eur", at,
        at.plus(Duration.ofMinutes(31)), at.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0);
  }

  /** The catalog port, counting what checkout reads. */
  static final class CountingCatalog implements Catalog {
    final Catalog catalog;
    final AtomicInteger events = new AtomicInteger();
    final AtomicInteger types = new AtomicInteger();

    CountingCatalog(Catalog catalog) {
      this.catalog = catalog;
    }

    @Override
    public Optional<CatalogEvent> event(String eventId) {
      events.incrementAndGet();
      return catalog.event(eventId);
    }

    @Override
    public List<TicketType> ticketTypes(String eventId) {
      types.incrementAndGet();
      return catalog.ticketTypes(eventId);
    }
  }
}
