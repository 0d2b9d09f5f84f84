package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each function built the way the local runner builds it, from exactly the environment
 * {@code template.yaml} gives it (references resolved to the local tables and queues, secrets by
 * value), answers a request with its own logic rather than {@code configuration_error}. A variable
 * a handler needs but the template does not set fails here, not on the first cold start.
 */
@ExtendWith(LocalAwsExtension.class)
class TemplateEnvironmentStartTest {
  private final LocalTemplate template = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"));

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  private LocalEnvironment environments(LocalAws aws, LocalResources res) {
    Map<String, String> common = new LinkedHashMap<>();
    common.put("AWS_REGION", "us-east-1");
    common.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:9");
    common.put("STRIPE_API_BASE", "http://127.0.0.1:9");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CheckoutSuccessUrl", "http://127.0.0.1:3000/local/paid?session_id={CHECKOUT_SESSION_ID}");
    parameters.put("CheckoutCancelUrl", "http://127.0.0.1:3000/local/cancelled");
    parameters.put("SenderAddress", "tickets@boxoffice.localhost");
    parameters.put("SesMaxSendRate", "14");
    parameters.put("EmailConfigurationSet", "boxoffice-local");
    parameters.put("Stage", res.stage());
    parameters.put("ApnsPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/APNS/local");
    parameters.put("FcmPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/GCM/local");
    template.parameterDefaults().forEach((k, v) -> parameters.putIfAbsent(k, String.valueOf(v)));
    Map<String, String> secrets = Map.of(
        "STRIPE_SECRET_KEY", "sk_test_local",
        "STRIPE_WEBHOOK_SECRETS", "whsec_local_start",
        "QR_SIGNING_KEYS", LocalDemo.qrSigningKeysJson(new SecureRandom()));
    return new LocalEnvironment(template, res, parameters, secrets, common);
  }

  @SuppressWarnings("unchecked")
  private static APIGatewayV2HTTPResponse http(Object handler, String method, String path, String routeKey,
      Map<String, String> pathParams, String body) {
    var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-" + UUID.randomUUID())
        .withRouteKey(routeKey).withStage("$default")
        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
            .withSourceIp("127.0.0.1").build())
        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
            .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(Map.of("sub", "someone")).withScopes(List.of()).build()).build())
        .build();
    var event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
        .withHeaders(Map.of("content-type", "application/json")).withPathParameters(pathParams)
        .withBody(body).withIsBase64Encoded(false).withRequestContext(ctx).build();
    return ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, null);
  }

  private static String code(APIGatewayV2HTTPResponse r) {
    return Json.read(r.getBody(), JsonNode.class).at("/error/code").asText();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyFunctionStartsFromTheEnvironmentTheTemplateGivesIt(LocalAws aws, LocalResources res) {
    LocalEnvironment env = environments(aws, res);
    Map<String, Object> handlers = new LinkedHashMap<>();
    for (String id : List.of("CheckoutFunction", "StripeWebhookFunction", "ScannerValidateFunction",
        "ProcessWebhookRetriesFunction", "ProcessEmailQueueFunction", "OrganizerOrdersFunction")) {
      handlers.put(id, LocalRunner.instantiate(template.function(id), env.forFunction(id)));
    }

    var order = http(handlers.get("CheckoutFunction"), "GET", "/v1/orders/ord_000000000000000000000001",
        "GET /v1/orders/{orderId}", Map.of("orderId", "ord_000000000000000000000001"), null);
    assertThat(order.getStatusCode()).as(order.getBody()).isEqualTo(404);
    assertThat(code(order)).isNotEqualTo("configuration_error");
    var health = http(handlers.get("CheckoutFunction"), "GET", "/v1/health", "GET /v1/health", null, null);
    assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(200);
    assertThat(Json.read(health.getBody(), JsonNode.class).path("version").asText())
        .as("the AppVersion parameter's default, through APP_VERSION").isEqualTo("dev");

    var webhook = http(handlers.get("StripeWebhookFunction"), "POST", "/", "$default", null, "{}");
    assertThat(webhook.getStatusCode()).as(webhook.getBody()).isEqualTo(400);
    assertThat(code(webhook)).isEqualTo("invalid_signature");

    var scan = http(handlers.get("ScannerValidateFunction"), "POST", "/v1/scans", "POST /v1/scans", null, "{}");
    assertThat(scan.getStatusCode()).as(scan.getBody()).isIn(400, 403);
    assertThat(code(scan)).isNotEqualTo("configuration_error");

    // The token here has no organizer scope: refused at the edge, after the function started.
    var orgOrder = http(handlers.get("OrganizerOrdersFunction"), "GET", "/v1/org/orders/ord_000000000000000000000001",
        "GET /v1/org/orders/{orderId}", Map.of("orderId", "ord_000000000000000000000001"), null);
    assertThat(orgOrder.getStatusCode()).as(orgOrder.getBody()).isEqualTo(403);
    assertThat(code(orgOrder)).isEqualTo("insufficient_scope");

    var retries = (RequestHandler<Map<String, Object>, Map<String, Object>>) handlers.get("ProcessWebhookRetriesFunction");
    for (var schedule : template.function("ProcessWebhookRetriesFunction").schedules()) {
      // With no pending order, reconcile has nothing to ask Stripe about.
      Map<String, Object> input = new LinkedHashMap<>(Json.read(schedule.input(), Map.class));
      var result = retries.handleRequest(input, new LocalContext("ProcessWebhookRetriesFunction", 12));
      assertThat(result).as(schedule.name()).doesNotContainKey("error").containsEntry("task", input.get("task"));
    }

    var email = (RequestHandler<Map<String, Object>, Map<String, Object>>) handlers.get("ProcessEmailQueueFunction");
    for (var schedule : template.function("ProcessEmailQueueFunction").schedules()) {
      // 12 s left and the default 10 s margin: one short poll of the empty queue.
      Map<String, Object> input = new LinkedHashMap<>(Json.read(schedule.input(), Map.class));
      var result = email.handleRequest(input, new LocalContext("ProcessEmailQueueFunction", 12));
      assertThat(result).as(schedule.name()).doesNotContainKey("error").containsEntry("received", 0);
    }
  }
}
