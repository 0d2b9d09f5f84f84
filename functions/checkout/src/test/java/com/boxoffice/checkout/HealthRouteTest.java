package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/health} through the checkout handler as Lambda builds it, on DynamoDB Local: no
 * token, no Stripe call, the failing check named and nothing else.
 */
@ExtendWith(LocalAwsExtension.class)
class HealthRouteTest {

  @BeforeAll
  static void localCredentials() {
    TestEnvironments.useLocalCredentials();
  }

  private static Map<String, String> env(LocalAws aws, LocalResources res) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
    env.put("STRIPE_SECRET_KEY", "sk_test_health");
    env.put("STRIPE_API_BASE", "http://127.0.0.1:9");
    env.put("CHECKOUT_SUCCESS_URL", "http://127.0.0.1:3000/local/paid?session_id={CHECKOUT_SESSION_ID}");
    env.put("CHECKOUT_CANCEL_URL", "http://127.0.0.1:3000/local/cancelled");
    env.put("QR_SIGNING_KEYS", "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
        + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}");
    return env;
  }

  /** As API Gateway sends it on a route with {@code Authorizer: NONE}: no JWT claims at all. */
  private static APIGatewayV2HTTPEvent health(String method) {
    return CheckoutFixture.event(method, "/v1/health", method + " /v1/health", Map.of(), null, null,
        "198.51.100.7", Map.of());
  }

  private static APIGatewayV2HTTPResponse get(Map<String, String> env) {
    return new CheckoutHandler(new Env(env)).handleRequest(health("GET"), null);
  }

  @Test
  void aConfiguredFunctionWhoseTableAnswersIsOkWithItsVersionAndWithoutAToken(LocalAws aws, LocalResources res) {
    var response = get(TestEnvironments.with(env(aws, res), "APP_VERSION", "1.4.0-7-gabc123"));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo(
        "{\"status\":\"ok\",\"version\":\"1.4.0-7-gabc123\",\"checks\":{\"configuration\":\"ok\",\"table\":\"ok\"}}");
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Type", "application/json").containsKey("X-Request-Id");
  }

  @Test
  void withoutAppVersionTheVersionIsDev(LocalAws aws, LocalResources res) {
    var response = get(TestEnvironments.without(env(aws, res), "APP_VERSION"));

    assertThat(json(response).get("version").asText()).isEqualTo("dev");
  }

  @Test
  void aFunctionWhoseConfigurationFailedIs503NamingTheCheckButNoSetting(LocalAws aws, LocalResources res) {
    var response = get(TestEnvironments.without(env(aws, res), "STRIPE_SECRET_KEY"));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(503);
    assertThat(json(response).get("status").asText()).isEqualTo("failing");
    assertThat(json(response).get("checks").get("configuration").asText()).isEqualTo("failing");
    assertThat(json(response).get("checks").get("table").asText())
        .as("the table is probed without the configuration that failed").isEqualTo("ok");
    assertThat(response.getBody()).doesNotContain("STRIPE").doesNotContain("sk_test").doesNotContain("error");
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
  }

  @Test
  void aTableThatDoesNotAnswerIs503NamingTheTable(LocalAws aws, LocalResources res) {
    var unreachable = TestEnvironments.with(env(aws, res), "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1");

    var response = get(unreachable);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(503);
    assertThat(json(response).get("checks").get("configuration").asText()).isEqualTo("ok");
    assertThat(json(response).get("checks").get("table").asText()).isEqualTo("failing");
    assertThat(response.getBody()).doesNotContain("127.0.0.1").doesNotContain(res.table("BoxofficeTable"));
  }

  @Test
  void otherMethodsOnTheHealthPathAreNotAllowed(LocalAws aws, LocalResources res) {
    var response = new CheckoutHandler(new Env(env(aws, res))).handleRequest(health("POST"), null);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("method_not_allowed");
  }
}
