package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.domain.order.CheckoutRefusal;
import com.boxoffice.shared.domain.order.InventoryBusyException;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Domain refusals leave the edge as exactly the envelopes docs/api.md documents. */
class RefusalsTest {

  private static APIGatewayV2HTTPResponse answer(RuntimeException refusal) {
    var lambda = new HttpLambda("refusals", 64, () -> new Router().route("POST", "/v1/x", r -> {
      throw refusal;
    })) {};
    return lambda.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/x").withRouteKey("$default")
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/v1/x")
                .withSourceIp("203.0.113.9").build()).build()).build(), null);
  }

  private static String envelope(String code, String message, boolean retryable, String fields) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"retryable\":" + retryable
        + ",\"fields\":" + fields + "}}";
  }

  @Test
  void everyCheckoutRefusalBecomesItsDocumentedStatusAndEnvelope() {
    record Case(RuntimeException refusal, int status, String body, Map<String, String> headers) {}
    var fields = new LinkedHashMap<String, String>();
    fields.put("eventId", "no such event");
    for (Case c : new Case[] {
        new Case(new CheckoutRefusal.Invalid(fields), 400,
            envelope("validation_failed", "Some fields are missing or invalid.", false, "{\"eventId\":\"no such event\"}"),
            Map.of()),
        new Case(new CheckoutRefusal.NotOnSale("evt-1"), 409,
            envelope("event_not_on_sale", "Tickets for this event are not on sale.", false, "{}"), Map.of()),
        new Case(new SoldOutException(Map.of("vip", 0)), 409,
            envelope("sold_out", "Not enough tickets are left for this order.", false, "{\"vip\":\"0 left\"}"), Map.of()),
        new Case(new InventoryBusyException(null), 503,
            envelope("inventory_busy", "Many people are buying these tickets right now; please try again.", true, "{}"),
            Map.of("Retry-After", "1")),
        new Case(new InventoryUnavailableException("ThrottlingError", null), 503,
            envelope("inventory_unavailable", "We could not reserve seats just now and nothing was held; please try again.",
                true, "{}"), Map.of("Retry-After", "1")),
        new Case(new CheckoutRefusal.RateLimited("checkout-ip", 42), 429,
            envelope("rate_limited", "Too many requests; try again in 42 s.", true, "{}"), Map.of("Retry-After", "42")),
        new Case(new CheckoutRefusal.PaymentProviderUnavailable(30), 503,
            envelope("payment_provider_unavailable", Refusals.PAYMENT_UNAVAILABLE_MESSAGE, true, "{}"),
            Map.of("Retry-After", "30")),
        new Case(new CheckoutRefusal.PaymentProviderRejected(), 502,
            envelope("payment_provider_rejected",
                "The payment provider refused to start this payment. Your card has not been charged.", false, "{}"),
            Map.of())}) {
      var response = answer(c.refusal());

      assertThat(response.getStatusCode()).as(c.refusal().getClass().getSimpleName()).isEqualTo(c.status());
      assertThat(response.getBody()).isEqualTo(c.body());
      assertThat(response.getHeaders()).containsAllEntriesOf(c.headers());
    }
    assertThat(answer(new CheckoutRefusal.PaymentProviderUnavailable(0)).getHeaders()).doesNotContainKey("Retry-After");
  }

  @Test
  void onlyDeterministicClientRefusalsAreFinalAnswers() {
    assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::finalAnswer).map(ErrorCode::wire))
        .contains("validation_failed", "event_not_on_sale", "not_found", "idempotency_key_reused")
        .doesNotContain("sold_out", "rate_limited", "request_in_progress", "internal_error", "inventory_busy",
            "inventory_unavailable", "payment_provider_unavailable", "payment_provider_rejected", "configuration_error");
  }

  @Test
  void everyCodeTheOpenApiDocumentListsIsAnErrorCodeAndViceVersaForTheCheckoutApi() throws Exception {
    String spec = Files.readString(RepoRoot.find().resolve("docs/openapi.yaml"));
    var m = Pattern.compile("code:\\s*\\n\\s*type: string\\s*\\n\\s*enum: \\[([^\\]]*)\\]").matcher(spec);
    assertThat(m.find()).as("the Error code enum in docs/openapi.yaml").isTrue();
    Set<String> documented = Arrays.stream(m.group(1).split(",")).map(String::trim).collect(Collectors.toSet());
    Set<String> known = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());

    assertThat(known).containsAll(documented);
    assertThat(known).filteredOn(c -> !Set.of("malformed_event", "invalid_signature",
        "event_in_progress", "retry_unavailable").contains(c)).as("codes only other functions answer")
        .containsExactlyInAnyOrderElementsOf(documented);
  }
}
