package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.JsonLoggerFactory;
import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The logs are proven, not assumed: a whole purchase, its payment, the confirmation mail and the
 * door run through the real handlers on the local stack, every line they log is rendered with the
 * production logging back end (com.boxoffice.shared.log in the layer), and each line must be one JSON object that names
 * its function and request and carries no address, ticket code, fallback code, bearer token,
 * webhook secret or Stripe key.
 */
class ProductionLogLinesTest {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.");
  private static final Pattern STRIPE_KEY = Pattern.compile("\\b(sk|rk)_(test|live)_");
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_");

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @Test
  void aPurchaseToTheDoorLogsOnlyJsonLinesWithIdsAndNothingConfidential() throws Exception {
    LocalSettings settings = new LocalSettings(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick(),
        FreePort.pick(), FreePort.pick(), null);
    List<String> lines;
    List<String> confidential;
    String webhookSecret;
    try (LocalRunner runner = new LocalRunner(settings, RepoRoot.find())) {
      LocalStack stack = runner.start();
      webhookSecret = stack.webhookSecret();
      LocalWalkthrough walk = new LocalWalkthrough(stack);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      try (Capture capture = Capture.attach()) {
        boolean passed = walk.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(passed).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        lines = capture.lines();
      }
      confidential = walk.confidentialValues();
    }
    assertThat(confidential).as("the walkthrough handed over tokens, an address and codes").hasSizeGreaterThanOrEqualTo(6);

    Set<String> functions = new TreeSet<>();
    for (String line : lines) {
      assertThat(line).as("one line per event").doesNotContain("\n").doesNotContain("\r");
      JsonNode json = Json.mapper().readTree(line);
      assertThat(json.isObject()).as(line).isTrue();
      assertThat(json.path("level").asText()).as(line).isNotEmpty();
      assertThat(json.path("message").isTextual()).as(line).isTrue();
      if (!json.path("error").isMissingNode()) {
        assertThat(json.path("error").path("stack").isMissingNode() || json.path("error").path("stack").isTextual())
            .as("a stack trace is one string field: %s", line).isTrue();
      }
      if (fromTheFunctions(json.path("logger").asText())) {
        JsonNode context = json.path("context");
        assertThat(context.path("function").asText()).as("function in %s", line).isNotEmpty();
        assertThat(context.path("requestId").asText()).as("requestId in %s", line).isNotEmpty();
        functions.add(context.path("function").asText());
      }

      assertThat(EMAIL.matcher(line).find()).as("an email address in %s", line).isFalse();
      assertThat(JWT.matcher(line).find()).as("a bearer token in %s", line).isFalse();
      assertThat(STRIPE_KEY.matcher(line).find()).as("a Stripe key in %s", line).isFalse();
      assertThat(WEBHOOK_SECRET.matcher(line).find()).as("a webhook secret in %s", line).isFalse();
      assertThat(line).doesNotContain(webhookSecret);
      String lower = line.toLowerCase(Locale.ROOT);
      for (String value : confidential) {
        assertThat(lower).as("a confidential value the run handled").doesNotContain(value.toLowerCase(Locale.ROOT));
      }
    }
    // The run must have been seen at all: each function that served a step logged through the layout.
    assertThat(functions).contains("checkout", "stripe-webhook", "scanner-validate", "process-email-queue");
  }

  private static boolean fromTheFunctions(String logger) {
    return logger.startsWith("com.boxoffice.") && !logger.startsWith("com.boxoffice.local.")
        && !logger.startsWith("com.boxoffice.testkit.");
  }

  /** Every line the production logging back end writes while attached. */
  private static final class Capture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AutoCloseable listening;

    private Capture() {
      JsonLoggerFactory loggers = (JsonLoggerFactory) LoggerFactory.getILoggerFactory();
      listening = loggers.listen(lines::add);
    }

    static Capture attach() {
      return new Capture();
    }

    List<String> lines() {
      return new ArrayList<>(lines);
    }

    @Override
    public void close() throws Exception {
      listening.close();
    }
  }
}
