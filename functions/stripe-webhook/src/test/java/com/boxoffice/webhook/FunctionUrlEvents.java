package com.boxoffice.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Lambda function URL events (payload format 2.0) as Stripe's deliveries arrive. */
final class FunctionUrlEvents {
  private FunctionUrlEvents() {}

  static byte[] sample(String name) {
    try {
      return Files.readAllBytes(RepoRoot.find().resolve("events/stripe-webhook").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static APIGatewayV2HTTPEvent post(byte[] body, String signature, boolean base64) {
    return request("POST", body, signature, base64);
  }

  static APIGatewayV2HTTPEvent request(String method, byte[] body, String signature, boolean base64) {
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    if (signature != null) {
      headers.put("stripe-signature", signature);
    }
    var e = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath("/")
        .withHeaders(headers)
        .withBody(body == null ? null : base64 ? Base64.getEncoder().encodeToString(body)
            : new String(body, java.nio.charset.StandardCharsets.UTF_8))
        .withIsBase64Encoded(base64)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("req-" + java.util.UUID.randomUUID())
            .withStage("$default")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath("/")
                .withSourceIp("3.18.12.63").build())
            .build())
        .build();
    return e;
  }
}
