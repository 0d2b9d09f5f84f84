package com.boxoffice.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

@Tag("fast")
class JsonLogProviderTest {
  private static final Instant NOW = Instant.parse("2026-03-14T09:26:53.589793Z");

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ThreadMdc mdc = new ThreadMdc();

  private JsonLoggerFactory factory(Level root) {
    return new JsonLoggerFactory(new LogLevels(root, LogLevels.LIBRARIES), Clock.fixed(NOW, ZoneOffset.UTC), mdc,
        new LogOutput(printed));
  }

  private List<String> lines() {
    String all = printed.toString(StandardCharsets.UTF_8);
    assertThat(all).endsWith("\n");
    return List.of(all.split("\n"));
  }

  private static JsonNode json(String line) throws Exception {
    return Json.mapper().readTree(line);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void aLineHasTheFieldsInOrderWithTheMillisecondUtcTimestamp() throws Exception {
    factory(Level.INFO).getLogger("com.boxoffice.checkout.Handler").info("order {} held for {}", "o-1", 5);

    assertThat(lines()).containsExactly("{\"timestamp\":\"2026-03-14T09:26:53.589Z\",\"level\":\"INFO\","
        + "\"message\":\"order o-1 held for 5\",\"logger\":\"com.boxoffice.checkout.Handler\"}");
  }

  @Test
  void theContextIsTheMdcWithItsKeysSorted() throws Exception {
    Logger log = factory(Level.INFO).getLogger("com.boxoffice.door.Scans");
    mdc.put("requestId", "r-9");
    mdc.put("function", "scanner-validate");
    mdc.put("ticketId", "t-3");
    log.warn("refused");
    mdc.clear();
    log.warn("after the request");

    List<String> lines = lines();
    JsonNode first = json(lines.get(0));
    assertThat(fieldNames(first)).containsExactly("timestamp", "level", "message", "logger", "context");
    assertThat(fieldNames(first.get("context"))).containsExactly("function", "requestId", "ticketId");
    assertThat(first.get("context").get("ticketId").asText()).isEqualTo("t-3");
    assertThat(fieldNames(json(lines.get(1)))).as("no context once cleared")
        .containsExactly("timestamp", "level", "message", "logger");
  }

  @Test
  void quotesNewlinesControlCharactersAndUnicodeStayOneValidLine() throws Exception {
    String message = "say \"hi\"\\ then\nnext\r\tline \u0000\u0001\u001f\u007f caf\u00e9 \u2603 \uD83C\uDFAB \u2028";
    Logger log = factory(Level.INFO).getLogger("x");
    mdc.put("we\"ird", "va\nlue");
    log.info(message);

    List<String> lines = lines();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\r").doesNotContain("\t").doesNotContain("\u0000")
        .contains("\\u0000\\u0001\\u001f").contains("\\n").contains("caf\u00e9");
    JsonNode line = json(lines.get(0));
    assertThat(line.get("message").asText()).isEqualTo(message);
    assertThat(line.get("context").get("we\"ird").asText()).isEqualTo("va\nlue");
  }

  @Test
  void anExceptionWithItsCauseBecomesTheErrorObject() throws Exception {
    IllegalStateException error = new IllegalStateException("store \"down\"",
        new java.io.IOException("connection reset"));
    factory(Level.INFO).getLogger("com.boxoffice.Worker").error("job {} failed", "j-1", error);
    factory(Level.INFO).getLogger("com.boxoffice.Worker").error("no message", new NullPointerException());

    List<String> lines = lines();
    JsonNode line = json(lines.get(0));
    assertThat(fieldNames(line)).containsExactly("timestamp", "level", "message", "logger", "error");
    assertThat(line.get("message").asText()).isEqualTo("job j-1 failed");
    assertThat(fieldNames(line.get("error"))).containsExactly("type", "message", "stack");
    assertThat(line.get("error").get("type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("error").get("message").asText()).isEqualTo("store \"down\"");
    String stack = line.get("error").get("stack").asText();
    assertThat(stack).startsWith("java.lang.IllegalStateException: store \"down\"\n\tat ")
        .contains("Caused by: java.io.IOException: connection reset")
        .contains(JsonLogProviderTest.class.getName());
    assertThat(fieldNames(json(lines.get(1)).get("error"))).containsExactly("type", "stack");
  }

  @Test
  void eachLoggerWritesFromTheLevelOfItsLongestMatchingPrefix() {
    JsonLoggerFactory factory = factory(Level.DEBUG);
    assertThat(factory.getLogger("com.boxoffice.A").isDebugEnabled()).isTrue();
    assertThat(factory.getLogger("com.boxoffice.A").isTraceEnabled()).isFalse();
    assertThat(factory.getLogger("software.amazon.awssdk.request").isInfoEnabled()).isFalse();
    assertThat(factory.getLogger("software.amazon.awssdk").isWarnEnabled()).isTrue();
    assertThat(factory.getLogger("software.amazon.awssdkx.Other").isDebugEnabled())
        .as("a prefix matches up to a dot only").isTrue();
    assertThat(factory.getLogger("com.amazonaws.services.dynamodbv2.local.Server").isWarnEnabled()).isFalse();
    assertThat(factory.getLogger("com.amazonaws.services.dynamodbv2.local.Server").isErrorEnabled()).isTrue();
    assertThat(factory.getLogger("org.apache.pekko.actor").isInfoEnabled()).isFalse();

    LogLevels nested = new LogLevels(Level.INFO, List.of(new LogLevels.LoggerLevel("a", Level.ERROR),
        new LogLevels.LoggerLevel("a.b", Level.DEBUG)));
    assertThat(nested.threshold("a.b.C")).isEqualTo(Level.DEBUG);
    assertThat(nested.threshold("a.c")).isEqualTo(Level.ERROR);
    assertThat(nested.threshold("b")).isEqualTo(Level.INFO);

    factory.getLogger("org.eclipse.jetty.server").info("hidden");
    factory.getLogger("org.eclipse.jetty.server").warn("shown");
    factory.getLogger("com.boxoffice.A").trace("hidden");
    factory.getLogger("com.boxoffice.A").debug("shown");
    assertThat(lines()).hasSize(2).allMatch(l -> l.contains("shown"));
  }

  @Test
  void logLevelIsReadInAnyCaseAndANameThatIsNoLevelIsRefused() {
    assertThat(LogLevels.parse(null)).contains(Level.INFO);
    assertThat(LogLevels.parse(" ")).contains(Level.INFO);
    assertThat(LogLevels.parse("debug")).contains(Level.DEBUG);
    assertThat(LogLevels.parse(" WARN ")).contains(Level.WARN);
    assertThat(LogLevels.parse("WARNING")).isEmpty();
    assertThat(LogLevels.parse("inof")).isEmpty();
  }

  @Test
  void aLogLevelThatNamesNoLevelLogsAtInfoAfterOneWarningLine() throws Exception {
    JsonLoggerFactory factory = JsonLogProvider.configure("inof", Clock.fixed(NOW, ZoneOffset.UTC), mdc,
        new LogOutput(printed));
    factory.getLogger("com.boxoffice.A").debug("hidden");
    factory.getLogger("com.boxoffice.A").info("shown");

    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode warning = json(lines.get(0));
    assertThat(warning.get("level").asText()).isEqualTo("WARN");
    assertThat(warning.get("logger").asText()).isEqualTo(LogLevels.class.getName());
    assertThat(warning.get("message").asText()).startsWith("LOG_LEVEL=inof names no level");
    assertThat(json(lines.get(1)).get("message").asText()).isEqualTo("shown");

    printed.reset();
    JsonLogProvider.configure("debug", Clock.fixed(NOW, ZoneOffset.UTC), mdc, new LogOutput(printed))
        .getLogger("com.boxoffice.A").debug("shown at debug");
    assertThat(lines()).singleElement().asString().contains("shown at debug");
  }

  @Test
  void concurrentWritersNeverInterleaveTheirLines() throws Exception {
    JsonLoggerFactory factory = factory(Level.INFO);
    int threads = 8;
    int each = 500;
    String padding = "x".repeat(2000);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int writer = t;
      done.add(pool.submit(() -> {
        Logger log = factory.getLogger("writer" + writer);
        start.await();
        for (int i = 0; i < each; i++) {
          log.info("{} {} {}", writer, i, padding);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> lines = lines();
    assertThat(lines).hasSize(threads * each);
    int[] next = new int[threads];
    for (String line : lines) {
      String[] parts = json(line).get("message").asText().split(" ");
      int writer = Integer.parseInt(parts[0]);
      assertThat(Integer.parseInt(parts[1])).as("writer %d in order", writer).isEqualTo(next[writer]++);
      assertThat(parts[2]).isEqualTo(padding);
    }
  }

  @Test
  void listenersSeeEveryLineWithoutItsNewline() throws Exception {
    JsonLoggerFactory factory = factory(Level.INFO);
    List<String> heard = new ArrayList<>();
    try (AutoCloseable listening = factory.listen(heard::add)) {
      factory.getLogger("a").info("one");
    }
    factory.getLogger("a").info("two");
    assertThat(heard).containsExactly(lines().get(0));
  }

  @Test
  void slf4jFindsThisProviderAndItsMdc() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JsonLoggerFactory.class);
    org.slf4j.MDC.put("k", "v");
    assertThat(org.slf4j.MDC.getCopyOfContextMap()).isEqualTo(Map.of("k", "v"));
    org.slf4j.MDC.clear();
  }
}
