package com.boxoffice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Secrets Manager stand-in for tests: answers {@code GetSecretValue} (and a plain
 * {@code PutSecretValue}: it keeps no versions or staging labels, so the organizer's key rotation,
 * a compare-and-set on those, is tested on moto) over the SDK's JSON protocol on a free 127.0.0.1 port, from values the test puts, and can
 * be told to fail the next requests (a 500, a throttle, an {@code AccessDeniedException}) to show
 * what a function does when its secrets cannot be read.
 */
public final class LocalSecretsManager implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

  private final HttpServer server;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus;
  private volatile String failureType;

  private LocalSecretsManager(HttpServer server) {
    this.server = server;
  }

  public static LocalSecretsManager start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      LocalSecretsManager stub = new LocalSecretsManager(server);
      server.createContext("/", stub::answer);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Secrets Manager stand-in", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The ARN a secret of this name would have (with the random suffix Secrets Manager adds). */
  public static String arnOf(String name) {
    return ARN_PREFIX + name + "-AbCdEf";
  }

  /** Sets (or replaces) the current value of the secret {@code name}; returns its ARN. */
  public String put(String name, String value) {
    values.put(name, value);
    return arnOf(name);
  }

  /** The current value of the secret {@code name} (as put here or by a {@code PutSecretValue}), or null. */
  public String value(String name) {
    return values.get(name);
  }

  public void remove(String name) {
    values.remove(name);
  }

  /** The next {@code count} requests fail with this HTTP status and error type. */
  public void failNext(int count, int status, String errorType) {
    this.failureStatus = status;
    this.failureType = errorType;
    failuresLeft.set(count);
  }

  /** How many requests arrived ({@code GetSecretValue}, and {@code PutSecretValue}), failed ones included. */
  public int requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, failureStatus, Map.of("__type", failureType, "message", "injected failure"));
        return;
      }
      String id = body.path("SecretId").asText();
      String name = id.startsWith(ARN_PREFIX) ? id.substring(ARN_PREFIX.length()).replaceFirst("-AbCdEf$", "") : id;
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target != null && target.endsWith(".PutSecretValue")) {
        if (!values.containsKey(name)) {
          send(exchange, 400, Map.of("__type", "ResourceNotFoundException",
              "message", "Secrets Manager can't find the specified secret."));
          return;
        }
        values.put(name, body.path("SecretString").asText());
        send(exchange, 200, Map.of("ARN", arnOf(name), "Name", name, "VersionId", "v" + System.nanoTime(),
            "VersionStages", java.util.List.of("AWSCURRENT")));
        return;
      }
      String value = values.get(name);
      if (value == null) {
        send(exchange, 400, Map.of("__type", "ResourceNotFoundException",
            "message", "Secrets Manager can't find the specified secret."));
        return;
      }
      send(exchange, 200, Map.of("ARN", arnOf(name), "Name", name, "SecretString", value,
          "VersionId", "v1", "VersionStages", java.util.List.of("AWSCURRENT"), "CreatedDate", 1.7e9));
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", "local-" + System.nanoTime());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
