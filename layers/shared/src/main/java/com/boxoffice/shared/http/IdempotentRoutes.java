package com.boxoffice.shared.http;

import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.port.out.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} contract as a decorator any route opts into (the idea of Powertools'
 * {@code IdempotencyHandler}, on our {@link IdempotencyStore}): a request with a key is claimed
 * under {@code <scope>#sha256(caller, key)} in one conditional write that also returns an earlier
 * answer, so a replay costs one round trip. Then:
 *
 * <ul>
 *   <li>a completed request with the same body is answered with its stored answer and
 *       {@code Idempotent-Replayed: true}; another body is 422 {@code idempotency_key_reused};
 *       a request still running is 409 {@code request_in_progress};
 *   <li>only final answers are stored: 2xx, and refusals whose {@link ErrorCode#finalAnswer()}
 *       holds (deterministic 4xx; not {@code sold_out}, 429 or any 5xx). Anything else releases
 *       the key so the client may retry with it at once;
 *   <li>every keyed request gets an {@link Attempt}: a random seed kept (sealed) with the claim.
 *       If the request fails unexpectedly, dies, or its answer cannot be stored, the client's
 *       retry takes over the released or lapsed claim with the same seed
 *       ({@link Attempt#resumed()}), so a route that derives what it creates from the seed finds
 *       it again instead of creating it twice.
 * </ul>
 *
 * Nothing the table holds reveals an answer's secrets: routes may seal parts of the stored body
 * with {@link StoredBodies}, and the seed is sealed under the caller and the key, which the table
 * holds only as a hash.
 */
public final class IdempotentRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotentRoutes.class);

  public static final String HEADER = "Idempotency-Key";
  static final int SEED_BYTES = 32;

  private final IdempotencyStore store;
  private final Clock clock;
  private final Duration inProgressFor;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param inProgressFor longer than the function's timeout, so a crashed request stops blocking
   *     its key soon after
   */
  public IdempotentRoutes(IdempotencyStore store, Clock clock, Duration inProgressFor) {
    this.store = store;
    this.clock = clock;
    this.inProgressFor = inProgressFor;
  }

  /**
   * What a keyed request may build on: {@code seed} is the same for every attempt of one request
   * under one key until an answer is stored; {@code resumed} says an earlier attempt may already
   * have acted on it. Requests without a key get a fresh random seed.
   */
  public record Attempt(byte[] seed, boolean resumed) {
    public Attempt {
      seed = seed.clone();
    }

    @Override
    public byte[] seed() {
      return seed.clone();
    }
  }

  /** A route that takes its {@link Attempt}. */
  @FunctionalInterface
  public interface Endpoint {
    HttpResponse handle(HttpRequest request, Attempt attempt);
  }

  /**
   * Turns an answer body into the text stored under a key and back, e.g. to keep a secret in it
   * out of the table in clear. {@code caller} and {@code key} are known only to whoever sends
   * the request again.
   */
  public interface StoredBodies {
    String seal(String body, String caller, String key);

    String unseal(String stored, String caller, String key);

    StoredBodies AS_IS = new StoredBodies() {
      @Override
      public String seal(String body, String caller, String key) {
        return body;
      }

      @Override
      public String unseal(String stored, String caller, String key) {
        return stored;
      }
    };
  }

  /**
   * One route's idempotency: {@code scope} names it in record ids; {@code caller} says whose key
   * space a request is in (and may refuse the request, e.g. 401, before anything is claimed).
   */
  public record Options(String scope, Function<HttpRequest, String> caller, StoredBodies bodies) {}

  /** {@code endpoint} with the {@code Idempotency-Key} contract in front of it. */
  public Function<HttpRequest, HttpResponse> wrap(Options options, Endpoint endpoint) {
    return request -> handle(options, endpoint, request);
  }

  private HttpResponse handle(Options options, Endpoint endpoint, HttpRequest request) {
    String caller = options.caller().apply(request);
    Optional<String> key = key(request);
    if (key.isEmpty()) {
      return endpoint.handle(request, new Attempt(newSeed(), false));
    }
    String id = options.scope() + "#" + Sha256.hex(caller + "\n" + key.get());
    byte[] seed = newSeed();
    var claim = store.claim(id, Sha256.hex(request.body()), sealSeed(seed, caller, key.get()), clock.instant(),
        inProgressFor);
    boolean resumed = false;
    switch (claim) {
      case IdempotencyStore.Replay replay -> {
        LOG.info("idempotent replay status={}", replay.response().status());
        return new HttpResponse(replay.response().status(),
            Map.of("Content-Type", "application/json", "Idempotent-Replayed", "true"),
            options.bodies().unseal(replay.response().body(), caller, key.get()));
      }
      case IdempotencyStore.Mismatch m -> throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was already used with a different request body.");
      case IdempotencyStore.InProgress p -> throw new ApiException(ErrorCode.REQUEST_IN_PROGRESS,
          "A request with this Idempotency-Key is still being processed; retry shortly.", Map.of(),
          Map.of("Retry-After", "2"));
      case IdempotencyStore.Claimed c -> {
        if (c.previousAttempt().isPresent()) {
          Optional<byte[]> previous = unsealSeed(c.previousAttempt().get(), caller, key.get());
          if (previous.isPresent()) {
            seed = previous.get();
            resumed = true;
            LOG.info("idempotent request resumed after an earlier attempt lapsed");
          }
        }
      }
    }
    HttpResponse response;
    try {
      response = endpoint.handle(request, new Attempt(seed, resumed));
    } catch (RuntimeException e) {
      Optional<ApiException> refusal = Refusals.toApi(e);
      if (refusal.isPresent() && refusal.get().errorCode().finalAnswer()) {
        HttpResponse stored = HttpResponse.error(refusal.get());
        complete(id, stored.status(), stored.body());
      } else {
        release(id);
      }
      throw e;
    }
    if (response.status() >= 200 && response.status() < 300) {
      complete(id, response.status(), options.bodies().seal(response.body(), caller, key.get()));
    } else {
      release(id);
    }
    return response;
  }

  /**
   * Stores the answer. If that fails the client still gets this answer and the claim is given up;
   * a retry resumes the same attempt, so a route that derives its work from the seed finds that
   * work again instead of repeating it.
   */
  private void complete(String id, int status, String body) {
    try {
      store.complete(id, new IdempotencyStore.StoredResponse(status, body), clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("could not store the answer under its idempotency key; a retry resumes this attempt", e);
      release(id);
    }
  }

  private void release(String id) {
    try {
      store.release(id);
    } catch (RuntimeException e) {
      LOG.warn("could not release idempotency record; it lapses after {} s", inProgressFor.toSeconds(), e);
    }
  }

  /** The request's key, if any; a key that is not 1-255 printable ASCII characters is refused. */
  public static Optional<String> key(HttpRequest r) {
    Optional<String> key = r.header(HEADER);
    if (key.isEmpty()) {
      return key;
    }
    String k = key.get();
    boolean printable = !k.isEmpty() && k.length() <= 255 && k.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    if (!printable) {
      throw ApiException.badRequest(ErrorCode.INVALID_IDEMPOTENCY_KEY,
          "Idempotency-Key must be 1-255 printable ASCII characters.", Map.of(HEADER, "1-255 printable ASCII characters"));
    }
    return key;
  }

  private byte[] newSeed() {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  private static String sealSeed(byte[] seed, String caller, String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(xor(seed, pad(caller, key)));
  }

  private static Optional<byte[]> unsealSeed(String sealed, String caller, String key) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(sealed);
      return bytes.length == SEED_BYTES ? Optional.of(xor(bytes, pad(caller, key))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] pad(String caller, String key) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("idempotency-attempt-seed\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] xor(byte[] data, byte[] pad) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (byte) (data[i] ^ pad[i]);
    }
    return out;
  }
}
