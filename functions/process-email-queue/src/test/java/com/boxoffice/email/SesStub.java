package com.boxoffice.email;

import com.boxoffice.shared.domain.email.MimeMessageWriter;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP stand-in for the SES v2 {@code SendEmail} endpoint, on 127.0.0.1, for the failures the
 * emulator cannot produce: it answers a share of the attempts with 429 {@code
 * TooManyRequestsException} (at most {@code maxThrottlesPerJob} per job, from a fixed seed) or a
 * fixed status for every attempt, and records every attempt with its time and job id.
 */
final class SesStub implements AutoCloseable {
  record Attempt(long nanos, String jobId, int status) {}

  private final HttpServer server;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
  private final Random random = new Random(20261201);
  private volatile double throttleShare;
  private volatile int maxThrottlesPerJob;
  private volatile int fixedStatus;
  private volatile String fixedError = "";

  SesStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  SesStub throttling(double share, int maxPerJob) {
    this.throttleShare = share;
    this.maxThrottlesPerJob = maxPerJob;
    return this;
  }

  /** Every attempt is answered with this status and error type (0 restores success). */
  SesStub failingWith(int status, String errorType) {
    this.fixedStatus = status;
    this.fixedError = errorType;
    return this;
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String jobId = jobId(body);
      int status;
      String error;
      if (fixedStatus != 0) {
        status = fixedStatus;
        error = fixedError;
      } else if (throttle(jobId)) {
        status = 429;
        error = "TooManyRequestsException";
      } else {
        status = 200;
        error = null;
      }
      attempts.add(new Attempt(System.nanoTime(), jobId, status));
      byte[] answer;
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (status == 200) {
        answer = ("{\"MessageId\":\"stub-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
      } else {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", error);
        answer = ("{\"message\":\"" + error + " injected\"}").getBytes(StandardCharsets.UTF_8);
      }
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private synchronized boolean throttle(String jobId) {
    AtomicInteger count = throttles.computeIfAbsent(jobId, k -> new AtomicInteger());
    if (count.get() >= maxThrottlesPerJob || random.nextDouble() >= throttleShare) {
      return false;
    }
    count.incrementAndGet();
    return true;
  }

  private static String jobId(byte[] body) {
    try {
      JsonNode request = Json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class);
      String mime = new String(Base64.getDecoder().decode(request.at("/Content/Raw/Data").asText()),
          StandardCharsets.US_ASCII);
      for (String line : mime.split("\r\n")) {
        if (line.startsWith(MimeMessageWriter.JOB_HEADER + ": ")) {
          return line.substring(MimeMessageWriter.JOB_HEADER.length() + 2);
        }
        if (line.isEmpty()) {
          break;
        }
      }
      return "?";
    } catch (RuntimeException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
