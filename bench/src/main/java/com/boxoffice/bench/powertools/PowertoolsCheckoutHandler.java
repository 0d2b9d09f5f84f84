package com.boxoffice.bench.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.checkout.CheckoutHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyConfig;
import software.amazon.lambda.powertools.idempotency.Idempotent;
import software.amazon.lambda.powertools.idempotency.persistence.DynamoDBPersistenceStore;

/**
 * The checkout handler as a user of Powertools for AWS Lambda (Java) v1 would make it idempotent:
 * {@code @Idempotent} on {@code handleRequest}, keyed on the caller and the {@code Idempotency-Key}
 * header, the body validated against the stored hash, records in the same idempotency table
 * ({@code id}, {@code expiration}, {@code status}, {@code data}, {@code validation}). The wrapped
 * handler gets the request without the header, so only Powertools deals with the key.
 *
 * <p>The annotation only works when the class is woven; scripts/bench.sh runs the benchmark JVM with
 * the AspectJ weaver agent and {@code META-INF/aop.xml} names this package.
 */
public final class PowertoolsCheckoutHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final CheckoutHandler inner;

  public PowertoolsCheckoutHandler(CheckoutHandler inner) {
    this.inner = inner;
  }

  /** Powertools v1 keeps one configuration per JVM; every handler instance shares it. */
  public static synchronized void configure(DynamoDbClient dynamo, String table) {
    Idempotency.config()
        .withConfig(IdempotencyConfig.builder()
            // An object, not a list: 1.15.0 takes any list key for a missing one and logs a warning on
            // every call (it still hashes the whole list, so the key works).
            .withEventKeyJMESPath("{sub: requestContext.authorizer.jwt.claims.sub, key: headers.\"idempotency-key\"}")
            .withPayloadValidationJMESPath("body")
            .withExpiration(Duration.ofHours(24))
            .build())
        .withPersistenceStore(DynamoDBPersistenceStore.builder().withTableName(table).withDynamoDbClient(dynamo).build())
        .configure();
  }

  /** True when the weaver is active in this JVM, so {@code @Idempotent} does anything at all. */
  public static boolean woven() {
    try {
      return software.amazon.lambda.powertools.idempotency.internal.IdempotentAspect.hasAspect();
    } catch (LinkageError e) {
      return false;
    }
  }

  @Override
  @Idempotent
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    // A copy without the header: Powertools reads the original event again when it stores the
    // answer, so changing it in place would store the answer under another key.
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.remove("idempotency-key");
    APIGatewayV2HTTPEvent copy = APIGatewayV2HTTPEvent.builder()
        .withVersion(event.getVersion())
        .withRouteKey(event.getRouteKey())
        .withRawPath(event.getRawPath())
        .withRawQueryString(event.getRawQueryString())
        .withCookies(event.getCookies())
        .withHeaders(headers)
        .withQueryStringParameters(event.getQueryStringParameters())
        .withPathParameters(event.getPathParameters())
        .withStageVariables(event.getStageVariables())
        .withBody(event.getBody())
        .withIsBase64Encoded(event.getIsBase64Encoded())
        .withRequestContext(event.getRequestContext())
        .build();
    return inner.handleRequest(copy, context);
  }
}
