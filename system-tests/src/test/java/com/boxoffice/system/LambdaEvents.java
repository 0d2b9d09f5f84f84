package com.boxoffice.system;

import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

/** The sample events of {@code events/}, and the function URL event Stripe's deliveries arrive as. */
final class LambdaEvents {
  private LambdaEvents() {}

  /** {@code events/<path>} as JSON, e.g. {@code checkout/checkout-signed-in.json}. */
  static ObjectNode sample(String path) {
    try {
      return (ObjectNode) Json.mapper().readTree(Files.readString(RepoRoot.find().resolve("events").resolve(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample HTTP API event with another body. */
  static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    return event;
  }

  /**
   * A Lambda function URL event (payload format 2.0) of a POST with this body, signed or not, the
   * shape scripts/sign-webhook-event.sh writes.
   */
  static String functionUrlPost(String body, String stripeSignature) {
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("version", "2.0");
    e.put("routeKey", "$default");
    e.put("rawPath", "/");
    e.put("rawQueryString", "");
    ObjectNode headers = e.putObject("headers");
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    headers.put("host", "localhost");
    if (stripeSignature != null) {
      headers.put("stripe-signature", stripeSignature);
    }
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("accountId", "anonymous");
    ctx.put("apiId", "local");
    ctx.put("domainName", "localhost");
    ctx.put("domainPrefix", "local");
    ObjectNode http = ctx.putObject("http");
    http.put("method", "POST");
    http.put("path", "/");
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    ctx.put("requestId", UUID.randomUUID().toString());
    ctx.put("routeKey", "$default");
    ctx.put("stage", "$default");
    ctx.put("timeEpoch", Instant.now().toEpochMilli());
    e.put("body", body);
    e.put("isBase64Encoded", false);
    return Json.write(e);
  }

  /** An HTTP API / function URL response payload: {@code statusCode}, {@code headers}, {@code body}. */
  record HttpAnswer(int status, JsonNode body, String raw) {
    static HttpAnswer of(String payload) {
      try {
        JsonNode response = Json.mapper().readTree(payload);
        if (response.has("errorType") || !response.has("statusCode")) {
          throw new AssertionError("not an HTTP response (the function failed?): " + payload);
        }
        String body = response.path("body").asText("");
        return new HttpAnswer(response.path("statusCode").asInt(),
            body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body), payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static JsonNode json(String payload) {
    try {
      return Json.mapper().readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
