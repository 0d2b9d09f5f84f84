package com.boxoffice.checkout;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.adapter.dynamo.DynamoTableProbe;
import com.boxoffice.shared.adapter.dynamo.DynamoTicketCodeSettings;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.catalog.CatalogCache;
import com.boxoffice.shared.domain.order.CheckoutCaching;
import com.boxoffice.shared.domain.order.CheckoutService;
import com.boxoffice.shared.domain.order.SoldOutHints;
import com.boxoffice.shared.domain.order.CheckoutSettings;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.http.HealthRoute;
import com.boxoffice.shared.metrics.EmfCheckoutMetrics;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.port.out.Catalog;
import com.boxoffice.shared.port.out.CheckoutMetrics;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.port.out.RateLimiter;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The checkout function's composition root: reads and validates the whole configuration, builds
 * every client and adapter once per container, and hands them to {@link CheckoutApi}. The routes
 * know nothing of environment variables; this class decides nothing about requests.
 */
final class CheckoutWiring {
  static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);
  static final String FUNCTION = "checkout";
  static final String CATALOG_CACHE_SETTING = "CHECKOUT_CATALOG_CACHE_SECONDS";
  static final String SOLD_OUT_HINT_SETTING = "CHECKOUT_SOLD_OUT_HINT_SECONDS";

  private CheckoutWiring() {}

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
    var service = service(new DynamoCatalog(dynamo, table), orderStore, gateway,
        CircuitBreaker.forPaymentProvider(clock), new DynamoRateLimiter(dynamo, table, clock), settings, caching(env),
        clock, new EmfCheckoutMetrics(new EmfMetrics(System.out, clock), FUNCTION));
    return new CheckoutApi(service, orderStore,
        new DynamoIdempotencyStore(dynamo, idempotencyTable, IDEMPOTENCY_RETENTION), ticketCodes(env, secrets), new DynamoTicketCodeSettings(dynamo, table), clock);
  }

  /**
   * The checkout service as every entry point builds it: the catalog kept in this container for
   * {@code caching.catalogTtl()}, and sold-out answers repeated for {@code caching.soldOutHint()}
   * (docs/architecture.md, "Hot keys"). One per container, like the clients.
   */
  static CheckoutService service(Catalog catalog, OrderStore orders, PaymentGateway gateway, CircuitBreaker breaker,
      RateLimiter limiter, CheckoutSettings settings, CheckoutCaching caching, Clock clock, CheckoutMetrics metrics) {
    return new CheckoutService(new CatalogCache(catalog, clock, caching.catalogTtl()),
        new SoldOutHints(orders, clock, caching.soldOutHint()), gateway, breaker, limiter, settings, clock, metrics);
  }

  /** {@code CHECKOUT_CATALOG_CACHE_SECONDS} (0-60) and {@code CHECKOUT_SOLD_OUT_HINT_SECONDS} (0-10). */
  static CheckoutCaching caching(Env env) {
    return new CheckoutCaching(
        Duration.ofSeconds(env.intValue(CATALOG_CACHE_SETTING, (int) CheckoutCaching.DEFAULT.catalogTtl().toSeconds(), 0, 60)),
        Duration.ofSeconds(env.intValue(SOLD_OUT_HINT_SETTING, (int) CheckoutCaching.DEFAULT.soldOutHint().toSeconds(), 0, 10)));
  }

  /**
   * The health route: the version deployed and a probe of the main table, which needs only
   * {@code TABLE_NAME} and the AWS settings, never a secret, so it answers when the rest of the
   * configuration does not. Its client is built on the first health request, not at init.
   */
  static HealthRoute health(Env env) {
    return new HealthRoute(HealthRoute.version(env),
        () -> new DynamoTableProbe(new AwsClients(env).dynamo(), env.required("TABLE_NAME")));
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
}
