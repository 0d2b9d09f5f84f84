package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.TemplateResources;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTemplateTest {
  private final LocalTemplate template = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"));

  @Test
  void readsEveryFunctionWithItsHandlerRoutesAndSchedules() {
    assertThat(template.functions()).containsOnlyKeys("CheckoutFunction", "StripeWebhookFunction",
        "ScannerValidateFunction", "ProcessEmailQueueFunction", "ProcessWebhookRetriesFunction",
        "ProcessTableStreamFunction", "OrganizerOrdersFunction",
        "ProcessAnalyticsStreamFunction", "RecountAnalyticsFunction", "AnalyticsApiFunction",
        "DevicesFunction", "ProcessPushQueueFunction", "OrganizerFunction", "CatalogFunction",
        "DetectScanAnomaliesFunction", "ScanAnomaliesApiFunction");
    assertThat(template.function("ProcessTableStreamFunction").tableStream()).isTrue();
    assertThat(template.function("ScannerValidateFunction").tableStream()).isFalse();
    assertThat(template.function("OrganizerOrdersFunction").routes()).contains(
        new LocalTemplate.Route("GET", "/v1/org/orders/{orderId}", true),
        new LocalTemplate.Route("POST", "/v1/org/events/{eventId}/cancel", true));
    var checkout = template.function("CheckoutFunction");
    assertThat(checkout.handlerClass()).isEqualTo("com.boxoffice.checkout.CheckoutHandler");
    assertThat(checkout.routes()).contains(
        new LocalTemplate.Route("POST", "/v1/checkout", true),
        new LocalTemplate.Route("POST", "/v1/guest/checkout", false),
        new LocalTemplate.Route("GET", "/v1/health", false));
    assertThat(template.function("StripeWebhookFunction").functionUrl()).isTrue();
    assertThat(template.function("ProcessWebhookRetriesFunction").schedules())
        .extracting(LocalTemplate.Schedule::input)
        .containsExactlyInAnyOrder("{\"task\":\"retries\"}", "{\"task\":\"reconcile\"}", "{\"task\":\"sweep-holds\"}");
    assertThat(template.function("ProcessAnalyticsStreamFunction").streams())
        .containsExactly(new LocalTemplate.StreamSource("TableChanges", "BoxofficeTable", 100));
    assertThat(template.function("AnalyticsApiFunction").routes())
        .containsExactly(new LocalTemplate.Route("GET", "/v1/org/events/{id}/analytics", true));
    assertThat(template.function("RecountAnalyticsFunction").schedules())
        .extracting(LocalTemplate.Schedule::input).containsExactly("{\"task\":\"recount\"}");
  }

  @Test
  void everyHandlerClassNamedInTheTemplateExists() throws Exception {
    for (var f : template.functions().values()) {
      assertThat(Class.forName(f.handlerClass())).as(f.logicalId()).isNotNull();
    }
  }

  @Test
  void everyEnvironmentVariableOfEveryFunctionHasALocalValue() {
    TemplateResources resources = TemplateResources.load();
    Map<String, String> tables = new HashMap<>();
    resources.tables().values().forEach(t -> tables.put(t.logicalId(), t.nameFor("local")));
    Map<String, String> queues = new HashMap<>();
    resources.queues().values().forEach(q -> queues.put(q.logicalId(), "http://127.0.0.1/q/" + q.nameFor("local")));
    var local = new LocalResources("local", tables, queues);
    Map<String, String> params = new HashMap<>(Map.of(
        "CheckoutSuccessUrl", "http://127.0.0.1/ok", "CheckoutCancelUrl", "http://127.0.0.1/no",
        "SenderAddress", "a@b.c", "EmailConfigurationSet", "cs", "Stage", "local", "SesMaxSendRate", "14",
        "ApnsPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/APNS/local",
        "FcmPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/GCM/local"));
    template.parameterDefaults().forEach((k, v) -> params.putIfAbsent(k, String.valueOf(v)));
    var env = new LocalEnvironment(template, local, params,
        Map.of("STRIPE_SECRET_KEY", "sk_test_x", "STRIPE_WEBHOOK_SECRETS", "whsec_x", "QR_SIGNING_KEYS", "{}"),
        Map.of("AWS_REGION", "us-east-1"));
    for (String f : template.functions().keySet()) {
      Map<String, String> vars = env.forFunction(f);
      assertThat(vars).as(f).containsEntry("TABLE_NAME", "boxoffice-local").doesNotContainKey("JAVA_TOOL_OPTIONS");
      assertThat(vars.keySet()).as(f).noneMatch(k -> k.endsWith("_SECRET_ARN"));
    }
    assertThat(env.forFunction("StripeWebhookFunction"))
        .containsEntry("STRIPE_WEBHOOK_SECRETS", "whsec_x")
        .containsEntry("EMAIL_QUEUE_URL", "http://127.0.0.1/q/boxoffice-email-local");
  }

  @Test
  void everyFunctionHasSampleEventsThatAreJsonObjects() throws Exception {
    var events = RepoRoot.find().resolve("events");
    for (String logicalId : template.functions().keySet()) {
      String folder = logicalId.replaceAll("Function$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
      var dir = events.resolve(folder);
      assertThat(dir).as(logicalId).isDirectory();
      try (var files = java.nio.file.Files.list(dir)) {
        var samples = files.filter(p -> p.toString().endsWith(".json")).toList();
        assertThat(samples).as(logicalId + " samples in " + dir).isNotEmpty();
        for (var sample : samples) {
          assertThat(com.boxoffice.shared.json.Json.mapper().readTree(sample.toFile()).isObject()).as(sample.toString())
              .isTrue();
        }
      }
    }
  }

  @Test
  void scheduleRatesAreUnderstood() {
    assertThat(LocalRunner.rate("rate(1 minute)").toSeconds()).isEqualTo(60);
    assertThat(LocalRunner.rate("rate(5 minutes)").toSeconds()).isEqualTo(300);
    assertThat(LocalRunner.rate("rate(1 hour)").toSeconds()).isEqualTo(3600);
    assertThatThrownBy(() -> LocalRunner.rate("cron(0 * * * ? *)")).isInstanceOf(LocalSetupException.class);
  }

  @Test
  void routeTemplatesMatchPathsAndExtractParameters() {
    assertThat(HttpBridge.match("/v1/orders/{orderId}", "/v1/orders/ord-1")).containsEntry("orderId", "ord-1");
    assertThat(HttpBridge.match("/v1/orders/{orderId}", "/v1/orders/")).isNull();
    assertThat(HttpBridge.match("/v1/checkout", "/v1/checkout/")).isEmpty();
    assertThat(HttpBridge.match("/v1/checkout", "/v1/scans")).isNull();
  }

  @Test
  void localTokensAreCheckedLikeTheJwtAuthorizerDoes() {
    Clock clock = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    LocalJwt jwt = new LocalJwt("0123456789abcdef0123456789abcdef".getBytes(), clock);
    String token = jwt.issue("buyer-1", Map.of("email", "ada@example.com"), 60);
    assertThat(jwt.verify("Bearer " + token)).hasValueSatisfying(c ->
        assertThat(c).containsEntry("sub", "buyer-1").containsEntry("email", "ada@example.com"));
    assertThat(jwt.verify(null)).isEmpty();
    assertThat(jwt.verify("Bearer " + token.substring(0, token.length() - 2) + "xx")).isEmpty();
    LocalJwt other = new LocalJwt("another-secret-another-secret-00".getBytes(), clock);
    assertThat(other.verify("Bearer " + token)).isEmpty();
    LocalJwt later = new LocalJwt("0123456789abcdef0123456789abcdef".getBytes(),
        Clock.offset(clock, java.time.Duration.ofMinutes(2)));
    assertThat(later.verify("Bearer " + token)).as("expired").isEmpty();
  }
}
